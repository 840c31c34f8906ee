from django.urls import path

from chanjiao.subscriptions import views

app_name = "subscriptions"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("read-all/", views.notifications_read_all, name="read-all"),
    path("settings/", views.notice_settings, name="settings"),
    path("<int:notification_id>/", views.notification_open, name="open"),
    path("<int:notification_id>/read/", views.notification_read, name="read"),
    path("subscriptions/", views.subscription_list, name="list"),
    path("subscriptions/new/", views.subscription_create, name="create"),
    path(
        "subscriptions/<int:subscription_id>/delete/",
        views.subscription_delete,
        name="delete",
    ),
]
