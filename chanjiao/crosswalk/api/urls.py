"""API routes of the crosswalk app (mounted under /api/v1/)."""

from django.urls import path

from chanjiao.crosswalk.api import views

urlpatterns = [
    path(
        "occupations/classify/",
        views.OccupationClassifyApi.as_view(),
        name="occupation-classify",
    ),
    path(
        "crosswalk/majors/<int:major_id>/",
        views.CrosswalkMajorApi.as_view(),
        name="crosswalk-major",
    ),
    path(
        "crosswalk/occupations/<int:occupation_id>/",
        views.CrosswalkOccupationApi.as_view(),
        name="crosswalk-occupation",
    ),
    path(
        "crosswalk/major-links/", views.MajorLinkCreateApi.as_view(), name="crosswalk-major-links"
    ),
    *[
        path(
            f"crosswalk/major-links/<int:link_id>/{action}/",
            views.MajorLinkActionApi.as_view(action=action),
            name=f"crosswalk-major-link-{action}",
        )
        for action in ("remove", "confirm", "reject")
    ],
    path(
        "crosswalk/listings/<int:listing_id>/occupation/",
        views.ListingOccupationCorrectApi.as_view(),
        name="crosswalk-listing-occupation",
    ),
    path(
        "crosswalk/industry-links/",
        views.IndustryLinkCreateApi.as_view(),
        name="crosswalk-industry-links",
    ),
    path(
        "crosswalk/industry-links/<int:link_id>/remove/",
        views.IndustryLinkRemoveApi.as_view(),
        name="crosswalk-industry-link-remove",
    ),
]
