"""Reads of the national catalogues: searchable lists and single concepts with their tree.

Lists join their parents with ``select_related`` so the number of queries does not grow with the
page size; details prefetch children and links into ordered lists (``*_sorted`` attributes).
"""

from typing import Any, TypeVar

from django.db.models import Model, Prefetch, Q, QuerySet, prefetch_related_objects
from django.shortcuts import get_object_or_404

from chanjiao.catalogs.loading.catalogs import (
    UNDERGRADUATE_VERSION,
    VOCATIONAL_ADDITIONS_VERSION,
    VOCATIONAL_VERSION,
)
from chanjiao.catalogs.models import (
    Industry,
    Major,
    MajorGroup,
    MajorGroupType,
    MajorOccupationLink,
    MajorProfile,
    MajorSystem,
    Occupation,
    Region,
)

ConceptT = TypeVar("ConceptT", bound=Model)

#: Public names of the major catalogues → (system, catalog_version); ``all`` means no restriction.
MAJOR_CATALOGS: dict[str, tuple[str, str] | None] = {
    "vocational-2021": (MajorSystem.VOCATIONAL, VOCATIONAL_VERSION),
    "vocational-2025-additions": (MajorSystem.VOCATIONAL, VOCATIONAL_ADDITIONS_VERSION),
    "undergraduate-2026": (MajorSystem.UNDERGRADUATE, UNDERGRADUATE_VERSION),
    "all": None,
}
MAJOR_CATALOG_LABELS: dict[str, str] = {
    "vocational-2021": "职业教育专业目录（2021年）",
    "vocational-2025-additions": "职业教育专业目录2025年增补（部分）",
    "undergraduate-2026": "普通高等学校本科专业目录（2026年）",
    "all": "全部目录",
}
DEFAULT_MAJOR_CATALOG = "vocational-2021"

#: Sort keys offered to users → ``order_by`` arguments; the primary key breaks ties.
ORDERINGS: dict[str, tuple[str, ...]] = {
    "code": ("code", "pk"),
    "-code": ("-code", "-pk"),
    "name": ("name", "code", "pk"),
    "-name": ("-name", "-code", "-pk"),
}
DEFAULT_ORDERING = "code"

# Every catalogue tree is at most four levels deep, so three parent hops reach the root.
_PARENT_CHAIN = "parent__parent__parent"


def _ordered(qs: QuerySet[ConceptT], ordering: str) -> QuerySet[ConceptT]:
    return qs.order_by(*ORDERINGS.get(ordering, ORDERINGS[DEFAULT_ORDERING]))


def _search(qs: QuerySet[ConceptT], query: str | None, *extra_fields: str) -> QuerySet[ConceptT]:
    """Keep rows whose name contains ``query`` or whose code starts with it."""
    text = (query or "").strip()
    if not text:
        return qs
    condition = Q(name__icontains=text) | Q(code__istartswith=text)
    for field in extra_fields:
        condition |= Q(**{f"{field}__icontains": text})
    return qs.filter(condition)


def concept_ancestors(concept: Any) -> list[Any]:
    """Return the parent chain of a concept, root first (uses already-joined parents)."""
    chain = []
    node = concept.parent
    while node is not None:
        chain.append(node)
        node = node.parent
    return chain[::-1]


# Majors and major groups -------------------------------------------------------------------


def major_catalog_filter(catalog: str) -> Q:
    """Return the condition selecting one major catalogue (``all`` selects every major)."""
    scope = MAJOR_CATALOGS[catalog]
    if scope is None:
        return Q()
    system, version = scope
    return Q(system=system, catalog_version=version)


def major_list(
    *,
    catalog: str = DEFAULT_MAJOR_CATALOG,
    level: str | None = None,
    category_code: str | None = None,
    class_code: str | None = None,
    query: str | None = None,
    is_active: bool | None = None,
    ordering: str = DEFAULT_ORDERING,
) -> QuerySet[Major]:
    """Return the majors of a catalogue, filtered, searched and sorted."""
    qs = Major.objects.select_related("category", "major_class").filter(
        major_catalog_filter(catalog)
    )
    if level:
        qs = qs.filter(level=level)
    if category_code:
        qs = qs.filter(category__code=category_code)
    if class_code:
        qs = qs.filter(major_class__code=class_code)
    if is_active is not None:
        qs = qs.filter(is_active=is_active)
    return _ordered(_search(qs, query), ordering)


def major_get(*, major_id: int) -> Major:
    """Return one major with its groups, its links (``links_sorted``) and the majors it replaces."""
    links = MajorOccupationLink.objects.select_related("occupation").order_by(
        "-is_active", "is_expanded_from_minor_group", "occupation__code"
    )
    qs = Major.objects.select_related("category", "major_class", "replaced_by").prefetch_related(
        Prefetch("occupation_links", queryset=links, to_attr="links_sorted"),
        Prefetch("replaces", queryset=Major.objects.order_by("code"), to_attr="replaces_sorted"),
    )
    return get_object_or_404(qs, pk=major_id)


def major_parents(major: Major) -> list[MajorGroup]:
    """Return the groups above a major: its 专业大类 (or 学科门类), then its 专业类."""
    return [group for group in (major.category, major.major_class) if group is not None]


def major_group_list(
    *,
    system: str | None = None,
    level: str | None = None,
    node_type: str | None = None,
    parent_code: str | None = None,
    query: str | None = None,
    ordering: str = DEFAULT_ORDERING,
) -> QuerySet[MajorGroup]:
    """Return 专业大类/专业类/学科门类, filtered, searched and sorted."""
    qs = MajorGroup.objects.select_related("parent")
    if system:
        qs = qs.filter(system=system)
    if level:
        qs = qs.filter(level=level)
    if node_type:
        qs = qs.filter(node_type=node_type)
    if parent_code:
        qs = qs.filter(parent__code=parent_code)
    return _ordered(_search(qs, query), ordering)


def major_group_get(*, group_id: int) -> MajorGroup:
    """Return one major group with its child groups and its majors (``*_sorted`` attributes)."""
    qs = MajorGroup.objects.select_related("parent").prefetch_related(
        Prefetch(
            "children", queryset=MajorGroup.objects.order_by("code"), to_attr="children_sorted"
        ),
    )
    group = get_object_or_404(qs, pk=group_id)
    relation = "class_majors" if group.node_type == MajorGroupType.CLASS else "category_majors"
    majors = Major.objects.order_by("code", "pk")
    prefetch_related_objects([group], Prefetch(relation, queryset=majors, to_attr="majors_sorted"))
    return group


def major_categories(*, catalog: str, level: str | None = None) -> QuerySet[MajorGroup]:
    """Return the top groups (专业大类 / 学科门类) that hold majors of a catalogue."""
    majors = Major.objects.filter(major_catalog_filter(catalog))
    if level:
        majors = majors.filter(level=level)
    return MajorGroup.objects.filter(
        pk__in=majors.values("category_id"),
        node_type__in=[MajorGroupType.CATEGORY, MajorGroupType.DISCIPLINE],
    ).order_by("system", "code")


# Industries, occupations, regions ------------------------------------------------------------


def industry_list(
    *,
    level: str | None = None,
    section: str | None = None,
    parent_code: str | None = None,
    query: str | None = None,
    ordering: str = DEFAULT_ORDERING,
) -> QuerySet[Industry]:
    """Return GB/T 4754 industries, filtered, searched and sorted."""
    qs = Industry.objects.select_related("parent")
    if level:
        qs = qs.filter(level=level)
    if section:
        qs = qs.filter(section=section.upper())
    if parent_code:
        qs = qs.filter(parent__code=parent_code.upper())
    return _ordered(_search(qs, query), ordering)


def industry_get(*, industry_id: int) -> Industry:
    """Return one industry with its parent chain joined and its children (``children_sorted``)."""
    qs = Industry.objects.select_related(_PARENT_CHAIN, "replaced_by").prefetch_related(
        Prefetch("children", queryset=Industry.objects.order_by("code"), to_attr="children_sorted")
    )
    return get_object_or_404(qs, pk=industry_id)


def occupation_list(
    *,
    level: str | None = None,
    parent_code: str | None = None,
    query: str | None = None,
    is_digital: bool | None = None,
    is_green: bool | None = None,
    ordering: str = DEFAULT_ORDERING,
) -> QuerySet[Occupation]:
    """Return 职业分类大典 entries, searched by name, code or common names, and sorted."""
    qs = Occupation.objects.select_related("parent")
    if level:
        qs = qs.filter(level=level)
    if parent_code:
        qs = qs.filter(parent__code=parent_code)
    if is_digital is not None:
        qs = qs.filter(is_digital=is_digital)
    if is_green is not None:
        qs = qs.filter(is_green=is_green)
    return _ordered(_search(qs, query, "aliases"), ordering)


def occupation_get(*, occupation_id: int) -> Occupation:
    """Return one occupation with its parent chain, children and linked majors (``*_sorted``)."""
    links = MajorOccupationLink.objects.select_related("major").order_by(
        "-is_active", "is_expanded_from_minor_group", "major__level", "major__code"
    )
    qs = Occupation.objects.select_related(_PARENT_CHAIN, "replaced_by").prefetch_related(
        Prefetch(
            "children", queryset=Occupation.objects.order_by("code"), to_attr="children_sorted"
        ),
        Prefetch("major_links", queryset=links, to_attr="links_sorted"),
    )
    return get_object_or_404(qs, pk=occupation_id)


def region_list(
    *,
    level: str | None = None,
    parent_code: str | None = None,
    query: str | None = None,
    within: Region | None = None,
    ordering: str = DEFAULT_ORDERING,
) -> QuerySet[Region]:
    """Return regions, optionally only ``within`` one region (itself included), and sorted."""
    qs = Region.objects.select_related("parent")
    if within is not None:
        qs = qs.within(within)
    if level:
        qs = qs.filter(level=level)
    if parent_code:
        qs = qs.filter(parent__code=parent_code)
    return _ordered(_search(qs, query, "full_name"), ordering)


def region_get(*, region_id: int) -> Region:
    """Return one region with its parent chain joined and its children (``children_sorted``)."""
    qs = Region.objects.select_related("parent__parent").prefetch_related(
        Prefetch("children", queryset=Region.objects.order_by("code"), to_attr="children_sorted")
    )
    return get_object_or_404(qs, pk=region_id)


# Major ↔ occupation links -------------------------------------------------------------------


def major_occupation_link_list(
    *,
    major_id: int | None = None,
    major_code: str | None = None,
    occupation_code: str | None = None,
    evidence_type: str | None = None,
) -> QuerySet[MajorOccupationLink]:
    """Return major → occupation links with both ends joined, by major then occupation code."""
    qs = MajorOccupationLink.objects.select_related("major", "occupation")
    if major_id is not None:
        qs = qs.filter(major_id=major_id)
    if major_code:
        qs = qs.filter(major__code=major_code.upper())
    if occupation_code:
        qs = qs.filter(occupation__code=occupation_code)
    if evidence_type:
        qs = qs.filter(evidence_type=evidence_type)
    return qs.order_by("major__code", "occupation__code", "pk")


# Lookups by official code --------------------------------------------------------------------


def major_catalog_of(major: Major) -> str | None:
    """Return the public catalogue name (``vocational-2021`` …) a major belongs to."""
    for name, scope in MAJOR_CATALOGS.items():
        if scope == (major.system, major.catalog_version):
            return name
    return None


def industry_get_by_code(*, code: str) -> Industry | None:
    """Return the industry with this official code (its parent chain joined), or ``None``."""
    qs = Industry.objects.select_related(_PARENT_CHAIN).filter(code=code.strip().upper())
    return qs.order_by("-is_active", "pk").first()


def occupation_get_by_code(*, code: str) -> Occupation | None:
    """Return the occupation with this official code (its parent chain joined), or ``None``."""
    qs = Occupation.objects.select_related(_PARENT_CHAIN).filter(code=code.strip())
    return qs.order_by("-is_active", "pk").first()


def region_get_by_code(*, code: str) -> Region | None:
    """Return the region with this official code (its parent chain joined), or ``None``."""
    qs = Region.objects.select_related("parent__parent").filter(code=code.strip())
    return qs.order_by("-is_active", "pk").first()


def major_profile_get(*, major: Major) -> MajorProfile | None:
    """Return a vocational major's 专业简介 (2022), or None when the catalogue has none for it."""
    return MajorProfile.objects.filter(major=major, is_active=True).first()
