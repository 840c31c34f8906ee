"""Web page routes of the crosswalk app."""

from django.urls import path

from chanjiao.crosswalk import views

app_name = "crosswalk"
urlpatterns = [
    path("", views.index_page, name="index"),
    path("review/", views.review_page, name="review"),
    path("majors/<int:major_id>/", views.major_page, name="major"),
    path("majors/<int:major_id>/links/", views.major_link_add_page, name="major-link-add"),
    path(
        "major-links/<int:link_id>/<str:action>/",
        views.major_link_action_page,
        name="major-link-action",
    ),
    path("occupations/<int:occupation_id>/", views.occupation_page, name="occupation"),
    path(
        "occupations/<int:occupation_id>/industries/",
        views.industry_link_add_page,
        name="industry-link-add",
    ),
    path(
        "industry-links/<int:link_id>/remove/",
        views.industry_link_remove_page,
        name="industry-link-remove",
    ),
    path(
        "industry-links/<int:link_id>/review/<str:action>/",
        views.industry_link_review_page,
        name="industry-link-review",
    ),
]
