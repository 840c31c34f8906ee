from django.urls import path

from chanjiao.subscriptions.api import views

urlpatterns = [
    path("subscriptions/", views.SubscriptionListApi.as_view(), name="subscriptions"),
    path(
        "subscriptions/<int:subscription_id>/",
        views.SubscriptionDetailApi.as_view(),
        name="subscription-detail",
    ),
    path("notifications/", views.NotificationListApi.as_view(), name="notifications"),
    path(
        "notifications/settings/",
        views.NoticeSettingsApi.as_view(),
        name="notifications-settings",
    ),
    path(
        "notifications/read-all/",
        views.NotificationReadAllApi.as_view(),
        name="notifications-read-all",
    ),
    path(
        "notifications/<int:notification_id>/read/",
        views.NotificationReadApi.as_view(),
        name="notification-read",
    ),
]
