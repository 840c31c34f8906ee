"""Roll-up levels of the catalogue dimensions and their display names."""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from chanjiao.catalogs.models import Industry, Major, Occupation
from chanjiao.common.exceptions import ApplicationError

UNKNOWN_NAMES = {
    "industry": "未注明行业",
    "occupation": "未注明职业（未能分类）",
    "major": "无对应专业",
}


def occupation_major_group(code: str) -> str:
    """Return the 大典 大类 code of an occupation code (6-18-01-01 → 6-00-00-00)."""
    parts = code.split("-")
    return f"{parts[0]}-00-00-00" if len(parts) == 4 else code


def occupation_group(code: str) -> str:
    """Return the 大典 中类 code of an occupation code (6-18-01-01 → 6-18-00-00)."""
    parts = code.split("-")
    return f"{parts[0]}-{parts[1]}-00-00" if len(parts) == 4 else code


def _identity(code: str) -> str:
    return code


def industry_sections(codes: Iterable[str]) -> dict[str, str]:
    """Map GB/T 4754 codes to their 门类 letter."""
    wanted = {code for code in codes if code}
    rows = Industry.objects.filter(code__in=wanted).order_by("-is_active")
    result: dict[str, str] = {}
    for code, section in rows.values_list("code", "section"):
        result.setdefault(code, section)
    return result


@dataclass(frozen=True)
class Dimension:
    """A way to group demand rows: the levels from the top down and the catalogue for names."""

    catalog: str  # "industry" | "occupation"
    depth: int  # how many roll-up levels from the top down to this one


DEMAND_DIMENSIONS = {
    "industry_section": Dimension("industry", 1),
    "industry": Dimension("industry", 2),
    "occupation_major_group": Dimension("occupation", 1),
    "occupation_group": Dimension("occupation", 2),
    "occupation": Dimension("occupation", 3),
}


def demand_dimension(by: str) -> Dimension:
    """Return the dimension named ``by``; raise a Chinese error for an unknown one."""
    if by not in DEMAND_DIMENSIONS:
        choices = "、".join(DEMAND_DIMENSIONS)
        raise ApplicationError(f"分组方式 by 只能是：{choices}。", {"field": "by"})
    return DEMAND_DIMENSIONS[by]


def dimension_levels(dimension: Dimension, leaf_codes: Iterable[str]) -> list[Callable[[str], str]]:
    """Return the roll-up functions from the top level down to the dimension's own level."""
    if dimension.catalog == "occupation":
        chain: list[Callable[[str], str]] = [occupation_major_group, occupation_group, _identity]
    else:
        sections = industry_sections(leaf_codes)
        chain = [lambda code: sections.get(code, ""), _identity]
    return chain[: dimension.depth]


def catalog_names(catalog: str, codes: Iterable[str]) -> dict[str, str]:
    """Return the names of catalogue codes (current entries first)."""
    catalogs: dict[str, type[Industry] | type[Occupation]] = {
        "industry": Industry,
        "occupation": Occupation,
    }
    model = catalogs[catalog]
    wanted = {code for code in codes if code}
    names: dict[str, str] = {}
    rows = model.objects.filter(code__in=wanted).order_by("-is_active")
    for code, name in rows.values_list("code", "name"):
        names.setdefault(code, name)
    return names


def major_labels(major_ids: Iterable[int | None]) -> dict[int, tuple[str, str]]:
    """Return (code, name) of majors by id."""
    ids = {pk for pk in major_ids if pk is not None}
    return {
        pk: (code, name)
        for pk, code, name in Major.objects.filter(pk__in=ids).values_list("pk", "code", "name")
    }
