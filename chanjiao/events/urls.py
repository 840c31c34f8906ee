"""Web pages of the events app."""

from django.urls import URLPattern, URLResolver, path

from chanjiao.events import views

app_name = "events"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.list_page, name="list"),
    path("new/", views.create_page, name="create"),
    path("mine/", views.mine_page, name="mine"),
    path("registered/", views.registered_page, name="registered"),
    path("participations/", views.participations_page, name="participations"),
    path("<int:event_id>/", views.detail_page, name="detail"),
    path("<int:event_id>/edit/", views.edit_page, name="edit"),
    path("<int:event_id>/cancel/", views.cancel_page, name="cancel"),
    path("<int:event_id>/register/", views.register_page, name="register"),
    path(
        "registrations/<int:registration_id>/cancel/",
        views.registration_cancel_page,
        name="registration-cancel",
    ),
    path(
        "<int:event_id>/enterprises/",
        views.enterprise_register_page,
        name="enterprise-register",
    ),
    path(
        "<int:event_id>/enterprises/<int:participation_id>/<str:action>/",
        views.enterprise_transition_page,
        name="enterprise-transition",
    ),
]
