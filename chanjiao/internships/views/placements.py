"""Pages: the placements a viewer may see, a school's new placement, one placement, its steps."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from chanjiao.accounts.models import User
from chanjiao.common.exceptions import ApplicationError, PermissionDeniedError
from chanjiao.common.pages import querystring_without_page
from chanjiao.common.users import acting_user
from chanjiao.internships import services
from chanjiao.internships.forms import PlacementFilterForm, PlacementForm, TransitionForm
from chanjiao.internships.models import Placement, PlacementKind, PlacementState
from chanjiao.internships.page_data import (
    acting_enterprises,
    acting_schools,
    host_organizations,
    internship_posts,
    organization_members,
    school_students,
    student_label,
)
from chanjiao.internships.selectors import placement_get_for_user, placement_list, quota_for_user
from chanjiao.internships.views.common import STATE_TONES, refusal_text
from chanjiao.listings.models import Listing
from chanjiao.localities.choice import locality_of_region, request_localities
from chanjiao.organizations.forms import form_errors_from
from chanjiao.organizations.models import Organization

PER_PAGE = 20
SORTS = {
    "": ("开始日期（最新在前）", ["-start_date", "-pk"]),
    "start": ("开始日期（最早在前）", ["start_date", "pk"]),
    "end": ("结束日期（最早在前）", ["end_date", "pk"]),
    "enterprise": ("实习单位名称", ["enterprise__name", "-start_date", "pk"]),
}


def _filters(request: HttpRequest) -> PlacementFilterForm:
    form = PlacementFilterForm(request.GET)
    form.fields["status"].choices = [("", "全部状态"), *PlacementState.choices]  # type: ignore[attr-defined]
    form.fields["kind"].choices = [("", "全部类型"), *PlacementKind.choices]  # type: ignore[attr-defined]
    form.fields["sort"].choices = [(key, label) for key, (label, _) in SORTS.items()]  # type: ignore[attr-defined]
    form.is_valid()
    return form


def _filtered(user: User, form: PlacementFilterForm) -> QuerySet[Placement]:
    data = form.cleaned_data if hasattr(form, "cleaned_data") else {}
    qs = placement_list(
        fetched_by=user, status=data.get("status") or "", kind=data.get("kind") or ""
    )
    text = (data.get("q") or "").strip()
    if text:
        qs = qs.filter(Q(enterprise__name__icontains=text) | Q(school__name__icontains=text))
    if data.get("year"):
        qs = qs.filter(start_date__year=data["year"])
    return qs.order_by(*SORTS.get(data.get("sort") or "", SORTS[""])[1])


def _own_quota(request: HttpRequest, user: User) -> list[Any]:
    """The enterprise's own row of its locality's 2 % table (empty where no locality sets one)."""
    rows: list[Any] = []
    localities = request_localities(request)
    for enterprise in acting_enterprises(user):
        if not enterprise.is_above_designated_size or enterprise.region_id is None:
            continue
        locality = locality_of_region(enterprise.region.code, localities)
        if locality is None:
            continue
        report = quota_for_user(user, locality, timezone.localdate().year)
        rows += [(report, row) for row in report.rows if row.enterprise.pk == enterprise.pk]
    return rows


@login_required
@require_GET
def list_page(request: HttpRequest) -> HttpResponse:
    """The viewer's placements with filters, sorting and pages; names masked as the rules say."""
    user = acting_user(request)
    form = _filters(request)
    page = Paginator(_filtered(user, form), PER_PAGE).get_page(request.GET.get("page"))
    for placement in page.object_list:
        placement.student_shown = student_label(user, placement)  # type: ignore[attr-defined]
        placement.tone = STATE_TONES.get(placement.status, "muted")  # type: ignore[attr-defined]
    filtered = any(request.GET.get(key) for key in ("status", "kind", "q", "year"))
    context = {
        "form": form,
        "page_obj": page,
        "querystring_without_page": querystring_without_page(request),
        "filtered": filtered,
        "can_place": bool(acting_schools(user)),
        "quota_rows": _own_quota(request, user),
    }
    return render(request, "internships/list.html", context)


def _chosen(value: str | None, qs: QuerySet[Any]) -> Any:
    if not value or not str(value).isdigit():
        return None
    return qs.filter(pk=int(value)).first()


def _form(
    user: User, schools: list[Organization], data: Any, listing: Listing | None
) -> PlacementForm:
    initial: dict[str, Any] = {"kind": PlacementKind.POST}
    if listing is not None:
        initial.update(
            listing=listing.pk,
            post_name=listing.title,
            address=listing.region.name if listing.region_id else "",
            monthly_pay=listing.salary_min,
        )
    form = PlacementForm(data, initial=initial)
    form.fields["listing"].queryset = internship_posts()  # type: ignore[attr-defined]
    form.fields["enterprise"].queryset = host_organizations()  # type: ignore[attr-defined]
    form.fields["students"].queryset = school_students(schools)  # type: ignore[attr-defined]
    form.fields["school_mentor"].queryset = organization_members([s.pk for s in schools])  # type: ignore[attr-defined]
    source = data or {}
    chosen = _chosen(source.get("listing"), internship_posts()) or listing
    unit = chosen.organization if chosen is not None else None
    unit = unit or _chosen(source.get("enterprise"), host_organizations())
    mentors = organization_members([unit.pk]) if unit is not None else User.objects.none()
    form.fields["enterprise_mentor"].queryset = mentors  # type: ignore[attr-defined]
    return form


def _create(user: User, form: PlacementForm) -> list[Placement]:
    data = form.cleaned_data
    entries = []
    for student in data["students"]:
        profile = getattr(student, "student_profile", None)
        birth = data["birth_date"] if profile is not None and not profile.birth_date else None
        entries.append(services.StudentEntry(student=student, birth_date=birth))
    return services.placement_create(
        actor=user,
        values=form.values(),
        students=entries,
        enterprise=None if data["listing"] else data["enterprise"],
        listing=data["listing"],
    )


@login_required
@require_http_methods(["GET", "POST"])
def new_page(request: HttpRequest) -> HttpResponse:
    """A school places one or several of its students, from an internship post or a unit."""
    user = acting_user(request)
    schools = acting_schools(user)
    if not schools:
        raise PermissionDeniedError("只有学校的机构管理员或信息员可以安排学生实习。")
    listing = _chosen(request.GET.get("listing"), internship_posts())
    data = request.POST if request.method == "POST" else None
    form = _form(user, schools, data, listing)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                placements = _create(user, form)
            except PermissionDeniedError:
                raise
            except ApplicationError as error:
                form_errors_from(form, error)
            else:
                messages.success(request, f"已安排 {len(placements)} 名学生实习，请生成三方协议。")
                if len(placements) == 1:
                    return redirect("internships:detail", placements[0].pk)
                return redirect("internships:list")
        status = 400
    context = {"form": form, "listing": listing, "schools": schools}
    return render(request, "internships/new.html", context, status=status)


@login_required
@require_POST
def transition_page(request: HttpRequest, placement_id: int) -> HttpResponse:
    """A step: start, complete, terminate (with a reason) or cancel."""
    user = acting_user(request)
    placement = placement_get_for_user(user, placement_id)
    form = TransitionForm(request.POST)
    if not form.is_valid():
        messages.error(request, refusal_text(form))
        return redirect("internships:detail", placement.pk)
    try:
        placement = services.placement_transition(
            actor=user,
            placement=placement,
            name=form.cleaned_data["name"],
            reason=form.cleaned_data["reason"],
        )
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"实习安排已更新为“{placement.get_status_display()}”。")
    return redirect("internships:detail", placement.pk)
