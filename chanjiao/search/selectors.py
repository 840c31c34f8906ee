"""The search service: one entry point for the API, the page and the benchmark.

Only public listings are indexed (published, within their dates, not personal), so every caller,
signed in or not, sees the same public results; hits are re-read from the database and re-checked
with ``Listing.objects.public()`` before they are shown.
"""

import datetime
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from chanjiao.catalogs.models import Industry, Major, Occupation, Region
from chanjiao.catalogs.resolve import catalog_resolve
from chanjiao.common.compiled_queries import rows_by_ids
from chanjiao.common.exceptions import ApplicationError
from chanjiao.listings.kinds import KINDS, Education
from chanjiao.listings.models import Listing
from chanjiao.listings.rows import OrganizationRef, Ref
from chanjiao.search.backends import FACETS, SORTS, EngineQuery, Filters, get_backend
from chanjiao.search.catalog_search import CatalogEntry, catalog_search
from chanjiao.search.documents import occupation_code_prefix
from chanjiao.search.facets import FacetValue, catalog_has, facets_display
from chanjiao.search.models import SearchEntry
from chanjiao.search.snippets import SNIPPET_LENGTH, highlight
from chanjiao.search.suggestions import (
    Correction,
    checked_catalogs,
    checked_completions,
    checked_corrections,
    organization_matches,
)
from chanjiao.search.text import lexicon

MAX_OFFSET = 2000
PAGE_SIZE = 20
MAX_PAGE_SIZE = 50
FILTER_LABELS = {
    "kinds": "信息类型",
    "region": "地区",
    "industry": "行业",
    "occupation": "职业",
    "major": "专业",
    "education": "学历",
    "salary_min": "最低薪酬",
    "salary_max": "最高薪酬",
    "published_since": "发布日期",
    "organization_id": "发布机构",
}
PUBLIC_KINDS = tuple(kind for kind, spec in KINDS.items() if not spec.is_personal)


@dataclass(frozen=True)
class SearchParams:
    """A search request as typed by the user (strings), checked by ``search_params_clean``."""

    q: str = ""
    type: str = ""
    region: str = ""
    industry: str = ""
    occupation: str = ""
    major: str = ""
    education: str = ""
    salary_min: int | None = None
    salary_max: int | None = None
    published_since: datetime.date | None = None
    organization: int | None = None
    sort: str = "relevance"
    page: int = 1
    page_size: int = PAGE_SIZE
    facets: tuple[str, ...] = FACETS


@dataclass
class SearchHit:
    listing: "HitListing"
    title_html: str
    snippet_html: str


@dataclass
class WiderFilter:
    """A filter to drop, and how many results the search would then find."""

    name: str
    label: str
    count: int


@dataclass
class SearchPage:
    params: SearchParams
    filters: Filters
    total: int
    hits: list[SearchHit]
    facets: dict[str, list[FacetValue]]
    terms: list[str]
    catalogs: list[CatalogEntry] = field(default_factory=list)
    wider: list[WiderFilter] = field(default_factory=list)
    # Every suggestion below finds items (counted before it is offered).
    suggested: list[Correction] = field(default_factory=list)
    # For a query naming an occupation that found nothing: publishers whose name holds it.
    organizations: list[FacetValue] = field(default_factory=list)

    @property
    def corrections(self) -> list[str]:
        return [correction.term for correction in self.suggested]

    @property
    def max_page(self) -> int:
        reachable = min(self.total, MAX_OFFSET + self.params.page_size)
        return max(1, -(-reachable // self.params.page_size))


def _invalid(name: str, message: str) -> ApplicationError:
    return ApplicationError(message, extra={"fields": {name: [message]}})


def _kinds(value: str) -> tuple[str, ...]:
    kinds = tuple(dict.fromkeys(v.strip() for v in value.split(",") if v.strip()))
    for kind in kinds:
        if kind not in PUBLIC_KINDS:
            raise _invalid(
                "type", f"信息类型“{kind}”无效或不在公开检索范围内（个人求职档案不公开检索）。"
            )
    return kinds


def _code(name: str, value: str) -> str:
    value = value.strip()
    if not value:
        return ""
    # The catalogues as loaded in this process answer most checks; a miss asks the database.
    if name == "region" and (
        catalog_has("region", value) or Region.objects.filter(code=value).exists()
    ):
        return value
    if name == "industry":
        if value.isalpha() and len(value) == 1:
            value = value.upper()
        if catalog_has("industry", value) or Industry.objects.filter(code=value).exists():
            return value
    if name == "occupation" and Occupation.objects.filter(code__startswith=value).exists():
        return occupation_code_prefix(value)
    if name == "major" and Major.objects.filter(code__startswith=value).exists():
        return value
    # Not a code: a Chinese name (万秀区, 车工, 护理（高职专科）) or 名称（代码）.
    found = catalog_resolve(name, value)
    if found.ok:
        code = str(found.row.code)
        return occupation_code_prefix(code) if name == "occupation" else code
    if found.error_code != "unknown_code":
        raise _invalid(name, found.error)
    label = {"region": "地区", "industry": "行业", "occupation": "职业", "major": "专业"}[name]
    raise _invalid(name, f"{label}代码“{value}”不存在，请从目录中选择。")


def search_filters(params: SearchParams) -> Filters:
    """Check the filter values against the catalogues; raise a Chinese error naming the field."""
    if params.education and params.education not in Education.values:
        raise _invalid("education", f"学历“{params.education}”无效。")
    low, high = params.salary_min, params.salary_max
    if low is not None and high is not None and low > high:
        raise _invalid("salary_min", "最低薪酬不能高于最高薪酬。")
    since = None
    if params.published_since is not None:
        midnight = datetime.datetime.combine(params.published_since, datetime.time.min)
        since = timezone.make_aware(midnight)
    return Filters(
        kinds=_kinds(params.type),
        region=_code("region", params.region),
        industry=_code("industry", params.industry),
        occupation=_code("occupation", params.occupation),
        major=_code("major", params.major),
        education=params.education,
        salary_min=params.salary_min,
        salary_max=params.salary_max,
        published_since=since,
        organization_id=params.organization,
    )


def _check_paging(params: SearchParams) -> int:
    if params.sort not in SORTS:
        raise _invalid(
            "sort", "排序方式应为 relevance（相关度）、newest（最新）或 salary（薪酬）。"
        )
    if params.page < 1:
        raise _invalid("page", f"页码应从 1 开始，每页 1–{MAX_PAGE_SIZE} 条。")
    if not 1 <= params.page_size <= MAX_PAGE_SIZE:
        raise _invalid("page_size", f"页码应从 1 开始，每页 1–{MAX_PAGE_SIZE} 条。")
    offset = (params.page - 1) * params.page_size
    if offset > MAX_OFFSET:
        last = MAX_OFFSET // params.page_size + 1
        raise _invalid(
            "page",
            f"最多只能翻到第 {last} 页（前 {MAX_OFFSET} 条结果之内）。"
            "请增加筛选条件或换用更具体的关键词。",
        )
    return offset


def _engine_query(params: SearchParams, filters: Filters, offset: int) -> EngineQuery:
    return EngineQuery(
        terms=tuple(lexicon().query_terms(params.q)),
        filters=filters,
        today=timezone.localdate(),
        now=timezone.now(),
        sort=params.sort,
        offset=offset,
        limit=params.page_size,
        facets=tuple(f for f in params.facets if f in FACETS),
    )


@dataclass(frozen=True)
class HitListing:
    """What a hit shows of its item (the page and the API), read as plain values.

    Attribute names follow ``Listing`` so templates and serializers read either; building model
    instances (three per hit with their relations) was the largest part of the service's time.
    """

    pk: int
    kind: str
    title: str
    description: str
    skills: str
    salary_min: int | None
    salary_max: int | None
    published_at: datetime.datetime | None
    organization: OrganizationRef | None
    region: Ref
    direction: str = ""
    education: str = ""
    quantity: int | None = None
    valid_until: datetime.date | None = None
    details: dict[str, Any] = field(default_factory=dict)
    occupation: Ref | None = None

    def get_kind_display(self) -> str:
        return str(KINDS[self.kind].label)

    def get_absolute_url(self) -> str:
        return reverse("listings:detail", kwargs={"kind": self.kind, "listing_id": self.pk})


HIT_COLUMNS = (
    "pk", "kind", "title", "description", "skills", "salary_min", "salary_max", "published_at",
    "organization_id", "organization__name", "region__code", "region__name", "direction",
    "education", "quantity", "valid_until", "details", "occupation__code", "occupation__name",
)  # fmt: skip


def _public_hit_rows(ids: Sequence[int]) -> "QuerySet[Listing, tuple[Any, ...]]":
    return Listing.objects.public().filter(pk__in=ids).values_list(*HIT_COLUMNS)


def _hit_listings(ids: list[int]) -> dict[int, HitListing]:
    """Read the hits still public (re-checked here, in the one query) as plain values."""
    rows = rows_by_ids(_public_hit_rows, ids)
    out = {}
    for row in rows:
        pk, kind, title, description, skills, low, high, published = row[:8]
        org_id, org, code, name = row[8:12]
        direction, education, quantity, valid_until, details, occ_code, occ_name = row[12:]
        out[pk] = HitListing(
            pk=pk,
            kind=kind,
            title=title,
            description=description,
            skills=skills,
            salary_min=low,
            salary_max=high,
            published_at=published,
            organization=None if org is None else OrganizationRef(pk=org_id, name=org),
            region=Ref(code=code, name=name),
            direction=direction,
            education=education,
            quantity=quantity,
            valid_until=valid_until,
            details=details or {},
            occupation=None if occ_code is None else Ref(code=occ_code, name=occ_name),
        )
    return out


def _hits(ids: list[int], words: list[str]) -> list[SearchHit]:
    by_id = _hit_listings(ids)
    return [
        SearchHit(
            listing=listing,
            title_html=highlight(listing.title, words),
            snippet_html=highlight(listing.description or listing.skills, words, SNIPPET_LENGTH),
        )
        for listing in (by_id.get(pk) for pk in ids)
        if listing is not None
    ]


def _wider(query: EngineQuery) -> list[WiderFilter]:
    backend = get_backend()
    wider = []
    for name in query.filters.active():
        probe = EngineQuery(
            terms=query.terms, filters=query.filters.without(name), today=query.today,
            now=query.now, limit=0,
        )  # fmt: skip
        count = backend.search(probe).total
        if count:
            wider.append(WiderFilter(name=name, label=FILTER_LABELS[name], count=count))
    return wider


def search_listings(*, params: SearchParams) -> SearchPage:
    """Search public listings: one page of hits with snippets, facets and zero-result help."""
    offset = _check_paging(params)
    filters = search_filters(params)
    query = _engine_query(params, filters, offset)
    result = get_backend().search(query)
    words = [word for term in query.terms for word in term.words]
    page = SearchPage(
        params=params,
        filters=filters,
        total=result.total,
        hits=_hits(result.ids, words),
        facets=facets_display(result.facets, filters, query.facets),
        terms=[term.text for term in query.terms],
    )
    if params.q.strip():
        entries = catalog_search(q=params.q, limit=5)
        page.catalogs = checked_catalogs(entries, today=query.today, now=query.now)
    if result.total == 0:
        page.wider = _wider(query)
        page.suggested = checked_corrections(params.q, filters, today=query.today, now=query.now)
        page.organizations = organization_matches(
            params.q, filters, today=query.today, now=query.now
        )
    return page


def search_suggest(*, q: str, limit: int = 10) -> list[dict[str, str]]:
    """Suggest completions: catalogue names that find items, then frequent indexed title words."""
    q = q.strip()
    if not q:
        return []
    out: dict[str, dict[str, str]] = {}
    entries = catalog_search(q=q, limit=limit)
    finding = checked_completions(
        {entry.name for entry in entries}, today=timezone.localdate(), now=timezone.now()
    )
    for entry in entries:
        if entry.name in finding:
            out.setdefault(entry.name, {"text": entry.name, "type": entry.type, "code": entry.code})
    prefix = q.lower()
    for term, _ in get_backend().frequent_terms(prefix, limit * 3):
        if len(term) > len(prefix) and len(out) < limit:
            out.setdefault(term, {"text": term, "type": "term", "code": ""})
    return list(out.values())[:limit]


def _change_line(entry: SearchEntry, listing: Listing | None) -> str:
    if listing is None:
        data: dict[str, Any] = {"id": entry.listing_id, "deleted": True}
    else:
        data = {
            "id": listing.pk,
            "deleted": False,
            "kind": listing.kind,
            "title": listing.title,
            "description": listing.description,
            "organization": listing.organization.name if listing.organization else None,
            "region": listing.region.code,
            "published_at": listing.published_at.isoformat() if listing.published_at else None,
            "valid_until": listing.valid_until.isoformat() if listing.valid_until else None,
            "url": listing.get_absolute_url(),
        }
    data["changed_at"] = entry.changed_at.isoformat()
    return json.dumps(data, ensure_ascii=False) + "\n"


def search_changes(*, since: datetime.datetime, chunk_size: int = 500) -> Iterator[str]:
    """Yield a JSON line per item changed since then: public ones in full, others as tombstones."""
    entries = SearchEntry.objects.filter(changed_at__gte=since).order_by("changed_at", "listing_id")
    last: tuple[datetime.datetime, int] | None = None
    while True:
        page = entries
        if last is not None:
            page = page.filter(changed_at__gt=last[0]) | entries.filter(
                changed_at=last[0], listing_id__gt=last[1]
            )
        batch = list(page.order_by("changed_at", "listing_id")[:chunk_size])
        if not batch:
            return
        public = Listing.objects.public().select_related("organization", "region")
        listings = public.in_bulk([entry.listing_id for entry in batch])
        for entry in batch:
            listing = listings.get(entry.listing_id) if entry.is_public else None
            yield _change_line(entry, listing)
        last = (batch[-1].changed_at, batch[-1].listing_id)
