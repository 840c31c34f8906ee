"""Reads: the applicant's list, the publisher's inbox, one application, the contact card.

The contact card (name, phone, e-mail, résumé, school) is shown to a publisher member only inside
one application and only while the applicant's consent is active; every such view is audited.
Lists show masked names and never phones.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Q, QuerySet

from chanjiao.accounts.models import User
from chanjiao.applications.models import Application, ApplicationState
from chanjiao.applications.permissions import (
    APPLICABLE_KINDS,
    organization_ids_user_acts_for,
    user_can_see_application,
    user_is_publisher_member,
)
from chanjiao.audit.services import audit_event_record
from chanjiao.common.exceptions import NotFoundError
from chanjiao.listings.models import Listing
from chanjiao.workflow.models import TransitionRecord
from chanjiao.workflow.selectors import transition_histories, transition_history

NOT_FOUND = "未找到该投递。"
CONTACT_FIELDS = ["real_name", "phone", "email", "resume", "school", "major", "graduation_year"]
STATE_TONES = {
    ApplicationState.SUBMITTED: "pending",
    ApplicationState.VIEWED: "pending",
    ApplicationState.INTERVIEW: "ok",
    ApplicationState.HIRED: "ok",
    ApplicationState.DECLINED: "bad",
    ApplicationState.WITHDRAWN: "muted",
    ApplicationState.CLOSED: "muted",
}
STEP_TEXTS = {
    "submit": "投递",
    "view": "单位已查看",
    "invite": "邀请面试",
    "hire": "录用",
    "decline": "不合适",
    "withdraw": "本人撤回",
    "close": "岗位关闭",
}


def _related(applications: QuerySet[Application]) -> QuerySet[Application]:
    return applications.select_related(
        "listing", "organization", "applicant", "profile", "school", "major", "event"
    )


def application_list_for_applicant(
    *, fetched_by: User | AnonymousUser, state: str = ""
) -> QuerySet[Application]:
    """The person's own applications, newest first."""
    if not fetched_by.is_authenticated:
        return Application.objects.none()
    applications = Application.objects.filter(applicant_id=fetched_by.pk)
    if state:
        applications = applications.filter(state=state)
    return _related(applications).order_by("-submitted_at", "-pk")


def application_inbox(
    *,
    fetched_by: User | AnonymousUser,
    listing_id: int | None = None,
    state: str = "",
) -> QuerySet[Application]:
    """The applications received by the organisations the user acts for, newest first."""
    applications = Application.objects.filter(
        organization_id__in=organization_ids_user_acts_for(fetched_by)
    )
    if listing_id is not None:
        applications = applications.filter(listing_id=listing_id)
    if state:
        applications = applications.filter(state=state)
    return _related(applications).order_by("-submitted_at", "-pk")


def applicable_post(listing_id: int) -> Listing | None:
    """The live job or internship post one may apply to, or None (never a draft's title)."""
    return (
        Listing.objects.published()
        .filter(pk=listing_id, kind__in=APPLICABLE_KINDS)
        .select_related("organization", "region")
        .first()
    )


def application_state_counts(applications: QuerySet[Application]) -> dict[str, int]:
    """How many of these applications are in each state (every state named, zero included)."""
    found = dict(
        applications.order_by()
        .values_list("state")
        .annotate(n=Count("pk"))
        .values_list("state", "n")
    )
    return {state: found.get(state, 0) for state in ApplicationState.values}


@dataclass(frozen=True)
class ListingCount:
    """One post of the inbox with its number of applications and of new ones."""

    listing: Listing
    total: int
    new: int


def application_listing_counts(*, fetched_by: User | AnonymousUser) -> list[ListingCount]:
    """The inbox's posts, most applications first, with their totals and new ones."""
    rows = (
        Application.objects.filter(organization_id__in=organization_ids_user_acts_for(fetched_by))
        .order_by()
        .values("listing_id")
        .annotate(total=Count("pk"), new=Count("pk", filter=Q(state=ApplicationState.SUBMITTED)))
    )
    counts = {row["listing_id"]: row for row in rows}
    listings = Listing.objects.filter(pk__in=counts)
    return sorted(
        (
            ListingCount(
                listing=listing,
                total=counts[listing.pk]["total"],
                new=counts[listing.pk]["new"],
            )
            for listing in listings
        ),
        key=lambda item: (-item.total, -item.listing.pk),
    )


def listing_application_counts(listing: Listing) -> tuple[int, int]:
    """The post's applications: (total, new)."""
    counts = Application.objects.filter(listing=listing).aggregate(
        total=Count("pk"), new=Count("pk", filter=Q(state=ApplicationState.SUBMITTED))
    )
    return counts["total"], counts["new"]


def application_for_listing(user: User | AnonymousUser, listing: Listing) -> Application | None:
    """The person's current application to this post (a withdrawn one only if nothing newer)."""
    if not user.is_authenticated:
        return None
    return (
        Application.objects.filter(listing=listing, applicant_id=user.pk)
        .order_by("-submitted_at", "-pk")
        .first()
    )


def application_get_for_user(user: User | AnonymousUser, application_id: int) -> Application:
    """Return the application if the user is its applicant or a publisher member; else not found."""
    application = _related(Application.objects.filter(pk=application_id)).first()
    if application is None:
        raise NotFoundError(NOT_FOUND)
    if not user_can_see_application(user, application):
        raise NotFoundError(NOT_FOUND)
    return application


@dataclass(frozen=True)
class ApplicantContact:
    """The applicant's full contact card, as the publisher sees it inside one application."""

    real_name: str
    phone: str
    email: str
    resume: str
    school: str
    major: str
    graduation_year: int | None

    def as_dict(self) -> dict[str, Any]:
        return {field: getattr(self, field) for field in CONTACT_FIELDS}


def application_contact(*, actor: User, application: Application) -> ApplicantContact | None:
    """The contact card for a publisher member while the consent is active (audited); else None."""
    if not user_is_publisher_member(actor, application):
        return None
    if not application.consent_active:
        return None
    applicant = application.applicant
    resume = ""
    if application.profile is not None:
        resume = str((application.profile.details or {}).get("resume", "") or "")
    contact = ApplicantContact(
        real_name=applicant.real_name,
        phone=applicant.phone,
        email=applicant.email,
        resume=resume,
        school=application.school.name if application.school else "",
        major=application.major.name if application.major else "",
        graduation_year=application.graduation_year,
    )
    audit_event_record(
        actor=actor,
        action="application.personal_data.view",
        target=application,
        changes={"fields": CONTACT_FIELDS},
    )
    return contact


def _history_rows(records: list[TransitionRecord]) -> list[dict[str, Any]]:
    return [
        {
            "step": STEP_TEXTS.get(record.transition, record.transition),
            "transition": record.transition,
            "state": record.to_state,
            "state_label": ApplicationState(record.to_state).label
            if record.to_state in ApplicationState.values
            else record.to_state,
            "at": record.created_at,
            "message": record.reason,
        }
        for record in records
    ]


def application_history(application: Application) -> list[dict[str, Any]]:
    """The application's steps, oldest first: what happened, when, and the publisher's message."""
    return _history_rows(transition_history(application))


def application_histories(applications: Sequence[Application]) -> dict[int, list[dict[str, Any]]]:
    """The steps of each of these applications (a page of a list), in one query."""
    histories = transition_histories(applications)
    return {a.pk: _history_rows(histories[str(a.pk)]) for a in applications}
