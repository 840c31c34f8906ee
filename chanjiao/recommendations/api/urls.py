"""API routes of the recommendations app (mounted under /api/v1/)."""

from django.urls import path

from chanjiao.recommendations.api import views

urlpatterns = [
    path("recommendations/me/", views.MyRecommendationListApi.as_view(), name="recommendations-me"),
    path(
        "recommendations/listings/<int:listing_id>/",
        views.ListingRecommendationListApi.as_view(),
        name="recommendations-listing",
    ),
    path(
        "recommendations/cohorts/<int:school_id>/<int:major_id>/<int:year>/",
        views.CohortRecommendationListApi.as_view(),
        name="recommendations-cohort",
    ),
    path(
        "recommendations/<int:recommendation_id>/dismiss/",
        views.RecommendationDismissApi.as_view(),
        name="recommendation-dismiss",
    ),
    path(
        "recommendations/settings/",
        views.RecommendationPreferenceApi.as_view(),
        name="recommendations-settings",
    ),
]
