from django.urls import include, path

from chanjiao.listings.api import views

urlpatterns = [
    path("", include("chanjiao.listings.api.import_urls")),
    path("", include("chanjiao.listings.api.export_urls")),
    path("listing-kinds/", views.ListingKindListApi.as_view(), name="listing-kinds"),
    path("listings/", views.ListingListApi.as_view(), name="listings"),
    path("listings/mine/", views.ListingMineApi.as_view(), name="listings-mine"),
    path("listings/review-queue/", views.ReviewQueueApi.as_view(), name="listings-review-queue"),
    path("listings/<int:listing_id>/", views.ListingDetailApi.as_view(), name="listing-detail"),
    path(
        "listings/<int:listing_id>/submit/", views.ListingSubmitApi.as_view(), name="listing-submit"
    ),
    path(
        "listings/<int:listing_id>/approve/",
        views.ListingApproveApi.as_view(),
        name="listing-approve",
    ),
    path(
        "listings/<int:listing_id>/reject/", views.ListingRejectApi.as_view(), name="listing-reject"
    ),
    path("listings/<int:listing_id>/close/", views.ListingCloseApi.as_view(), name="listing-close"),
    path(
        "listings/<int:listing_id>/report/", views.ListingReportApi.as_view(), name="listing-report"
    ),
    path(
        "listings/<int:listing_id>/history/",
        views.ListingHistoryApi.as_view(),
        name="listing-history",
    ),
    path(
        "listings/<int:listing_id>/personal-data/",
        views.ListingPersonalDataApi.as_view(),
        name="listing-personal-data",
    ),
    path(
        "listings/<int:listing_id>/consents/",
        views.ListingConsentListApi.as_view(),
        name="listing-consents",
    ),
    path(
        "consents/<int:consent_id>/withdraw/",
        views.ConsentWithdrawApi.as_view(),
        name="consent-withdraw",
    ),
]
