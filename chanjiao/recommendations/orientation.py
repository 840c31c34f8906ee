"""The occupations a major's 专业简介 names in its 职业面向, resolved to 大典 occupations by name.

"面向健康咨询服务人员、餐饮服务人员（营养师、健康管理师）等岗位（群）" names 小类 (…人员) and
细类 (营养师); a 细类 counts as named, a 小类 stands for its 细类 (a lower weight).
"""

import functools
import re

from chanjiao.catalogs.models import MajorProfile, Occupation
from chanjiao.catalogs.skills.vocabulary import catalog_version

NAMED_WEIGHT = 0.8
GROUP_WEIGHT = 0.5
_EXCLUDED = ("1-", "7-", "8-")
_SPLIT = re.compile(r"[、，,；;（）()。：:\s]+|等岗位|岗位（群）|岗位|面向|等")
MIN_NAME = 2


@functools.lru_cache(maxsize=2)
def _names(_version_key: str) -> tuple[dict[str, list[tuple[int, str]]], dict[int, list[int]]]:
    """Return name → [(occupation id, level)] and group id → its 细类 ids (cached per process)."""
    by_name: dict[str, list[tuple[int, str]]] = {}
    children: dict[int, list[int]] = {}
    parents: dict[int, int | None] = {}
    leaves: list[int] = []
    rows = Occupation.objects.filter(is_active=True).values_list(
        "pk", "code", "name", "level", "parent_id"
    )
    for pk, code, name, level, parent in rows:
        if code.startswith(_EXCLUDED):
            continue
        by_name.setdefault(name, []).append((pk, level))
        parents[pk] = parent
        if level == Occupation.Level.OCCUPATION:
            leaves.append(pk)
    for pk in leaves:
        # A named 小类 stands for its 细类; a 中类 is too broad to stand for anything.
        group = parents.get(pk)
        if group is not None:
            children.setdefault(group, []).append(pk)
    return by_name, children


def orientation_occupations(major_id: int) -> dict[int, float]:
    """Return {细类 id: weight} of the occupations a major's 职业面向 names (empty if none)."""
    return dict(_for_major(major_id, catalog_version()))


@functools.lru_cache(maxsize=4096)
def _for_major(major_id: int, version: str) -> tuple[tuple[int, float], ...]:
    profile = MajorProfile.objects.filter(major_id=major_id).values_list("orientation", flat=True)
    text = profile.first() or ""
    by_name, children = _names(version)
    found: dict[int, float] = {}
    for piece in _SPLIT.split(text):
        for pk, level in by_name.get(piece.strip(), []) if len(piece) >= MIN_NAME else []:
            if level == Occupation.Level.OCCUPATION:
                found[pk] = max(found.get(pk, 0.0), NAMED_WEIGHT)
            else:
                for child in children.get(pk, []):
                    found.setdefault(child, GROUP_WEIGHT)
    return tuple(sorted(found.items()))


def orientation_forget() -> None:
    """Forget the cached names (after the catalogues are reloaded, and between tests)."""
    _names.cache_clear()
    _for_major.cache_clear()
