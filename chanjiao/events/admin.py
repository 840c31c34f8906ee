from django.contrib import admin
from django.http import HttpRequest

from chanjiao.events.models import EventEnterprise, EventRegistration, MatchEvent


class _ReadOnly(admin.ModelAdmin):
    """Read-only: events and registrations change only through the services (pages and API),
    which check capacities under the event's row lock and notify people."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(MatchEvent)
class MatchEventAdmin(_ReadOnly):
    list_display = ["title", "organizer", "kind", "starts_at", "region", "state", "is_demo"]
    list_filter = ["kind", "state", "audience", "is_demo"]
    search_fields = ["title", "organizer__name"]
    raw_id_fields = ["organizer", "created_by", "region"]


@admin.register(EventEnterprise)
class EventEnterpriseAdmin(_ReadOnly):
    list_display = ["event", "organization", "state", "created_at"]
    list_filter = ["state"]
    search_fields = ["event__title", "organization__name"]
    raw_id_fields = ["event", "organization", "registered_by", "decided_by", "posts"]


@admin.register(EventRegistration)
class EventRegistrationAdmin(_ReadOnly):
    list_display = ["event", "user", "state", "created_at"]
    list_filter = ["state"]
    search_fields = ["event__title", "user__username"]
    raw_id_fields = ["event", "user"]
