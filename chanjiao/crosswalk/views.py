"""Pages of the crosswalk: search, a major's occupations, an occupation's majors and industries."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from chanjiao.catalogs.models import Industry, Major, Occupation
from chanjiao.common.exceptions import ApplicationError, NotFoundError, PermissionDeniedError
from chanjiao.crosswalk import services
from chanjiao.crosswalk.browsing import (
    crosswalk_search,
    inferred_industry_links_pending,
    inferred_links_pending,
    major_crosswalk_get,
    occupation_crosswalk_get,
)
from chanjiao.crosswalk.models import IndustryLink, MajorLink
from chanjiao.crosswalk.permissions import user_can_curate


def _page_number(request: HttpRequest) -> int:
    value = request.GET.get("page", "1")
    return int(value) if value.isdigit() else 1


def index_page(request: HttpRequest) -> HttpResponse:
    """Search majors or occupations by code or name."""
    kind = "occupation" if request.GET.get("kind") == "occupation" else "major"
    q = request.GET.get("q", "")[:50]
    context = {
        "q": q,
        "kind": kind,
        "page": crosswalk_search(q=q, kind=kind, page=_page_number(request)),
        "can_curate": user_can_curate(request.user),
    }
    return render(request, "crosswalk/index.html", context)


def major_page(request: HttpRequest, major_id: int) -> HttpResponse:
    """Show a major's occupations grouped by evidence."""
    context = {
        "crosswalk": major_crosswalk_get(major_id=major_id),
        "can_curate": user_can_curate(request.user),
    }
    return render(request, "crosswalk/major.html", context)


def occupation_page(request: HttpRequest, occupation_id: int) -> HttpResponse:
    """Show an occupation's majors and industries."""
    context = {
        "crosswalk": occupation_crosswalk_get(occupation_id=occupation_id),
        "can_curate": user_can_curate(request.user),
    }
    return render(request, "crosswalk/occupation.html", context)


def review_page(request: HttpRequest) -> HttpResponse:
    """List inferred links awaiting staff review: major → occupation, or occupation → industry."""
    if not user_can_curate(request.user):
        raise PermissionDeniedError("只有平台工作人员可以审核推断的对应关系。")
    kind = "industry" if request.GET.get("kind") == "industry" else "major"
    pending = inferred_industry_links_pending if kind == "industry" else inferred_links_pending
    context = {
        "kind": kind,
        "page": pending(page=_page_number(request)),
        "actions": [("confirm", "确认"), ("reject", "否决")],
    }
    return render(request, "crosswalk/review.html", context)


def _lookup(model: Any, message: str, **lookup: Any) -> Any:
    row = model.objects.filter(**lookup).first()
    if row is None:
        raise NotFoundError(message)
    return row


def _back(request: HttpRequest, fallback: str) -> HttpResponseRedirect:
    target = request.POST.get("next", "")
    return HttpResponseRedirect(target if target.startswith("/crosswalk/") else fallback)


@require_POST
def major_link_add_page(request: HttpRequest, major_id: int) -> HttpResponse:
    """Add a curated occupation to a major (staff)."""
    major = _lookup(Major, "专业不存在。", pk=major_id)
    code = request.POST.get("occupation_code", "").strip()
    try:
        occupation = _lookup(Occupation, f"职业代码“{code}”不存在。", code=code, is_active=True)
        services.major_link_add(
            actor=request.user,
            major=major,
            occupation=occupation,
            note=request.POST.get("note", ""),
        )
        messages.success(request, f"已添加人工对应：{occupation.code} {occupation.name}。")
    except ApplicationError as exc:
        if isinstance(exc, PermissionDeniedError):
            raise
        messages.error(request, exc.message)
    return HttpResponseRedirect(reverse("crosswalk:major", args=[major.pk]))


@require_POST
def major_link_action_page(request: HttpRequest, link_id: int, action: str) -> HttpResponse:
    """Remove a curated link or confirm/reject an inferred one (staff)."""
    if action not in ("remove", "confirm", "reject"):
        raise NotFoundError("不支持的操作。")
    link = _lookup(MajorLink, "对应关系不存在。", pk=link_id)
    note = request.POST.get("note", "")
    if action == "remove":
        services.major_link_remove(actor=request.user, link=link, note=note)
    else:
        services.major_link_review(actor=request.user, link=link, decision=action, note=note)
    messages.success(request, "已保存。")
    return _back(request, reverse("crosswalk:major", args=[link.major_id]))


@require_POST
def industry_link_add_page(request: HttpRequest, occupation_id: int) -> HttpResponse:
    """Add a curated industry to an occupation (staff)."""
    occupation = _lookup(Occupation, "职业不存在。", pk=occupation_id)
    code = request.POST.get("industry_code", "").strip()
    try:
        industry = _lookup(Industry, f"行业代码“{code}”不存在。", code=code, is_active=True)
        services.industry_link_add(
            actor=request.user,
            occupation=occupation,
            industry=industry,
            note=request.POST.get("note", ""),
        )
        messages.success(request, f"已添加人工对应：{industry.code} {industry.name}。")
    except ApplicationError as exc:
        if isinstance(exc, PermissionDeniedError):
            raise
        messages.error(request, exc.message)
    return HttpResponseRedirect(reverse("crosswalk:occupation", args=[occupation.pk]))


@require_POST
def industry_link_review_page(request: HttpRequest, link_id: int, action: str) -> HttpResponse:
    """Confirm or reject an inferred occupation → industry link (staff)."""
    if action not in services.REVIEW_DECISIONS:
        raise NotFoundError("不支持的操作。")
    link = _lookup(IndustryLink, "对应关系不存在。", pk=link_id)
    services.industry_link_review(
        actor=request.user, link=link, decision=action, note=request.POST.get("note", "")
    )
    messages.success(request, "已保存。")
    return _back(request, reverse("crosswalk:occupation", args=[link.occupation_id]))


@require_POST
def industry_link_remove_page(request: HttpRequest, link_id: int) -> HttpResponse:
    """Remove an occupation → industry link (staff)."""
    link = _lookup(IndustryLink, "对应关系不存在。", pk=link_id)
    services.industry_link_remove(actor=request.user, link=link, note=request.POST.get("note", ""))
    messages.success(request, "已删除。")
    return HttpResponseRedirect(reverse("crosswalk:occupation", args=[link.occupation_id]))
