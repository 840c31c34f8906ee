"""Reading events: what an event offers, for the pages and for the apps above."""

from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from chanjiao.accounts.models import User
from chanjiao.common.exceptions import NotFoundError
from chanjiao.events.models import (
    EventEnterprise,
    EventRegistration,
    EventState,
    MatchEvent,
    ParticipationState,
)
from chanjiao.events.permissions import (
    organizations_user_organizes_for,
    organizations_user_registers_for,
    user_can_manage_event,
)
from chanjiao.listings.kinds import ListingKind
from chanjiao.listings.models import Listing
from chanjiao.organizations.models import Organization

EVENT_NOT_FOUND = "未找到该活动。"
EVENT_CANCELLED = "该活动已取消。"
DEADLINE_PASSED = "报名已截止。"
POST_KINDS = (ListingKind.JOB, ListingKind.INTERNSHIP)


def event_post_ids(event: MatchEvent) -> set[int]:
    """The posts the event's approved enterprises bring (applications from the event: these)."""
    if event.state != EventState.PUBLISHED:
        return set()
    return set(
        event.enterprises.filter(state=ParticipationState.APPROVED).values_list(
            "posts__pk", flat=True
        )
    ) - {None}


def _with_counts(events: QuerySet[MatchEvent]) -> QuerySet[MatchEvent]:
    return events.select_related("organizer", "region").annotate(
        approved_count=Count(
            "enterprises",
            filter=Q(enterprises__state=ParticipationState.APPROVED),
            distinct=True,
        ),
        registered_count=Count(
            "registrations",
            filter=Q(registrations__state=EventRegistration.State.REGISTERED),
            distinct=True,
        ),
    )


def event_list_public(
    *,
    region_code: str = "",
    kind: str = "",
    audience: str = "",
    past: bool = False,
) -> QuerySet[MatchEvent]:
    """Published events: upcoming or running ones, soonest first; with ``past``, ended ones,
    latest first. ``region_code`` keeps the region and the regions below it."""
    now = timezone.now()
    events = MatchEvent.objects.filter(state=EventState.PUBLISHED)
    if region_code:
        events = events.filter(region__code__startswith=region_code)
    if kind:
        events = events.filter(kind=kind)
    if audience:
        events = events.filter(audience=audience)
    if past:
        events = events.filter(ends_at__lt=now).order_by("-starts_at", "-pk")
    else:
        events = events.filter(ends_at__gte=now).order_by("starts_at", "pk")
    return _with_counts(events)


def event_get(*, event_id: int) -> MatchEvent:
    """Any event by id (the event page is public; a cancelled one shows why)."""
    event = (
        MatchEvent.objects.select_related("organizer", "region", "created_by")
        .filter(pk=event_id)
        .first()
    )
    if event is None:
        raise NotFoundError(EVENT_NOT_FOUND)
    return event


def event_participation_get(*, event: MatchEvent, participation_id: int) -> EventEnterprise:
    """An enterprise's registration for this event (its permission is the workflow's)."""
    participation = (
        EventEnterprise.objects.select_related("organization", "event", "event__organizer")
        .filter(event=event, pk=participation_id)
        .first()
    )
    if participation is None:
        raise NotFoundError("未找到该参会报名。")
    return participation


def live_posts() -> QuerySet[Listing]:
    """Jobs and internships that are published and not past their end date."""
    return Listing.objects.published().filter(kind__in=POST_KINDS)


def enterprise_post_options(organization: Organization) -> QuerySet[Listing]:
    """The posts an organisation may bring: its live jobs and internships, newest first."""
    return live_posts().filter(organization=organization).order_by("-published_at", "-pk")


def event_approved_enterprises(event: MatchEvent) -> list[EventEnterprise]:
    """The approved enterprises with their posts still live (what the public page lists)."""
    if event.state != EventState.PUBLISHED:
        return []
    return list(
        event.enterprises.filter(state=ParticipationState.APPROVED)
        .select_related("organization", "organization__region")
        .prefetch_related(Prefetch("posts", queryset=live_posts().order_by("kind", "title", "pk")))
        .order_by("organization__name", "pk")
    )


def event_enterprises_for_organizer(event: MatchEvent) -> QuerySet[EventEnterprise]:
    """Every enterprise registration of the event, in registration order (the organiser's
    list; the page splits it into pending and decided)."""
    return (
        event.enterprises.select_related("organization", "registered_by")
        .prefetch_related("posts")
        .order_by("created_at", "pk")
    )


def event_registrations_for_organizer(event: MatchEvent) -> QuerySet[EventRegistration]:
    """The people registered (not cancelled), in registration order."""
    return (
        event.registrations.filter(state=EventRegistration.State.REGISTERED)
        .select_related("user")
        .order_by("created_at", "pk")
    )


def event_registered_count(event: MatchEvent) -> int:
    return event.registrations.filter(state=EventRegistration.State.REGISTERED).count()


def event_approved_count(event: MatchEvent) -> int:
    return event.enterprises.filter(state=ParticipationState.APPROVED).count()


def event_list_organized(*, fetched_by: User | AnonymousUser) -> QuerySet[MatchEvent]:
    """The events of the organisations the user organises for, latest start first."""
    ids = [org.pk for org in organizations_user_organizes_for(fetched_by)]
    events = MatchEvent.objects.filter(organizer_id__in=ids).annotate(
        pending_count=Count(
            "enterprises",
            filter=Q(enterprises__state=ParticipationState.PENDING),
            distinct=True,
        )
    )
    return _with_counts(events).order_by("-starts_at", "-pk")


def event_registrations_of_user(*, user: User | AnonymousUser) -> QuerySet[EventRegistration]:
    """The person's own registrations (cancelled ones too), latest event first."""
    if not user.is_authenticated:
        return EventRegistration.objects.none()
    return (
        EventRegistration.objects.filter(user_id=user.pk)
        .select_related("event", "event__organizer", "event__region")
        .order_by("-event__starts_at", "-pk")
    )


def event_registration_of_user(
    *, user: User | AnonymousUser, event: MatchEvent
) -> EventRegistration | None:
    """The person's current registration for the event, if any."""
    if not user.is_authenticated:
        return None
    return event.registrations.filter(
        user_id=user.pk, state=EventRegistration.State.REGISTERED
    ).first()


def event_registration_get_for_user(
    *, user: User | AnonymousUser, registration_id: int
) -> EventRegistration:
    """The person's own registration; another person's is not found (never 403)."""
    registration = (
        EventRegistration.objects.select_related("event")
        .filter(pk=registration_id, user_id=user.pk)
        .first()
        if user.is_authenticated
        else None
    )
    if registration is None:
        raise NotFoundError("未找到该报名记录。")
    return registration


def event_participations_of_user(*, user: User | AnonymousUser) -> QuerySet[EventEnterprise]:
    """The registrations of the organisations the user registers for, latest event first."""
    ids = [org.pk for org in organizations_user_registers_for(user)]
    return (
        EventEnterprise.objects.filter(organization_id__in=ids)
        .select_related("event", "event__organizer", "organization")
        .prefetch_related("posts")
        .order_by("-event__starts_at", "-pk")
    )


def event_participations_for_event(
    *, user: User | AnonymousUser, event: MatchEvent
) -> list[EventEnterprise]:
    """This user's organisations' registrations for the event (withdrawn ones excluded)."""
    ids = [org.pk for org in organizations_user_registers_for(user)]
    if not ids:
        return []
    return list(
        event.enterprises.filter(organization_id__in=ids)
        .exclude(state=ParticipationState.WITHDRAWN)
        .select_related("organization")
        .prefetch_related("posts")
    )


def event_outcome_counts(event: MatchEvent) -> dict[str, int]:
    """Approved enterprises, posts they brought, people registered, applications made from the
    event, those invited to interview (ever), and offers (录用)."""
    applications = event.applications.aggregate(
        total=Count("pk"),
        invited=Count("pk", filter=Q(invited_at__isnull=False)),
        offers=Count("pk", filter=Q(state="hired")),
    )
    approved = event.enterprises.filter(state=ParticipationState.APPROVED).aggregate(
        enterprises=Count("pk", distinct=True), posts=Count("posts", distinct=True)
    )
    return {
        "enterprises": approved["enterprises"],
        "posts": approved["posts"],
        "registrations": event_registered_count(event),
        "applications": applications["total"],
        "invited": applications["invited"],
        "offers": applications["offers"],
    }


def registration_closed_reason(event: MatchEvent) -> str:
    """Why people and enterprises may not register now ("" while registration is open)."""
    if event.state == EventState.CANCELLED:
        return EVENT_CANCELLED
    now = timezone.now()
    if event.registration_deadline is not None and now >= event.registration_deadline:
        return DEADLINE_PASSED
    if now >= event.starts_at:
        return "活动已开始，报名已截止。"
    return ""


@dataclass(frozen=True)
class EventView:
    """What one user sees of an event (the page and the API show the same)."""

    event: MatchEvent
    enterprises: list[EventEnterprise]
    registered_count: int
    approved_count: int
    closed_reason: str
    my_registration: EventRegistration | None
    my_participations: list[EventEnterprise]
    registers_for: list[Organization]
    can_manage: bool
    outcomes: dict[str, int] | None

    @property
    def registration_open(self) -> bool:
        return not self.closed_reason

    @property
    def started(self) -> bool:
        return self.event.starts_at <= timezone.now()

    @property
    def show_online_url(self) -> bool:
        """The online link: for those registered, approved enterprises and the organiser."""
        approved = any(p.state == ParticipationState.APPROVED for p in self.my_participations)
        return self.can_manage or self.my_registration is not None or approved

    @property
    def seats_left(self) -> int | None:
        capacity = self.event.student_capacity
        return None if capacity is None else max(capacity - self.registered_count, 0)


def event_view_for_user(*, event: MatchEvent, user: User | AnonymousUser) -> EventView:
    """The event as this user sees it: approved enterprises and their live posts for everyone;
    the user's own registration and participations; the counts for the organiser only."""
    outcomes = event_outcome_counts(event) if user_can_manage_event(user, event) else None
    return EventView(
        event=event,
        enterprises=event_approved_enterprises(event),
        # The organiser's figures hold both counts already: no second query for them.
        registered_count=(
            outcomes["registrations"] if outcomes is not None else event_registered_count(event)
        ),
        approved_count=(
            outcomes["enterprises"] if outcomes is not None else event_approved_count(event)
        ),
        closed_reason=registration_closed_reason(event),
        my_registration=event_registration_of_user(user=user, event=event),
        my_participations=event_participations_for_event(user=user, event=event),
        registers_for=organizations_user_registers_for(user),
        can_manage=outcomes is not None,
        outcomes=outcomes,
    )
