"""The search page: query box, facets with counts beside the results, sort, paging, help."""

import datetime
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from chanjiao.common.exceptions import ApplicationError
from chanjiao.listings.cards import post_cards
from chanjiao.listings.kinds import KINDS
from chanjiao.search.backends import FACETS
from chanjiao.search.params import search_params_from_query
from chanjiao.search.selectors import PUBLIC_KINDS, search_listings

FACET_TITLES = {
    "kind": "信息类型",
    "region": "地区",
    "industry": "行业",
    "occupation": "职业",
    "major": "专业",
    "education": "学历",
    "salary": "薪酬",
    "published": "发布时间",
    "organization": "发布机构",
}
# The query parameter a facet value sets.
FACET_PARAMS = {
    "kind": "type",
    "salary": "salary_min",
    "published": "published_since_days",
    "organization": "organization",
}
FILTER_PARAMS = {
    "kinds": "type",
    "organization_id": "organization",
    "published_since": "published_since",
}
SORT_LABELS = {"relevance": "相关度", "newest": "最新发布", "salary": "薪酬最高"}


def _query_string(current: dict[str, str], **changes: str) -> str:
    merged = {**current, **changes}
    merged.pop("page", None)
    return urlencode({k: v for k, v in merged.items() if v})


def _current(request: HttpRequest) -> dict[str, str]:
    data = {k: v for k, v in request.GET.dict().items() if v}
    days = data.pop("published_since_days", "")
    if days.isdigit():
        since = timezone.localdate() - datetime.timedelta(days=int(days))
        data["published_since"] = since.isoformat()
    return data


def _facet_blocks(page: Any, current: dict[str, str]) -> list[dict[str, Any]]:
    blocks = []
    for name in FACETS:
        values = page.facets.get(name) or []
        param = FACET_PARAMS.get(name, name)
        links = []
        for value in values:
            url = "?" + _query_string(current, **{param: "" if value.selected else value.value})
            links.append({"value": value, "url": url})
        if links:
            clear = "?" + _query_string(current, **{param: ""}) if current.get(param) else ""
            blocks.append({"title": FACET_TITLES[name], "links": links, "clear_url": clear})
    return blocks


def search_page(request: HttpRequest) -> HttpResponse:
    """Render the search page; errors in the query string are shown, not raised."""
    current = _current(request)
    context: dict[str, Any] = {
        "q": current.get("q", ""),
        "current": current,
        "sorts": SORT_LABELS,
        "kinds": [(kind, KINDS[kind].label) for kind in PUBLIC_KINDS],
    }
    try:
        page = search_listings(params=search_params_from_query(current))
    except ApplicationError as error:
        context["error"] = error.message
        return render(request, "search/search.html", context, status=400)
    cards = post_cards(request.user, [hit.listing for hit in page.hits])
    context.update(
        page=page,
        results=list(zip(cards, page.hits, strict=True)),
        filtered=any(name not in ("q", "sort", "page") for name in current),
        facet_blocks=_facet_blocks(page, current),
        wider=[
            {
                "item": w,
                "url": "?" + _query_string(current, **{FILTER_PARAMS.get(w.name, w.name): ""}),
            }
            for w in page.wider
        ],
        corrections=[
            {"term": c.term, "count": c.count, "url": "?" + _query_string(current, q=c.term)}
            for c in page.suggested
        ],
        organizations=[
            {"item": o, "url": "?" + _query_string({}, organization=o.value)}
            for o in page.organizations
        ],
        sort_links=[
            {
                "label": label,
                "url": "?" + _query_string(current, sort=key),
                "active": page.params.sort == key,
            }
            for key, label in SORT_LABELS.items()
        ],
        prev_url="?" + urlencode({**current, "page": page.params.page - 1})
        if page.params.page > 1
        else "",
        next_url="?" + urlencode({**current, "page": page.params.page + 1})
        if page.params.page < page.max_page
        else "",
    )
    return render(request, "search/search.html", context)
