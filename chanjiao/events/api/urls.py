from django.urls import path

from chanjiao.events.api import views

urlpatterns = [
    path("events/", views.EventListApi.as_view(), name="events"),
    path("events/<int:event_id>/", views.EventDetailApi.as_view(), name="event-detail"),
    path(
        "events/<int:event_id>/register/",
        views.EventRegisterApi.as_view(),
        name="event-register",
    ),
    path(
        "events/<int:event_id>/enterprises/",
        views.EventEnterpriseRegisterApi.as_view(),
        name="event-enterprises",
    ),
    path(
        "events/<int:event_id>/enterprises/<int:participation_id>/transitions/",
        views.EventEnterpriseTransitionApi.as_view(),
        name="event-enterprise-transitions",
    ),
    path(
        "events/<int:event_id>/outcomes/",
        views.EventOutcomeApi.as_view(),
        name="event-outcomes",
    ),
]
