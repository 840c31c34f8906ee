"""The alerts list (school, bureau) and the two dashboards: the school's and the education
bureau's (a locality's officers and platform staff), with the 2 % quota table."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from chanjiao.common.exceptions import PermissionDeniedError
from chanjiao.common.pages import querystring_without_page
from chanjiao.common.users import acting_user
from chanjiao.internships.dashboards import (
    dashboard_charts,
    dashboard_figures,
    region_scope,
    school_scope,
)
from chanjiao.internships.page_data import acting_schools, student_label
from chanjiao.internships.permissions import user_watches_placement
from chanjiao.internships.selectors import alert_list, quota_rows
from chanjiao.localities.choice import locality_chosen, request_localities
from chanjiao.localities.models import Locality
from chanjiao.localities.permissions import user_is_locality_officer
from chanjiao.localities.selectors import locality_find

PER_PAGE = 20
ALERT_STATES = {"open": ("未处理", True), "resolved": ("已处理", False), "all": ("全部", None)}


@login_required
@require_GET
def alerts_page(request: HttpRequest) -> HttpResponse:
    """The red-line alerts of the placements the viewer may see (open ones first by default)."""
    user = acting_user(request)
    state = request.GET.get("state", "open")
    if state not in ALERT_STATES:
        state = "open"
    alerts = alert_list(fetched_by=user, is_open=ALERT_STATES[state][1]).select_related(
        "placement__student", "placement__enterprise__region", "placement__school"
    )
    page = Paginator(alerts, PER_PAGE).get_page(request.GET.get("page"))
    for alert in page.object_list:
        alert.student_shown = student_label(user, alert.placement)  # type: ignore[attr-defined]
        alert.can_resolve = alert.is_open and user_watches_placement(user, alert.placement)  # type: ignore[attr-defined]
    context = {
        "page_obj": page,
        "querystring_without_page": querystring_without_page(request),
        "state": state,
        "states": [(key, label) for key, (label, _) in ALERT_STATES.items()],
    }
    return render(request, "internships/alerts.html", context)


@login_required
@require_GET
def school_dashboard(request: HttpRequest) -> HttpResponse:
    """The school's students in placement, coverage, alerts, incidents and pay (counts only)."""
    user = acting_user(request)
    schools = acting_schools(user)
    if not schools:
        raise PermissionDeniedError("只有学校的机构管理员或信息员可以查看本校实习看板。")
    figures = dashboard_figures(school_scope(schools))
    context = {
        "schools": schools,
        "figures": figures,
        "charts": dashboard_charts(figures, by_school=False),
    }
    return render(request, "internships/dashboard_school.html", context)


def _officer_localities(request: HttpRequest) -> list[Locality]:
    user = request.user
    return [loc for loc in request_localities(request) if user_is_locality_officer(user, loc)]


def _locality(request: HttpRequest, options: list[Locality]) -> Locality | None:
    value = request.GET.get("locality", "").strip()
    if value:
        return locality_find(value)
    chosen = locality_chosen(request)
    if chosen is not None and chosen in options:
        return chosen
    return options[0] if options else None


def _year(request: HttpRequest) -> int:
    value = request.GET.get("year", "")
    this_year = timezone.localdate().year
    if value.isdigit() and 2000 <= int(value) <= 2100:
        return int(value)
    return this_year


@login_required
@require_GET
def bureau_dashboard(request: HttpRequest) -> HttpResponse:
    """A locality's placements by school and unit, coverage, alerts, and the 2 % quota table."""
    user = acting_user(request)
    options = _officer_localities(request)
    locality = _locality(request, options)
    if locality is None or not user_is_locality_officer(user, locality):
        raise PermissionDeniedError("只有该地区的教育主管部门可以查看地区实习看板。")
    figures = dashboard_figures(region_scope(locality.region.code))
    year = _year(request)
    report = quota_rows(locality, year)
    this_year = timezone.localdate().year
    context = {
        "locality": locality,
        "localities": options,
        "figures": figures,
        "charts": dashboard_charts(figures, by_school=True),
        "report": report,
        "year": year,
        "years": list(range(this_year + 1, this_year - 4, -1)),
        "shortfall_total": sum(row.shortfall for row in report.rows),
    }
    return render(request, "internships/dashboard_bureau.html", context)
