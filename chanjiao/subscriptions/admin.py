from django.contrib import admin

from chanjiao.subscriptions.models import Notification, Subscription


@admin.register(Subscription)
class SubscriptionAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "kind", "region", "is_active", "email_enabled", "created_at"]
    list_filter = ["is_active", "email_enabled", "kind"]
    search_fields = ["name", "user__username"]
    raw_id_fields = ["user"]


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["title", "user", "category", "is_read", "created_at"]
    list_filter = ["is_read", "category"]
    search_fields = ["title", "user__username"]
    raw_id_fields = ["user", "subscription", "listing"]
