"""What the index holds for one public listing, read from the database in bulk."""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from chanjiao.catalogs.models import Occupation
from chanjiao.listings.kinds import KINDS
from chanjiao.listings.models import Listing

ROW_FIELDS = (
    "pk",
    "kind",
    "direction",
    "title",
    "description",
    "skills",
    "details",
    "education",
    "salary_min",
    "salary_max",
    "published_at",
    "valid_until",
    "organization_id",
    "organization__name",
    "region__code",
    "region__name",
    "industry__code",
    "industry__section",
    "industry__name",
    "occupation__code",
    "occupation__name",
)
# The levels above an occupation whose names are indexed with it: its 小类 (护士 → 护理人员), not
# the 中类 (交通运输、仓储物流和邮政业服务人员 would make a 列车司机 post match 物流).
OCCUPATION_NAME_DEPTH = 3


@dataclass
class SearchDoc:
    """One listing as the backends index it: text to segment plus filter and facet values."""

    listing_id: int
    kind: str
    title: str
    body: str
    region_code: str
    industry_code: str = ""
    industry_section: str = ""
    occupation_code: str = ""
    major_codes: tuple[str, ...] = ()
    education: str = ""
    salary_min: int | None = None
    salary_max: int | None = None
    published_at: datetime.datetime | None = None
    valid_until: datetime.date | None = None
    organization_id: int | None = None
    # The occupation's names (its own and its 小类's) and the organisation's
    # name are fields of their own: they rank differently from the title and the body.
    occupation_names: tuple[str, ...] = ()
    organization_name: str = ""
    title_tokens: list[str] = field(default_factory=list)
    body_tokens: list[str] = field(default_factory=list)
    occupation_tokens: list[str] = field(default_factory=list)
    organization_tokens: list[str] = field(default_factory=list)

    @property
    def region_path(self) -> list[str]:
        return region_path(self.region_code)

    @property
    def industry_path(self) -> list[str]:
        path = industry_path(self.industry_code)
        return [self.industry_section, *path] if self.industry_section else path

    @property
    def occupation_path(self) -> list[str]:
        return occupation_path(self.occupation_code)

    @property
    def major_path(self) -> list[str]:
        return sorted({part for code in self.major_codes for part in major_path(code)})


def region_path(code: str) -> list[str]:
    """Return a region code with the codes of the regions containing it (45, 4504, 450403)."""
    return [code[:n] for n in (2, 4, 6, 9, 12) if len(code) >= n] if code else []


def industry_path(code: str) -> list[str]:
    """Return an industry code with its ancestors' codes (15, 153, 1530); a letter stands alone."""
    if not code or code.isalpha():
        return [code] if code else []
    return [code[:n] for n in range(2, len(code) + 1)]


def occupation_code_prefix(code: str) -> str:
    """Drop the empty levels of an occupation code: 6-18-00-00 → 6-18."""
    parts = code.split("-")
    while len(parts) > 1 and parts[-1].strip("0") == "":
        parts.pop()
    return "-".join(parts)


def occupation_path(code: str) -> list[str]:
    """Return an occupation code with its ancestors (6, 6-18, 6-18-01, 6-18-01-01)."""
    parts = occupation_code_prefix(code).split("-") if code else []
    return ["-".join(parts[:n]) for n in range(1, len(parts) + 1)]


def major_path(code: str) -> list[str]:
    """Return a major code with its category and class codes (46, 4601, 460103)."""
    return [code[:2], code[:4], code] if len(code) >= 6 else [code]


def _detail_text(kind: str, details: dict[str, Any]) -> list[str]:
    spec = KINDS.get(kind)
    if spec is None:
        return []
    texts = []
    for detail in spec.details:
        value = details.get(detail.name)
        if detail.is_personal or value in (None, ""):
            continue
        if detail.type in ("text", "longtext"):
            texts.append(str(value))
        elif detail.type == "choice":
            texts.append(str(dict(detail.choices).get(value, "")))
    return texts


def occupation_ancestor_codes(code: str) -> list[str]:
    """Return the full code of an occupation's 小类 (2-05-08-01 → 2-05-08-00; none for a 小类)."""
    path = occupation_path(code)[OCCUPATION_NAME_DEPTH - 1 : -1] if code else []
    return [prefix + "-00" * (4 - len(prefix.split("-"))) for prefix in path]


def _occupation_names(row: dict[str, Any], ancestors: dict[str, str]) -> tuple[str, ...]:
    code = row["occupation__code"]
    if not code:
        return ()
    # Not the 大典's aliases: they are noisy (电子商务师 lists 客服, 企业经理 lists 厂长); a query
    # word reaches an occupation through its aliases only by the query expansion's rules.
    parents = [ancestors[c] for c in occupation_ancestor_codes(code) if c in ancestors]
    return tuple(dict.fromkeys([row["occupation__name"], *parents]))


def _doc_from_row(
    row: dict[str, Any], majors: list[tuple[str, str]], ancestors: dict[str, str]
) -> SearchDoc:
    spec = KINDS[row["kind"]]
    body = [
        spec.label,
        spec.direction_label(row["direction"]) if row["direction"] else "",
        row["description"],
        row["skills"],
        *_detail_text(row["kind"], row["details"] or {}),
        row["region__name"] or "",
        row["industry__name"] or "",
        *(name for _, name in majors),
    ]
    return SearchDoc(
        listing_id=row["pk"],
        kind=row["kind"],
        title=row["title"],
        body="\n".join(text for text in body if text),
        region_code=row["region__code"] or "",
        industry_code=row["industry__code"] or "",
        industry_section=row["industry__section"] or "",
        occupation_code=row["occupation__code"] or "",
        major_codes=tuple(sorted({code for code, _ in majors})),
        education=row["education"] or "",
        salary_min=row["salary_min"],
        salary_max=row["salary_max"],
        published_at=row["published_at"],
        valid_until=row["valid_until"],
        organization_id=row["organization_id"],
        occupation_names=_occupation_names(row, ancestors),
        organization_name=row["organization__name"] or "",
    )


def _majors_by_listing(ids: Sequence[int]) -> dict[int, list[tuple[str, str]]]:
    through = Listing.majors.through.objects.filter(listing_id__in=ids)
    majors: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for listing_id, code, name in through.values_list("listing_id", "major__code", "major__name"):
        majors[listing_id].append((code, name))
    return majors


def public_documents(ids: Iterable[int]) -> list[SearchDoc]:
    """Return the documents of those listings that are public now (the rest leave the index)."""
    ids = list(ids)
    rows = list(Listing.objects.public().filter(pk__in=ids).values(*ROW_FIELDS))
    majors = _majors_by_listing([row["pk"] for row in rows])
    ancestors = _ancestor_names({row["occupation__code"] for row in rows})
    return [_doc_from_row(row, majors.get(row["pk"], []), ancestors) for row in rows]


def _ancestor_names(codes: Iterable[str | None]) -> dict[str, str]:
    wanted = {parent for code in codes if code for parent in occupation_ancestor_codes(code)}
    if not wanted:
        return {}
    return dict(Occupation.objects.filter(code__in=wanted).values_list("code", "name"))


def public_listing_ids(chunk_size: int = 5000) -> Iterator[list[int]]:
    """Yield the ids of every public listing, in chunks, in id order."""
    last = 0
    public = Listing.objects.public().order_by("pk")
    while True:
        ids = list(public.filter(pk__gt=last).values_list("pk", flat=True)[:chunk_size])
        if not ids:
            return
        yield ids
        last = ids[-1]
