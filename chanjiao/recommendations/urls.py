"""Web page routes of the recommendations app (mounted at /recommendations/)."""

from django.urls import path

from chanjiao.recommendations import views

app_name = "recommendations"
urlpatterns = [
    path("", views.recommendation_index_page, name="index"),
    path("me/", views.my_recommendations_page, name="me"),
    path("listings/<int:listing_id>/", views.listing_recommendations_page, name="listing"),
    path(
        "cohorts/<int:school_id>/<int:major_id>/<int:year>/",
        views.cohort_recommendations_page,
        name="cohort",
    ),
    path("<int:recommendation_id>/dismiss/", views.dismiss_action, name="dismiss"),
    path("settings/", views.preference_action, name="settings"),
]
