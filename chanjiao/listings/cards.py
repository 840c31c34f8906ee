"""A post as a card: the facts people scan a list for, the same on a phone as on a desk.

Every list of items (the kind lists, 我的信息, the review queue, search results, recommendations)
shows its items through ``listings/_card.html`` with the values built here. The builder reads
either a ``Listing`` or a plain-value row with the same attribute names (``ListingRow``, a
search hit), so a page never builds model instances just to show a card.
"""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from chanjiao.accounts.models import User
from chanjiao.catalogs.models import Region
from chanjiao.listings.display import mask_name
from chanjiao.listings.kinds import KINDS, Education, KindSpec

# Region names that stand for "the districts of" a city or province (直辖市的“市辖区”, “县”):
# a place is then named by the level above.
PLACEHOLDER_REGION_NAMES = frozenset(
    {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
)
# Choice details that say what sort of item it is, shown as a tag.
KIND_TAG_DETAILS = (
    "employment_type",
    "cooperation_type",
    "service_type",
    "training_form",
    "availability",
    "base_type",
)
STATUS_TONES = {
    "draft": "muted",
    "submitted": "pending",
    "approved": "pending",
    "published": "ok",
    "rejected": "bad",
    "closed": "muted",
    "expired": "muted",
}


@dataclass
class PostCard:
    """What a card shows of one item."""

    pk: int
    kind: str
    url: str
    title: str
    kind_label: str
    direction_label: str
    publisher: str
    place: str
    pay: str
    published: str
    deadline: str
    deadline_soon: bool
    tags: list[str] = field(default_factory=list)
    status: str = ""
    status_label: str = ""
    status_tone: str = ""
    status_reason: str = ""
    updated: str = ""
    open_reports: int = 0
    submitted: str = ""


def money(value: Any) -> str:
    """Write an amount with thousands separators: 6000 → 6,000."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    return f"{number:,.0f}" if number == int(number) else f"{number:,.2f}".rstrip("0")


def pay_text(item: Any, spec: KindSpec) -> str:
    """The pay, fee or budget of an item as people write it; empty when the kind has none."""
    details = getattr(item, "details", None) or {}
    kind = spec.kind.value
    if kind == "job":
        low, high = item.salary_min, item.salary_max
        if low and high:
            return f"{money(low)}–{money(high)} 元/月" if low != high else f"{money(low)} 元/月"
        if low:
            return f"{money(low)} 元/月起"
        return f"最高 {money(high)} 元/月" if high else "面议"
    if kind == "jobseeker":
        return f"期望 {money(item.salary_min)} 元/月起" if item.salary_min else "期望薪酬面议"
    if kind == "internship" and details.get("monthly_pay") not in (None, ""):
        pay = details["monthly_pay"]
        return f"实习报酬 {money(pay)} 元/月" if pay else "无实习报酬"
    if kind == "training" and details.get("fee") not in (None, ""):
        fee = details["fee"]
        return f"{money(fee)} 元/人" if fee else "免费"
    if kind == "rnd" and details.get("budget_wan") not in (None, ""):
        return f"经费 {money(details['budget_wan'])} 万元"
    return ""


def deadline_text(valid_until: datetime.date | None, today: datetime.date) -> tuple[str, bool]:
    """Say when an item closes: 今天截止, 3天后截止, 截止 2025-03-01; and whether it is soon."""
    if valid_until is None:
        return "", False
    days = (valid_until - today).days
    if days < 0:
        return f"已于 {valid_until.isoformat()} 截止", False
    if days == 0:
        return "今天截止", True
    if days <= 30:
        return f"{days}天后截止", days <= 7
    return f"截止 {valid_until.isoformat()}", False


def place_names(codes: Iterable[str]) -> dict[str, str]:
    """Name each region code as a place people know (one query for all of them).

    A county is named with its city (梧州市 万秀区); a “市辖区” or “县” entry takes the name of
    the level above (北京市), as do a municipality's districts (北京市 朝阳区).
    """
    codes = {c for c in codes if c}
    if not codes:
        return {}
    wanted = set(codes)
    for code in codes:
        wanted.update(code[:n] for n in (2, 4) if len(code) > n)
    names = dict(Region.objects.filter(code__in=wanted).values_list("code", "name"))

    def name_of(code: str) -> str:
        name = names.get(code, "")
        if name in PLACEHOLDER_REGION_NAMES and len(code) > 2:
            return name_of(code[: len(code) - 2])
        return name

    places = {}
    for code in codes:
        own = names.get(code, "")
        if len(code) == 6 and own not in PLACEHOLDER_REGION_NAMES:
            city = name_of(code[:4])
            places[code] = f"{city} {own}" if city and city != own else own
        else:
            places[code] = name_of(code) or own or code
    return places


def _loaded_parent(region: Any) -> Any:
    """The region's parent when it was read with it (``select_related``), else None."""
    if isinstance(region, Region) and Region.parent.is_cached(region):
        return region.parent
    return None


def _place_from_relations(region: Any) -> str | None:
    """Name a region from its loaded parents; None when they were not read with it."""
    if not isinstance(region, Region):
        return None
    chain = [region]
    while len(chain[-1].code) > 2:
        parent = _loaded_parent(chain[-1])
        if parent is None:
            return None
        chain.append(parent)
    names = {r.code: r.name for r in chain}

    def name_of(code: str) -> str:
        name = names.get(code, "")
        if name in PLACEHOLDER_REGION_NAMES and len(code) > 2:
            return name_of(code[:-2])
        return name

    own = region.name
    if len(region.code) == 6 and own not in PLACEHOLDER_REGION_NAMES:
        city = name_of(region.code[:4])
        return f"{city} {own}" if city and city != own else own
    return name_of(region.code) or own


def _tags(item: Any, spec: KindSpec) -> list[str]:
    tags = []
    details = getattr(item, "details", None) or {}
    choices = {d.name: dict(d.choices) for d in spec.details if d.type == "choice"}
    for name in KIND_TAG_DETAILS:
        if name in choices and details.get(name):
            tags.append(str(choices[name].get(details[name], details[name])))
    education = getattr(item, "education", "")
    if education:
        label = str(Education(education).label) if education in Education.values else education
        tags.append("学历不限" if education == Education.NONE else label)
    if details.get("graduation_year"):
        tags.append(f"{details['graduation_year']}届")
    quantity = getattr(item, "quantity", None)
    if quantity and "quantity" in spec.common:
        tags.append(f"{spec.common_label('quantity')} {quantity}")
    occupation: Any = getattr(item, "occupation", None)
    if occupation is not None and occupation.name:
        tags.append(str(occupation.name))
    majors = getattr(item, "majors", None)
    if majors is not None:
        names = [m.name for m in majors.all()]
        tags += names[:2] + ([f"等{len(names)}个专业"] if len(names) > 2 else [])
    return tags[:6]


def _publisher(item: Any, full: bool) -> str:
    organization = getattr(item, "organization", None)
    if organization is not None:
        return str(organization.name)
    author = getattr(item, "author", None)
    if author is None:
        return "个人"
    name = author.real_name or author.username
    return name if full else mask_name(name)


def _date(moment: datetime.datetime | None) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d") if moment else ""


def post_cards(
    user: User | AnonymousUser,
    items: Sequence[Any],
    *,
    today: datetime.date | None = None,
    with_status: bool = False,
) -> list[PostCard]:
    """Return a card per item; a person's name is masked unless it is the viewer's own.

    ``with_status`` adds the item's state and the reviewer's reason (for 我的信息 and review).
    """
    today = today or timezone.localdate()
    # A person's name shows in full to that person only; anyone else (even with consent) sees
    # it masked here and presses 查看完整个人信息 on the detail page, which logs the access.
    viewer = getattr(user, "pk", None)
    full_ids = {i.pk for i in items if KINDS[i.kind].is_personal and i.author_id == viewer}
    regions = [getattr(i, "region", None) for i in items]
    places = {r.code: p for r in regions if r is not None and (p := _place_from_relations(r))}
    places |= place_names(r.code for r in regions if r is not None and r.code not in places)
    cards = []
    for item in items:
        spec = KINDS[item.kind]
        direction = getattr(item, "direction", "")
        deadline, soon = deadline_text(getattr(item, "valid_until", None), today)
        region = getattr(item, "region", None)
        card = PostCard(
            pk=item.pk,
            kind=item.kind,
            url=item.get_absolute_url(),
            title=item.title,
            kind_label=str(spec.label),
            direction_label=spec.direction_label(direction)
            if direction and len(spec.directions) > 1
            else "",
            publisher=_publisher(item, item.pk in full_ids),
            place=places.get(region.code, region.name) if region is not None else "",
            pay=pay_text(item, spec),
            published=_date(getattr(item, "published_at", None)),
            deadline=deadline,
            deadline_soon=soon,
            tags=_tags(item, spec),
            open_reports=getattr(item, "open_report_count", 0) or 0,
        )
        submitted = getattr(item, "submitted_at", None)
        if submitted and item.status == "submitted":
            card.submitted = timezone.localtime(submitted).strftime("%Y-%m-%d %H:%M")
        if with_status:
            card.status = item.status
            card.status_label = item.get_status_display()
            card.status_tone = STATUS_TONES.get(item.status, "")
            card.status_reason = getattr(item, "status_reason", "")
            updated = getattr(item, "updated_at", None)
            card.updated = timezone.localtime(updated).strftime("%Y-%m-%d %H:%M") if updated else ""
        cards.append(card)
    return cards
