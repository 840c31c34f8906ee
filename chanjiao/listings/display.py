"""An item's values as people read them, with personal data masked unless the viewer has the right.

Detail pages, the API and exports all take their columns and cells from here.
"""

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from chanjiao.accounts.models import User
from chanjiao.accounts.permissions import user_organization_ids
from chanjiao.common.masking import mask_phone
from chanjiao.listings.kinds import COMMON_LABELS, Education, KindSpec
from chanjiao.listings.models import Listing, OccupationSource, ProfileConsent
from chanjiao.listings.rows import ListingRow

MASK = "（需授权查看）"


def personal_access_ids(
    user: User | AnonymousUser, listings: Iterable["Listing | ListingRow"]
) -> set[int]:
    """Return the ids of the items whose personal data lists may show this user in full (one query).

    The author's own items, and personal profiles whose person consented to one of the user's
    organisations. Everyone else — colleagues of the publisher and holders of the personal-data
    right included — sees them masked and uses the audited 查看完整个人信息
    (``listing_personal_data_get``).
    """
    items = list(listings)
    if not user.is_authenticated or not items:
        return set()
    allowed = {item.pk for item in items if item.author_id == user.pk}
    profile_ids = [item.pk for item in items if item.spec.is_personal and item.pk not in allowed]
    org_ids = user_organization_ids(user) if profile_ids else set()
    if profile_ids and org_ids:
        allowed |= set(
            ProfileConsent.objects.filter(
                profile_id__in=profile_ids, organization_id__in=org_ids, withdrawn_at__isnull=True
            ).values_list("profile_id", flat=True)
        )
    return allowed


def mask_name(name: str) -> str:
    """Show a personal name as its first character followed by asterisks."""
    name = (name or "").strip()
    return f"{name[0]}{'*' * max(len(name) - 1, 1)}" if name else ""


def publisher_name(listing: Listing, full: bool) -> str:
    """The organisation's name, or the person's (masked unless ``full``) for a personal profile."""
    if listing.organization is not None:
        return str(listing.organization.name)
    author = listing.author
    name = author.real_name or author.username
    return name if full else mask_name(name)


def export_columns(spec: KindSpec | None) -> list[tuple[str, str]]:
    """Return (key, Chinese header) pairs for a list of one kind, or of mixed kinds."""
    columns = [("id", "编号"), ("kind", "信息类型"), ("direction", "供需方向"), ("title", "标题")]
    columns += [("publisher", "发布方"), ("status", "状态"), ("published_at", "发布时间")]
    names = [n for n in COMMON_LABELS if spec is None or n in spec.common]
    columns += [(n, spec.common_label(n) if spec else COMMON_LABELS[n]) for n in names]
    if spec is not None:
        columns += [(d.name, d.label) for d in spec.details]
    columns += [("description", spec.description_label if spec else "详细说明")]
    return columns


def listing_cells(listing: Listing, full: bool) -> dict[str, Any]:
    """Return an item's display values by column key; personal ones masked unless ``full``."""
    spec = listing.spec
    cells: dict[str, Any] = {
        "id": listing.pk,
        "kind": spec.label,
        "direction": spec.direction_label(listing.direction),
        "title": listing.title,
        "publisher": publisher_name(listing, full),
        "status": listing.get_status_display(),
        "published_at": timezone.localtime(listing.published_at).strftime("%Y-%m-%d %H:%M")
        if listing.published_at
        else "",
        "region_code": _ref(listing.region),
        "occupation_code": _occupation(listing),
        "industry_code": _ref(listing.industry),
        "major_codes": "、".join(f"{m.code} {m.name}" for m in listing.majors.all()),
        "education": Education(listing.education).label if listing.education else "",
        "description": listing.description,
        "contact_name": listing.contact_name if full else mask_name(listing.contact_name),
        "contact_phone": listing.contact_phone if full else mask_phone(listing.contact_phone),
    }
    for name in ("experience_years", "salary_min", "salary_max", "quantity", "skills"):
        cells[name] = _plain(getattr(listing, name))
    for name in ("valid_from", "valid_until"):
        value = getattr(listing, name)
        cells[name] = value.isoformat() if value else ""
    for detail in spec.details:
        value = listing.details.get(detail.name)
        if detail.is_personal and not full:
            cells[detail.name] = MASK if value else ""
        elif detail.type == "bool":
            cells[detail.name] = "" if value is None else ("是" if value else "否")
        elif detail.type == "choice":
            cells[detail.name] = dict(detail.choices).get(value, value or "")
        else:
            cells[detail.name] = _plain(value)
    return cells


def _local(moment: Any) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def _occupation(listing: Listing) -> str:
    """The occupation, saying when the classifier chose it: 车工（自动识别，置信度 0.82）."""
    text = _ref(listing.occupation)
    if text and listing.occupation_source == OccupationSource.CLASSIFIED:
        confidence = listing.occupation_confidence or 0.0
        text += f"（自动识别，置信度 {confidence:.2f}）"
    return text


def _ref(row: Any) -> str:
    return f"{row.code} {row.name}" if row is not None else ""


def _plain(value: Any) -> Any:
    return "" if value is None else value
