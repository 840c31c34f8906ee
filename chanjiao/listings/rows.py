"""A page of items read as plain values, for the list API.

Building seven model instances per item (the item, its publisher, region, industry, occupation,
author and majors) took most of a list request; the SQL itself took a tenth of it. A page is
now read in two steps: the ids of the page through the ORM (filters, visibility, order), then
the items' values by id with queries compiled once (``chanjiao.common.compiled_queries``).
Attribute names follow ``Listing`` so the serializer and ``personal_access_ids`` read either.
"""

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from chanjiao.common.compiled_queries import rows_by_ids
from chanjiao.listings.kinds import KINDS, KindSpec
from chanjiao.listings.models import Listing, ListingStatus

COLUMNS = (
    "pk", "kind", "direction", "title", "description", "organization_id", "organization__name",
    "author_id", "author__real_name", "author__username", "region__code", "region__name",
    "industry__code", "industry__name", "occupation__code", "occupation__name", "education",
    "experience_years", "salary_min", "salary_max", "quantity", "skills", "valid_from",
    "valid_until", "contact_name", "contact_phone", "details", "external_id", "status",
    "status_reason", "submitted_at", "published_at", "open_report_count", "version",
)  # fmt: skip
STATUS_LABELS = dict(ListingStatus.choices)


@dataclass(frozen=True)
class Ref:
    """A catalogue entry as shown with an item: code and name."""

    code: str
    name: str


@dataclass(frozen=True)
class OrganizationRef:
    pk: int
    name: str


@dataclass(frozen=True)
class AuthorRef:
    pk: int
    real_name: str
    username: str


class Refs(tuple[Ref, ...]):
    """An item's majors; ``.all()`` as on the model's related manager."""

    def all(self) -> "Refs":
        return self


@dataclass(frozen=True)
class ListingRow:
    pk: int
    kind: str
    direction: str
    title: str
    description: str
    organization_id: int | None
    organization: OrganizationRef | None
    author_id: int
    author: AuthorRef
    region: Ref
    industry: Ref | None
    occupation: Ref | None
    majors: Refs
    education: str
    experience_years: int | None
    salary_min: int | None
    salary_max: int | None
    quantity: int | None
    skills: str
    valid_from: datetime.date | None
    valid_until: datetime.date | None
    contact_name: str
    contact_phone: str
    details: dict[str, Any]
    external_id: str
    status: str
    status_reason: str
    submitted_at: datetime.datetime | None
    published_at: datetime.datetime | None
    open_report_count: int
    version: int

    @property
    def spec(self) -> KindSpec:
        return KINDS[self.kind]

    def get_kind_display(self) -> str:
        return str(self.spec.label)

    def get_status_display(self) -> str:
        return str(STATUS_LABELS.get(self.status, self.status))


def _values(ids: Sequence[int]) -> "QuerySet[Listing, tuple[Any, ...]]":
    return Listing.objects.filter(pk__in=ids).values_list(*COLUMNS)


def _majors(ids: Sequence[int]) -> "QuerySet[Any, tuple[Any, ...]]":
    through = Listing.majors.through
    return (
        through.objects.filter(listing_id__in=ids)
        .order_by("listing_id", "major__system", "major__level", "major__code")
        .values_list("listing_id", "major__code", "major__name")
    )


def _ref(code: str | None, name: str | None) -> Ref | None:
    return None if code is None else Ref(code=code, name=name or "")


def listing_rows(ids: Sequence[int]) -> list[ListingRow]:
    """Return the items with these ids, in this order, as plain values (three queries at most)."""
    majors: dict[int, list[Ref]] = {}
    for listing_id, code, name in rows_by_ids(_majors, ids):
        majors.setdefault(listing_id, []).append(Ref(code=code, name=name))
    by_id = {}
    for row in rows_by_ids(_values, ids):
        values = dict(zip(COLUMNS, row, strict=True))
        org_id = values.pop("organization_id")
        org_name = values.pop("organization__name")
        author_id = values.pop("author_id")
        author = AuthorRef(
            pk=author_id,
            real_name=values.pop("author__real_name"),
            username=values.pop("author__username"),
        )
        region = Ref(code=values.pop("region__code"), name=values.pop("region__name"))
        industry = _ref(values.pop("industry__code"), values.pop("industry__name"))
        occupation = _ref(values.pop("occupation__code"), values.pop("occupation__name"))
        by_id[values["pk"]] = ListingRow(
            **values,
            region=region,
            industry=industry,
            occupation=occupation,
            organization_id=org_id,
            organization=None if org_id is None else OrganizationRef(pk=org_id, name=org_name),
            author_id=author_id,
            author=author,
            majors=Refs(majors.get(values["pk"], ())),
        )
    return [by_id[pk] for pk in ids if pk in by_id]
