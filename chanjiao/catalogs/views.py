"""Server-rendered pages of the national catalogues: browsable lists and one page per concept."""

from collections.abc import Iterable
from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from chanjiao.catalogs.hooks import major_panels
from chanjiao.catalogs.models import Industry, MajorLevel, Occupation, Region
from chanjiao.catalogs.selectors import (
    DEFAULT_MAJOR_CATALOG,
    DEFAULT_ORDERING,
    MAJOR_CATALOG_LABELS,
    MAJOR_CATALOGS,
    ORDERINGS,
    concept_ancestors,
    industry_get,
    industry_get_by_code,
    industry_list,
    major_catalog_of,
    major_categories,
    major_get,
    major_list,
    major_parents,
    major_profile_get,
    occupation_get,
    occupation_get_by_code,
    occupation_list,
    region_get,
    region_get_by_code,
    region_list,
)
from chanjiao.catalogs.sources import (
    INDUSTRY_SOURCE,
    LINK_SOURCE,
    MAJOR_SOURCES,
    OCCUPATION_SOURCE,
    REGION_SOURCE,
)
from chanjiao.common.pages import querystring_without_page

PAGE_SIZE = 30
SORT_LABELS = [("code", "代码升序"), ("-code", "代码降序"), ("name", "名称")]


def _param(request: HttpRequest, name: str) -> str:
    return request.GET.get(name, "").strip()[:100]


def _choice(request: HttpRequest, name: str, allowed: Iterable[str]) -> str | None:
    """Return the parameter when it is one of ``allowed``; pages ignore unknown values."""
    value = _param(request, name)
    return value if value in allowed else None


def _flag(request: HttpRequest, name: str) -> bool | None:
    return {"1": True, "0": False}.get(_param(request, name))


def _list_context(request: HttpRequest, queryset: QuerySet[Any]) -> dict[str, Any]:
    return {
        "page_obj": Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page")),
        "querystring_without_page": querystring_without_page(request),
        "sort": _choice(request, "sort", ORDERINGS) or DEFAULT_ORDERING,
        "sort_labels": SORT_LABELS,
        "q": _param(request, "q"),
    }


# Majors ------------------------------------------------------------------------------------


def major_list_page(request: HttpRequest) -> HttpResponse:
    """Majors of one catalogue, by level and 专业大类, searchable and sortable."""
    catalog = _choice(request, "catalog", MAJOR_CATALOGS) or DEFAULT_MAJOR_CATALOG
    level = _choice(request, "level", MajorLevel.values)
    category = _param(request, "category")[:20] or None
    major_class = _param(request, "class")[:20] or None
    qs = major_list(
        catalog=catalog,
        level=level,
        category_code=category,
        class_code=major_class,
        query=_param(request, "q"),
        ordering=_choice(request, "sort", ORDERINGS) or DEFAULT_ORDERING,
    )
    sources = [MAJOR_SOURCES[catalog]] if catalog in MAJOR_SOURCES else MAJOR_SOURCES.values()
    context = _list_context(request, qs) | {
        "catalog": catalog,
        "catalog_label": MAJOR_CATALOG_LABELS[catalog],
        "catalog_choices": MAJOR_CATALOG_LABELS.items(),
        "level": level,
        "levels": MajorLevel.choices,
        "category": category,
        "major_class": major_class,
        "categories": major_categories(catalog=catalog, level=level),
        "sources": list(sources),
    }
    return render(request, "catalogs/major_list.html", context)


def major_detail_page(request: HttpRequest, major_id: int) -> HttpResponse:
    """One major: its catalogue, groups, state, and the occupations it prepares for."""
    major = major_get(major_id=major_id)
    catalog = major_catalog_of(major)
    context = {
        "major": major,
        "catalog": catalog,
        "catalog_label": MAJOR_CATALOG_LABELS.get(catalog or "", major.catalog_version),
        "parents": major_parents(major),
        "links": major.links_sorted,  # type: ignore[attr-defined]
        "replaces": major.replaces_sorted,  # type: ignore[attr-defined]
        "sources": [MAJOR_SOURCES[catalog]] if catalog in MAJOR_SOURCES else [],
        "link_source": LINK_SOURCE,
        "extra_panels": [html for panel in major_panels if (html := panel(request, major))],
        "profile": major_profile_get(major=major),
    }
    return render(request, "catalogs/major_detail.html", context)


# Occupations -------------------------------------------------------------------------------


def occupation_list_page(request: HttpRequest) -> HttpResponse:
    """职业分类大典 entries by level or parent, searchable by name, code and common names."""
    parent_code = _param(request, "parent")[:20]
    parent = occupation_get_by_code(code=parent_code) if parent_code else None
    level = _choice(request, "level", Occupation.Level.values)
    qs = occupation_list(
        level=level,
        parent_code=parent.code if parent else None,
        query=_param(request, "q"),
        is_digital=_flag(request, "is_digital"),
        is_green=_flag(request, "is_green"),
        ordering=_choice(request, "sort", ORDERINGS) or DEFAULT_ORDERING,
    )
    if parent_code and parent is None:
        qs = qs.none()
    context = _list_context(request, qs) | {
        "level": level,
        "levels": Occupation.Level.choices,
        "parent": parent,
        "parents": concept_ancestors(parent) + [parent] if parent else [],
        "is_digital": _flag(request, "is_digital"),
        "is_green": _flag(request, "is_green"),
        "source": OCCUPATION_SOURCE,
    }
    return render(request, "catalogs/occupation_list.html", context)


def occupation_detail_page(request: HttpRequest, occupation_id: int) -> HttpResponse:
    """One occupation: its place in the 大典, its children and the majors that prepare for it."""
    occupation = occupation_get(occupation_id=occupation_id)
    context = {
        "concept": occupation,
        "parents": concept_ancestors(occupation),
        "children": occupation.children_sorted,  # type: ignore[attr-defined]
        "links": occupation.links_sorted,  # type: ignore[attr-defined]
        "aliases": [name for name in occupation.aliases.split(",") if name.strip()],
        "source": OCCUPATION_SOURCE,
        "link_source": LINK_SOURCE,
    }
    return render(request, "catalogs/occupation_detail.html", context)


# Industries --------------------------------------------------------------------------------


def industry_list_page(request: HttpRequest) -> HttpResponse:
    """GB/T 4754 industries: the 门类 by default, then down the tree by parent code."""
    parent_code = _param(request, "parent")[:20]
    parent = industry_get_by_code(code=parent_code) if parent_code else None
    chosen_level = _choice(request, "level", Industry.Level.values)
    section = _choice(request, "section", [chr(c) for c in range(ord("A"), ord("U"))])
    query = _param(request, "q")
    # Without any filter the page starts at the top of the tree (the 20 门类).
    is_unfiltered = not (parent_code or chosen_level or section or query)
    qs = industry_list(
        level=Industry.Level.SECTION if is_unfiltered else chosen_level,
        section=section,
        parent_code=parent.code if parent else None,
        query=query,
        ordering=_choice(request, "sort", ORDERINGS) or DEFAULT_ORDERING,
    )
    if parent_code and parent is None:
        qs = qs.none()
    context = _list_context(request, qs) | {
        "level": chosen_level,
        "is_unfiltered": is_unfiltered,
        "levels": Industry.Level.choices,
        "section": section,
        "sections": industry_list(level=Industry.Level.SECTION),
        "parent": parent,
        "parents": concept_ancestors(parent) + [parent] if parent else [],
        "source": INDUSTRY_SOURCE,
    }
    return render(request, "catalogs/industry_list.html", context)


def industry_detail_page(request: HttpRequest, industry_id: int) -> HttpResponse:
    """One industry with its parent chain and its children."""
    industry = industry_get(industry_id=industry_id)
    context = {
        "concept": industry,
        "parents": concept_ancestors(industry),
        "children": industry.children_sorted,  # type: ignore[attr-defined]
        "source": INDUSTRY_SOURCE,
    }
    return render(request, "catalogs/industry_detail.html", context)


# Regions -----------------------------------------------------------------------------------


def region_list_page(request: HttpRequest) -> HttpResponse:
    """Regions: the provinces by default, then the children of the chosen region."""
    parent_code = _param(request, "parent")[:20]
    parent = region_get_by_code(code=parent_code) if parent_code else None
    chosen_level = _choice(request, "level", Region.Level.values)
    query = _param(request, "q")
    # Without any filter the page starts at the top of the tree (the provinces).
    is_unfiltered = not (parent_code or chosen_level or query)
    qs = region_list(
        level=Region.Level.PROVINCE if is_unfiltered else chosen_level,
        parent_code=parent.code if parent else None,
        query=query,
        ordering=_choice(request, "sort", ORDERINGS) or DEFAULT_ORDERING,
    )
    if parent_code and parent is None:
        qs = qs.none()
    context = _list_context(request, qs) | {
        "level": chosen_level,
        "is_unfiltered": is_unfiltered,
        "levels": Region.Level.choices,
        "parent": parent,
        "parents": concept_ancestors(parent) + [parent] if parent else [],
        "source": REGION_SOURCE,
    }
    return render(request, "catalogs/region_list.html", context)


def region_detail_page(request: HttpRequest, region_id: int) -> HttpResponse:
    """One region with its parent chain and the regions directly below it."""
    region = region_get(region_id=region_id)
    context = {
        "concept": region,
        "parents": concept_ancestors(region),
        "children": region.children_sorted,  # type: ignore[attr-defined]
        "source": REGION_SOURCE,
    }
    return render(request, "catalogs/region_detail.html", context)
