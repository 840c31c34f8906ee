"""Writing the planned demonstration items: checked like user input, synchronised in bulk.

Each item is keyed by its publisher, kind and ``external_id`` (``demo-<kind>-<n>``); a run
creates the missing items, updates those that differ from the plan and deletes the demonstration
items the plan no longer has. History events follow each written item's timeline, and every
written or deleted item is queued for the search index, as the workflow services do. Subscribers
are not notified: demonstration items are no news.
"""

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet, prefetch_related_objects

from chanjiao.accounts.models import User
from chanjiao.common.exceptions import ApplicationError
from chanjiao.demo.services.listing_context import ListingPlan
from chanjiao.demo.services.listing_timeline import Timeline
from chanjiao.listings.kinds import kind_spec
from chanjiao.listings.models import (
    LISTING_CONTENT_FIELDS,
    Listing,
    ListingEvent,
    ListingStatus,
    OccupationSource,
)
from chanjiao.listings.services.snapshot import listing_snapshot
from chanjiao.listings.validation import CodeResolver, listing_values_clean
from chanjiao.organizations.models import Organization
from chanjiao.search.services import search_index_mark

S = ListingStatus
_BATCH = 500
_TIMESTAMPS = ("created_at", "updated_at")
_RELATIONS = ("organization", "author", "region", "industry", "occupation", "reviewed_by")
_COPIED = LISTING_CONTENT_FIELDS

Key = tuple[int | None, int | None, str, str]


@dataclass
class _Row:
    """The planned state of one item: column values, related rows and majors."""

    plan: ListingPlan
    values: dict[str, Any]
    relations: dict[str, Any]
    majors: frozenset[int]
    # Columns the classifier fills (a post planned without an occupation): they follow the
    # classifier's version and the inferred links, so a second run neither compares nor resets them.
    derived: frozenset[str] = frozenset()


@dataclass
class ListingSync:
    created: int = 0
    updated: int = 0
    deleted: int = 0


def demo_listings_sync(
    *,
    plans: list[ListingPlan],
    organizations: dict[str, Organization],
    users: dict[str, User],
    existing: QuerySet[Listing] | None = None,
) -> ListingSync:
    """Make the demonstration items of ``existing`` (default: all) exactly the planned ones."""
    resolver = CodeResolver().preload()
    desired = {}
    for plan in plans:
        row = _row(plan, resolver, organizations, users)
        desired[_key(row.values)] = row
    rows = Listing.objects.filter(is_demo=True) if existing is None else existing
    current = {_key_of(listing): listing for listing in rows}
    stale = [listing.pk for key, listing in current.items() if key not in desired]
    deleted = Listing.objects.filter(pk__in=stale).delete()[0] if stale else 0
    majors = _current_majors()
    created = _create([row for key, row in desired.items() if key not in current])
    changed = [
        (current[key], row)
        for key, row in desired.items()
        if key in current and _differs(current[key], row, majors.get(current[key].pk, set()))
    ]
    updated = _update(changed)
    _write_history(created + updated, desired)
    search_index_mark(listing_ids=[*stale, *(listing.pk for listing in created + updated)])
    return ListingSync(created=len(created), updated=len(updated), deleted=deleted)


def demo_listings_delete() -> int:
    """Delete the demonstration items and every item of a demonstration publisher."""
    listings = Listing.objects.filter(
        Q(is_demo=True)
        | Q(organization__is_demo=True)
        | Q(organization__isnull=True, author__is_demo=True)
    )
    ids = list(listings.values_list("pk", flat=True))
    search_index_mark(listing_ids=ids)
    return int(Listing.objects.filter(pk__in=ids).delete()[0]) if ids else 0


def _row(
    plan: ListingPlan,
    resolver: CodeResolver,
    organizations: dict[str, Organization],
    users: dict[str, User],
) -> _Row:
    """Check the item's input as a user's would be, then add its publisher and workflow."""
    spec = kind_spec(plan.kind)
    cleaned = _clean(plan, resolver)
    organization = organizations[plan.organization_key] if plan.organization_key else None
    industry = cleaned.get("industry")
    if spec.industry_from_employer and organization is not None:
        industry = organization.industry
    relations = {
        "organization": organization,
        "author": users[plan.author],
        "region": cleaned["region"],
        "industry": industry,
        "occupation": cleaned["occupation"],
        "reviewed_by": users[plan.reviewer] if plan.reviewer else None,
    }
    values = {name: cleaned[name] for name in _COPIED}
    values.update({f"{name}_id": row.pk if row else None for name, row in relations.items()})
    values.update(_workflow(plan.timeline), kind=plan.kind)
    values["occupation_source"] = cleaned.get("occupation_source") or ""
    values["occupation_confidence"] = cleaned.get("occupation_confidence")
    derived: frozenset[str] = frozenset()
    if values["occupation_source"] == OccupationSource.CLASSIFIED:
        derived = frozenset({"occupation_id", "occupation_source", "occupation_confidence"})
        from_employer = spec.industry_from_employer and organization is not None
        if not from_employer and not plan.data.get("industry_code"):
            derived |= {"industry_id"}  # the guess's industry
    return _Row(plan, values, relations, frozenset(m.pk for m in cleaned["majors"]), derived)


def _clean(plan: ListingPlan, resolver: CodeResolver) -> dict[str, Any]:
    data = {**plan.data, "external_id": plan.external_id}
    try:
        return listing_values_clean(kind_spec(plan.kind), data, resolver)
    except ApplicationError as error:
        raise ApplicationError(
            f"演示数据“{plan.external_id}”未通过校验：{error.message}", extra=error.extra
        ) from error


def _workflow(steps: Timeline) -> dict[str, Any]:
    """The columns of where an item stands: as the workflow services would have left them."""
    return {
        "status": steps.status,
        "status_reason": steps.status_reason,
        "submitted_at": steps.submitted_at,
        "reviewed_at": steps.reviewed_at,
        "published_at": steps.published_at,
        "closed_at": steps.closed_at,
        "open_report_count": 0,
        "version": 1,
        "is_demo": True,
        "created_at": steps.created_at,
        "updated_at": steps.updated_at,
    }


def _key(values: dict[str, Any]) -> Key:
    """Publisher, kind and external id; a personal item's publisher is its author."""
    organization = values["organization_id"]
    author = values["author_id"] if organization is None else None
    return organization, author, values["kind"], values["external_id"]


def _key_of(listing: Listing) -> Key:
    author = listing.author_id if listing.organization_id is None else None
    return listing.organization_id, author, listing.kind, listing.external_id


def _current_majors() -> dict[int, set[int]]:
    majors: dict[int, set[int]] = {}
    through = Listing.majors.through.objects.filter(listing__is_demo=True)
    for listing_id, major_id in through.values_list("listing_id", "major_id"):
        majors.setdefault(listing_id, set()).add(major_id)
    return majors


def _differs(listing: Listing, row: _Row, majors: set[int]) -> bool:
    return majors != row.majors or any(
        getattr(listing, name) != value
        for name, value in row.values.items()
        if name not in row.derived
    )


def _create(rows: list[_Row]) -> list[Listing]:
    listings = [Listing(**row.values) for row in rows]
    Listing.objects.bulk_create(listings, batch_size=_BATCH)
    # auto_now and auto_now_add stamp the insert; the timeline's times replace them.
    for listing, row in zip(listings, rows, strict=True):
        listing.created_at, listing.updated_at = row.values["created_at"], row.values["updated_at"]
        _attach(listing, row)
    Listing.objects.bulk_update(listings, list(_TIMESTAMPS), batch_size=_BATCH)
    _write_majors(listings, rows)
    return listings


def _update(changed: list[tuple[Listing, _Row]]) -> list[Listing]:
    fields: set[str] = set()
    for listing, row in changed:
        fields |= {name for name, value in row.values.items() if getattr(listing, name) != value}
        for name, value in row.values.items():
            setattr(listing, name, value)
        _attach(listing, row)
    listings = [listing for listing, _ in changed]
    if fields:
        Listing.objects.bulk_update(listings, sorted(fields), batch_size=_BATCH)
    Listing.majors.through.objects.filter(listing__in=listings).delete()
    _write_majors(listings, [row for _, row in changed])
    return listings


def _attach(listing: Listing, row: _Row) -> None:
    """Set the related rows themselves, so snapshots read them without a query each."""
    for name in _RELATIONS:
        setattr(listing, name, row.relations[name])


def _write_majors(listings: list[Listing], rows: list[_Row]) -> None:
    through = Listing.majors.through
    links = [
        through(listing_id=listing.pk, major_id=major_id)
        for listing, row in zip(listings, rows, strict=True)
        for major_id in sorted(row.majors)
    ]
    through.objects.bulk_create(links, batch_size=_BATCH)


def _write_history(listings: list[Listing], desired: dict[Key, _Row]) -> None:
    """Replace the written items' history with the steps of their timelines."""
    if not listings:
        return
    ListingEvent.objects.filter(listing__in=listings).delete()
    prefetch_related_objects(listings, "majors")
    events: list[ListingEvent] = []
    for listing in listings:
        events += _events(listing, desired[_key_of(listing)].plan)
    stamps = [event.created_at for event in events]
    ListingEvent.objects.bulk_create(events, batch_size=_BATCH)
    for event, stamp in zip(events, stamps, strict=True):
        event.created_at = stamp
    ListingEvent.objects.bulk_update(events, ["created_at"], batch_size=_BATCH)


def _events(listing: Listing, plan: ListingPlan) -> list[ListingEvent]:
    steps, author, reviewer = plan.timeline, listing.author, listing.reviewed_by
    events = [_event(listing, "create", "", S.DRAFT, author, steps.created_at)]
    events[0].snapshot = listing_snapshot(listing)
    if steps.submitted_at:
        events.append(_event(listing, "submit", S.DRAFT, S.SUBMITTED, author, steps.submitted_at))
    if steps.status == S.REJECTED and steps.reviewed_at:
        events.append(
            _event(
                listing,
                "reject",
                S.SUBMITTED,
                S.REJECTED,
                reviewer,
                steps.reviewed_at,
                steps.status_reason,
            )
        )
    elif steps.published_at:
        events.append(
            _event(listing, "approve", S.SUBMITTED, S.PUBLISHED, reviewer, steps.published_at)
        )
    if steps.status == S.EXPIRED and steps.closed_at:
        events.append(_event(listing, "expire", S.PUBLISHED, S.EXPIRED, None, steps.closed_at))
    return events


def _event(
    listing: Listing,
    action: str,
    before: str,
    after: str,
    actor: User | None,
    at: Any,
    reason: str = "",
) -> ListingEvent:
    return ListingEvent(
        listing=listing,
        actor=actor,
        action=action,
        from_status=before,
        to_status=after,
        reason=reason,
        version=listing.version,
        created_at=at,
    )
