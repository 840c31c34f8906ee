"""What the item pages show: filters, columns, masked rows, the actions a viewer may take.

Reads go through the selectors and permission functions; nothing here writes.
"""

from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from chanjiao.accounts.models import User
from chanjiao.accounts.permissions import active_memberships, is_platform_staff
from chanjiao.listings.api.serializers import ListingFilterSerializer
from chanjiao.listings.cards import STATUS_TONES, post_cards
from chanjiao.listings.display import export_columns, listing_cells, personal_access_ids
from chanjiao.listings.hooks import detail_panels
from chanjiao.listings.kinds import KindSpec
from chanjiao.listings.models import Listing, ListingReport, ListingStatus, ReportReason
from chanjiao.listings.permissions import (
    user_can_edit_listing,
    user_can_publish_for,
    user_can_review_listing,
    user_can_see_personal_data,
)
from chanjiao.listings.selectors import (
    ORDERING_LABELS,
    ListingFilters,
    listing_history,
)
from chanjiao.listings.workflow import EDITABLE_BY_AUTHOR, LISTING_WORKFLOW
from chanjiao.organizations.models import Organization, OrganizationType
from chanjiao.organizations.selectors import organization_list
from chanjiao.workflow.selectors import transition_actions_available

FILTER_LABELS = {
    "q": "关键词",
    "direction": "供需方向",
    "region": "地区",
    "industry": "行业",
    "occupation": "职业",
    "major": "专业",
    "education": "学历",
    "salary_at_least": "薪酬不低于（元/月）",
    "published_since": "发布日期不早于",
    "organization": "发布机构",
    "ordering": "排序",
}
SHORT_LABELS = {
    "region_code": "地区",
    "occupation_code": "职业",
    "major_codes": "专业",
    "education": "学历",
}
EVENT_LABELS = {
    "create": "创建草稿",
    "update": "修改",
    "submit": "提交审核",
    "approve": "审核通过",
    "reject": "驳回",
    "close": "关闭",
    "publish": "到期自动发布",
    "expire": "过期下线",
    "report": "被举报，退回审核",
}
PERSONAL_DATA_LABELS = {
    "real_name": "姓名",
    "phone": "手机号",
    "email": "电子邮箱",
    "contact_name": "联系人",
    "contact_phone": "联系电话",
    "resume": "个人简历",
}
# Shown in the page header instead (published_at there in local time).
ON_DETAIL_HEADER = frozenset(
    {"id", "kind", "title", "status", "description", "publisher", "published_at"}
)


def publishable_organizations(user: User | AnonymousUser, spec: KindSpec) -> list[Organization]:
    """Return the organisations in whose name the user may write items of this kind."""
    if spec.is_personal:
        return []
    found = {
        m.organization.pk: m.organization
        for m in active_memberships(user)
        if user_can_publish_for(user, spec, m.organization)
    }
    return sorted(found.values(), key=lambda org: org.name)


def user_can_publish_kind(user: User | AnonymousUser, spec: KindSpec) -> bool:
    """Tell whether the user may write items of this kind at all."""
    if spec.is_personal:
        return bool(user.is_authenticated)
    return bool(publishable_organizations(user, spec))


def filter_fields(spec: KindSpec) -> list[str]:
    """Return the list filters that make sense for a kind, in display order."""
    names = ["q"]
    if len(spec.directions) > 1:
        names.append("direction")
    names.append("region")
    if "industry_code" in spec.common or spec.industry_from_employer:
        names.append("industry")
    for name, common in (("occupation", "occupation_code"), ("major", "major_codes")):
        if common in spec.common:
            names.append(name)
    if "education" in spec.common:
        names.append("education")
    if "salary_max" in spec.common:
        names.append("salary_at_least")
    names.append("published_since")
    return names


def filter_input(query: Mapping[str, str], spec: KindSpec) -> dict[str, str]:
    """Return the non-empty filter values of a list page's query string."""
    allowed = [*filter_fields(spec), "organization", "ordering"]
    return {name: query[name].strip() for name in allowed if (query.get(name) or "").strip()}


def filters_validate(raw: dict[str, str], *, kind: str) -> tuple[ListingFilters, list[str]]:
    """Validate filters with the API's rules; drop bad ones and explain them in Chinese."""
    serializer = ListingFilterSerializer(data=raw)
    errors: list[str] = []
    if not serializer.is_valid():
        bad = serializer.errors
        errors = [f"{FILTER_LABELS.get(name, name)}：{m}" for name in bad for m in bad[name]]
        serializer = ListingFilterSerializer(data={k: v for k, v in raw.items() if k not in bad})
        serializer.is_valid(raise_exception=True)
    return ListingFilters.from_mapping({**serializer.validated_data, "kind": kind}), errors


def orderings_for(spec: KindSpec) -> list[tuple[str, str]]:
    """Return the sort orders that make sense for a kind."""
    needs = {"-salary_max": "salary_max", "salary_min": "salary_min", "-quantity": "quantity"}
    return [
        (key, label)
        for key, label in ORDERING_LABELS.items()
        if key not in needs or needs[key] in spec.common
    ]


def list_columns(spec: KindSpec) -> list[tuple[str, str]]:
    """Return the (cell key, header) pairs of a kind's list table."""
    columns = [("publisher", "发布方")]
    if len(spec.directions) > 1:
        columns.append(("direction", "方向"))
    columns += [(name, label) for name, label in SHORT_LABELS.items() if name in spec.common]
    if "salary_min" in spec.common:
        label = "薪酬（元/月）" if "salary_max" in spec.common else spec.common_label("salary_min")
        columns.append(("salary", label))
    if "quantity" in spec.common:
        columns.append(("quantity", spec.common_label("quantity")))
    if "contact_phone" in spec.common:
        columns.append(("contact_phone", "联系电话"))
    return [*columns, ("valid_until", "有效期至"), ("published_at", "发布时间")]


def inline_full_ids(user: User | AnonymousUser, items: Iterable[Listing]) -> set[int]:
    """Return the items whose personal data a page may show without the audited button.

    A personal profile is shown in full only to its author; anyone else with the person's
    consent presses 查看完整个人信息, which logs each access.
    """
    items = list(items)
    own_profiles = {i.pk for i in items if i.spec.is_personal and i.author_id == user.pk}
    return own_profiles | personal_access_ids(user, [i for i in items if not i.spec.is_personal])


def salary_text(listing: Listing) -> str:
    """Show a pay range as people write it: 4500–7000, 4500 起, or nothing."""
    low, high = listing.salary_min, listing.salary_max
    if low is not None and high is not None:
        return f"{low}–{high}"
    if low is not None:
        return f"{low} 起"
    return f"至 {high}" if high is not None else ""


def list_rows(
    user: User | AnonymousUser, spec: KindSpec, items: list[Listing]
) -> list[dict[str, Any]]:
    """Return each item with its list cells, personal data masked where the user lacks the right."""
    full_ids = inline_full_ids(user, items)
    keys = [key for key, _ in list_columns(spec)]
    rows = []
    for item in items:
        cells = listing_cells(item, item.pk in full_ids)
        cells["salary"] = salary_text(item)
        cells["published_at"] = (
            timezone.localtime(item.published_at).strftime("%Y-%m-%d") if item.published_at else ""
        )
        rows.append({"listing": item, "cells": [cells[key] for key in keys]})
    return rows


def subscription_fields(filters: ListingFilters) -> list[tuple[str, str]]:
    """Return the current search as (name, value) pairs for the 订阅此搜索 form."""
    return [(name, str(value)) for name, value in filters.as_query().items()]


def export_urls(filters: ListingFilters) -> dict[str, str]:
    """Return the CSV and Excel export links of the current search."""
    base = reverse("listing_export:download")
    query = {"scope": "public", **{k: str(v) for k, v in filters.as_query().items()}}
    if filters.ordering != ListingFilters.ordering:
        query["ordering"] = filters.ordering
    return {fmt: f"{base}?{urlencode({'format': fmt, **query})}" for fmt in ("csv", "xlsx")}


def _person(user: User | None) -> str:
    if user is None:
        return "系统"
    return str(user.real_name or user.username)


def _status_label(value: str) -> str:
    return str(ListingStatus(value).label) if value in ListingStatus.values else value


def history_rows(listing: Listing, *, show_reporters: bool) -> list[dict[str, Any]]:
    """Return the item's history; who reported it is shown to reviewers only."""
    rows = []
    for event in listing_history(listing=listing):
        hidden = event.action == "report" and not show_reporters
        rows.append(
            {
                "at": event.created_at,
                "action": EVENT_LABELS.get(event.action, event.action),
                "from_status": _status_label(event.from_status),
                "to_status": _status_label(event.to_status),
                "reason": event.reason,
                "version": event.version,
                "actor": "（不公开）" if hidden else _person(event.actor),
            }
        )
    return rows


def personal_rows(data: dict[str, Any]) -> list[tuple[str, Any]]:
    """Return the personal data the service released, as (label, value) pairs."""
    return [(label, data[name]) for name, label in PERSONAL_DATA_LABELS.items() if data.get(name)]


def _has_personal_data(listing: Listing) -> bool:
    return listing.spec.is_personal or bool(listing.contact_name or listing.contact_phone)


def _consent_organizations(user: User | AnonymousUser, query: str) -> list[Organization]:
    orgs = organization_list(fetched_by=user, query=query.strip() or None)
    return list(orgs.exclude(org_type=OrganizationType.GOVERNMENT)[:100])


def _consent_context(request: HttpRequest, listing: Listing) -> dict[str, Any]:
    """The person's consents on their own job-seeker profile (applying is the applications box)."""
    user = request.user
    if listing.spec.is_personal and listing.author_id == user.pk:
        query = request.GET.get("org_q", "")
        return {
            "manage_consents": True,
            "consents": list(listing.consents.select_related("organization")),
            "org_query": query,
            "consent_organizations": _consent_organizations(user, query),
        }
    return {}


def detail_context(
    request: HttpRequest, listing: Listing, personal_data: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Return everything the detail page shows this viewer about one item."""
    user, spec, status = request.user, listing.spec, listing.status
    can_edit = user_can_edit_listing(user, listing)
    can_review = user_can_review_listing(user, listing)
    available = {
        t["name"]: t["label"]
        for t in transition_actions_available(workflow=LISTING_WORKFLOW, obj=listing, actor=user)
    }
    full = listing.pk in inline_full_ids(user, [listing])
    cells = listing_cells(listing, full)
    context: dict[str, Any] = {
        "listing": listing,
        "spec": spec,
        "publisher": cells["publisher"],
        "rows": [
            (label, cells[key])
            for key, label in export_columns(spec)
            if key not in ON_DETAIL_HEADER and cells.get(key) not in ("", None)
        ],
        "is_manager": can_edit or can_review,
        "can_edit": can_edit and status in EDITABLE_BY_AUTHOR,
        # The workflow's buttons: exactly the transitions this viewer may take now.
        "available_transitions": available,
        "can_submit": "submit" in available,
        "can_review": "approve" in available or "reject" in available,
        "can_close": "close" in available,
        "can_report": "report" in available,
        "report_reasons": ReportReason.choices,
        "can_view_personal": not full
        and _has_personal_data(listing)
        and user_can_see_personal_data(user, listing),
        "personal_rows": personal_rows(personal_data) if personal_data is not None else None,
        "card": post_cards(user, [listing])[0],
        "status_tone": STATUS_TONES.get(status, ""),
    }
    if can_edit or can_review:
        show_reporters = can_review or is_platform_staff(user)
        context["history"] = history_rows(listing, show_reporters=show_reporters)
    if can_review:
        context["open_reports"] = list(
            listing.reports.filter(status=ListingReport.Status.OPEN).select_related("reporter")
        )
    context.update(_consent_context(request, listing))
    # Boxes the apps above add (apply, contact the school), in their registration order.
    context["extra_panels"] = [html for panel in detail_panels if (html := panel(request, listing))]
    return context
