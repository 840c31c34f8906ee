"""Write one batch of imported items with bulk queries, history included.

The caller holds the transaction; these writes are only made while the file has no error, and
the whole import is rolled back if a later row turns out to be bad.
"""

import datetime
from typing import Any

from chanjiao.accounts.models import User
from chanjiao.common.users import account_or_none
from chanjiao.listings.hooks import listings_changed
from chanjiao.listings.kinds import KindSpec
from chanjiao.listings.models import LISTING_CONTENT_FIELDS, Listing, ListingEvent, ListingStatus
from chanjiao.listings.services.snapshot import listing_snapshot
from chanjiao.organizations.models import Organization

S = ListingStatus
MajorLink = Listing.majors.through
CATALOG_FIELDS = ("region", "occupation", "industry")
UPDATE_FIELDS = [
    *(name for name in LISTING_CONTENT_FIELDS if name != "external_id"),
    *CATALOG_FIELDS,
    "occupation_source",
    "occupation_confidence",
    "version",
    "status",
    "status_reason",
    "submitted_at",
    "updated_at",
]


def listing_content_same(
    listing: Listing,
    values: dict[str, Any],
    *,
    industry: Any,
    spec: KindSpec,
    major_ids: set[int],
) -> bool:
    """Tell whether an existing item already holds these imported values."""
    for name, value in values.items():
        if name == "majors":
            continue
        if name in CATALOG_FIELDS:
            if getattr(listing, f"{name}_id") != (value.pk if value is not None else None):
                return False
        elif getattr(listing, name) != value:
            return False
    employer_industry = getattr(industry, "pk", None)
    from_employer = spec.industry_from_employer and employer_industry is not None
    if from_employer and listing.industry_id != employer_industry:
        return False
    return major_ids == {major.pk for major in values["majors"]}


class BatchWriter:
    """Create and update the items of one batch, with their majors and history events."""

    def __init__(
        self,
        *,
        spec: KindSpec,
        organization: Organization,
        actor: User,
        submit: bool,
        now: datetime.datetime,
    ) -> None:
        self.spec = spec
        self.organization = organization
        self.author = actor
        self.actor = account_or_none(actor)
        self.submit = submit
        self.now = now

    def create(self, rows: list[dict[str, Any]]) -> None:
        """Insert new items (drafts, or submitted when the import submits them)."""
        listings, majors, snapshots = [], [], []
        for values in rows:
            values = dict(values)
            row_majors = values.pop("majors")
            listing = Listing(
                kind=self.spec.kind.value,
                organization=self.organization,
                author=self.author,
                **values,
            )
            self._employer_industry(listing)
            snapshots.append(self._snapshot(listing, row_majors))
            if self.submit:
                listing.status, listing.submitted_at = S.SUBMITTED, self.now
            listings.append(listing)
            majors.append(row_majors)
        Listing.objects.bulk_create(listings)
        self._link_majors(listings, majors)
        events = []
        for listing, snapshot in zip(listings, snapshots, strict=True):
            events.append(self._event(listing, "create", "", S.DRAFT, snapshot))
            if self.submit:
                events.append(self._event(listing, "submit", S.DRAFT, S.SUBMITTED))
        ListingEvent.objects.bulk_create(events)

    def update(self, pairs: list[tuple[Listing, dict[str, Any]]]) -> None:
        """Change existing items; a published or approved item goes back to review."""
        events, majors = [], []
        for listing, values in pairs:
            values = dict(values)
            row_majors = values.pop("majors")
            before = listing.status
            for name, value in values.items():
                setattr(listing, name, value)
            self._employer_industry(listing)
            listing.version += 1
            listing.updated_at = self.now
            if before in (S.PUBLISHED, S.APPROVED):
                listing.status, listing.submitted_at = S.SUBMITTED, self.now
            snapshot = self._snapshot(listing, row_majors)
            events.append(self._event(listing, "update", before, listing.status, snapshot))
            if self.submit and listing.status in (S.DRAFT, S.REJECTED):
                events.append(self._event(listing, "submit", listing.status, S.SUBMITTED))
                listing.status, listing.submitted_at = S.SUBMITTED, self.now
                listing.status_reason = ""
            majors.append(row_majors)
        listings = [listing for listing, _ in pairs]
        Listing.objects.bulk_update(listings, UPDATE_FIELDS)
        MajorLink.objects.filter(listing_id__in=[listing.pk for listing in listings]).delete()
        self._link_majors(listings, majors)
        ListingEvent.objects.bulk_create(events)
        # A published item sent back to review must leave the search index and the recommended
        # lists. New items are never public on import (draft or submitted), so only updates count.
        listings_changed([listing.pk for listing in listings], classify_now=False)

    def _employer_industry(self, listing: Listing) -> None:
        # The employer's industry first; without one, the industry the classifier inferred.
        if self.spec.industry_from_employer and self.organization.industry_id:
            listing.industry = self.organization.industry

    def _snapshot(self, listing: Listing, majors: list[Any]) -> dict[str, Any]:
        snapshot = listing_snapshot(listing)
        snapshot["majors"] = sorted(m.code for m in majors)
        return snapshot

    def _link_majors(self, listings: list[Listing], majors: list[list[Any]]) -> None:
        links = [
            MajorLink(listing_id=listing.pk, major_id=major.pk)
            for listing, row_majors in zip(listings, majors, strict=True)
            for major in row_majors
        ]
        MajorLink.objects.bulk_create(links)

    def _event(
        self,
        listing: Listing,
        action: str,
        from_status: str,
        to_status: str,
        snapshot: dict[str, Any] | None = None,
    ) -> ListingEvent:
        return ListingEvent(
            listing=listing,
            actor=self.actor,
            action=action,
            from_status=from_status,
            to_status=to_status,
            snapshot=snapshot or {},
            version=listing.version,
            reason="批量导入",
        )
