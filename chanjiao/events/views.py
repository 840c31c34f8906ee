"""Pages of events: the public list and event page, the organiser's pages, people's and
enterprises' own lists."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from chanjiao.common.exceptions import ApplicationError, NotFoundError, PermissionDeniedError
from chanjiao.common.masking import mask_phone
from chanjiao.common.pages import querystring_without_page
from chanjiao.common.users import acting_user
from chanjiao.events.forms import EventFilterForm, EventForm, event_initial
from chanjiao.events.models import EventState, MatchEvent, ParticipationState
from chanjiao.events.permissions import (
    MANAGE_REFUSAL,
    organizations_user_organizes_for,
    organizations_user_registers_for,
    user_can_manage_event,
)
from chanjiao.events.selectors import (
    enterprise_post_options,
    event_enterprises_for_organizer,
    event_get,
    event_list_organized,
    event_list_public,
    event_participation_get,
    event_participations_of_user,
    event_registration_get_for_user,
    event_registrations_for_organizer,
    event_registrations_of_user,
    event_view_for_user,
)
from chanjiao.events.services import (
    event_cancel,
    event_create,
    event_enterprise_approve,
    event_enterprise_decline,
    event_enterprise_register,
    event_enterprise_withdraw,
    event_register,
    event_registration_cancel,
    event_update,
)
from chanjiao.events.workflow import EVENT_ENTERPRISE_WORKFLOW
from chanjiao.listings.display import mask_name
from chanjiao.localities.choice import locality_chosen
from chanjiao.organizations.forms import form_errors_from
from chanjiao.workflow.selectors import transitions_available

PER_PAGE = 20
REGISTRATIONS_SHOWN = 200


def _page(request: HttpRequest, rows: Any) -> Any:
    return Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))


@require_GET
def list_page(request: HttpRequest) -> HttpResponse:
    """Upcoming events of the chosen locality (or everywhere), filtered by kind and audience."""
    filters = EventFilterForm(request.GET or None)
    data = filters.cleaned_data if filters.is_valid() else {}
    locality = locality_chosen(request)
    events = event_list_public(
        region_code=locality.region.code if locality is not None else "",
        kind=data.get("kind", ""),
        audience=data.get("audience", ""),
        past=bool(data.get("past")),
    )
    context = {
        "filters": filters,
        "filtered": bool(data.get("kind") or data.get("audience")),
        "past": bool(data.get("past")),
        "locality": locality,
        "page_obj": _page(request, events),
        "querystring_without_page": querystring_without_page(request),
        "can_organize": bool(organizations_user_organizes_for(request.user)),
    }
    return render(request, "events/list.html", context)


@require_GET
def detail_page(request: HttpRequest, event_id: int) -> HttpResponse:
    """The event: its enterprises and posts for everyone; registration for people; the
    enterprise form for enterprises; the decisions and figures for the organiser."""
    event = event_get(event_id=event_id)
    view = event_view_for_user(event=event, user=request.user)
    context: dict[str, Any] = {"event": event, "view": view}
    registered_orgs = {p.organization_id for p in view.my_participations}
    context["enterprise_options"] = [
        {"organization": org, "posts": list(enterprise_post_options(org)[:100])}
        for org in view.registers_for
        if org.pk not in registered_orgs
    ]
    context["my_participations"] = [
        {
            "participation": p,
            "can_withdraw": bool(
                transitions_available(workflow=EVENT_ENTERPRISE_WORKFLOW, obj=p, actor=request.user)
            ),
        }
        for p in view.my_participations
    ]
    if view.can_manage:
        participations = list(event_enterprises_for_organizer(event))
        pending = ParticipationState.PENDING
        context["pending"] = [p for p in participations if p.state == pending]
        context["decided"] = [p for p in participations if p.state != pending]
        registrations = list(event_registrations_for_organizer(event)[:REGISTRATIONS_SHOWN])
        for registration in registrations:
            registration.name_masked = mask_name(registration.user.real_name)  # type: ignore[attr-defined]
            registration.phone_masked = mask_phone(registration.user.phone)  # type: ignore[attr-defined]
        context["registrations"] = registrations
        context["registrations_shown"] = REGISTRATIONS_SHOWN
    return render(request, "events/detail.html", context)


def _form_page(
    request: HttpRequest, *, event: MatchEvent | None, template: str = "events/form.html"
) -> HttpResponse:
    user = acting_user(request)
    organizations = organizations_user_organizes_for(user)
    if event is None and not organizations:
        return render(request, "events/organize_forbidden.html", status=403)
    if event is not None and not user_can_manage_event(user, event):
        raise PermissionDeniedError(MANAGE_REFUSAL)
    # A new event starts in the first organiser's own region (any region may still be chosen).
    initial = event_initial(event) if event is not None else {"region": organizations[0].region_id}
    form = EventForm(
        request.POST or None, organizations=organizations, event=event, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            if event is None:
                saved = event_create(
                    actor=user, organizer=form.chosen_organizer(), values=form.values()
                )
                messages.success(request, "活动已发布。企业报名后会通知您审核。")
            else:
                saved = event_update(actor=user, event=event, values=form.values())
                messages.success(request, "活动已保存。")
        except PermissionDeniedError:
            raise
        except ApplicationError as error:
            form_errors_from(form, error)
        else:
            return redirect(saved.get_absolute_url())
    return render(request, template, {"form": form, "event": event})


@login_required
@require_http_methods(["GET", "POST"])
def create_page(request: HttpRequest) -> HttpResponse:
    """The organiser creates an event."""
    return _form_page(request, event=None)


@login_required
@require_http_methods(["GET", "POST"])
def edit_page(request: HttpRequest, event_id: int) -> HttpResponse:
    """The organiser changes an event."""
    event = event_get(event_id=event_id)
    if event.state == EventState.CANCELLED:
        messages.error(request, "该活动已取消，不能修改。")
        return redirect(event.get_absolute_url())
    return _form_page(request, event=event)


def _act(request: HttpRequest, event: MatchEvent, step: Any, success: str) -> HttpResponse:
    try:
        step()
    except PermissionDeniedError:
        raise
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return redirect(event.get_absolute_url())


@login_required
@require_POST
def cancel_page(request: HttpRequest, event_id: int) -> HttpResponse:
    """The organiser cancels the event with a reason."""
    event = event_get(event_id=event_id)
    return _act(
        request,
        event,
        lambda: event_cancel(
            actor=acting_user(request), event=event, reason=request.POST.get("reason", "")
        ),
        "活动已取消，已通知报名者和参会单位。",
    )


@login_required
@require_POST
def register_page(request: HttpRequest, event_id: int) -> HttpResponse:
    """A person registers for the event."""
    event = event_get(event_id=event_id)
    return _act(
        request,
        event,
        lambda: event_register(actor=acting_user(request), event=event),
        "报名成功。请按时参加，活动前可在“我报名的活动”中取消。",
    )


@login_required
@require_POST
def registration_cancel_page(request: HttpRequest, registration_id: int) -> HttpResponse:
    """A person cancels their own registration."""
    registration = event_registration_get_for_user(
        user=request.user, registration_id=registration_id
    )
    response = _act(
        request,
        registration.event,
        lambda: event_registration_cancel(actor=acting_user(request), registration=registration),
        "已取消报名。",
    )
    if request.POST.get("next") == "registered":
        return redirect("events:registered")
    return response


@login_required
@require_POST
def enterprise_register_page(request: HttpRequest, event_id: int) -> HttpResponse:
    """An enterprise registers with the posts it ticks."""
    event = event_get(event_id=event_id)
    user = acting_user(request)
    organization_id = request.POST.get("organization", "")
    organizations = {org.pk: org for org in organizations_user_registers_for(user)}
    organization = organizations.get(int(organization_id)) if organization_id.isdigit() else None
    if organization is None:
        messages.error(request, "请选择您代表报名的单位。")
        return redirect(event.get_absolute_url())
    post_ids = [int(v) for v in request.POST.getlist("post_ids") if v.isdigit()]
    return _act(
        request,
        event,
        lambda: event_enterprise_register(
            actor=user,
            event=event,
            organization=organization,
            post_ids=post_ids,
            note=request.POST.get("note", ""),
        ),
        "已报名，等待主办单位审核。审核结果会发到您的消息中心。",
    )


@login_required
@require_POST
def enterprise_transition_page(
    request: HttpRequest, event_id: int, participation_id: int, action: str
) -> HttpResponse:
    """The organiser approves or declines an enterprise; the enterprise withdraws."""
    event = event_get(event_id=event_id)
    participation = event_participation_get(event=event, participation_id=participation_id)
    actor = acting_user(request)
    name = participation.organization.name
    steps: dict[str, tuple[Any, str]] = {
        "approve": (
            lambda: event_enterprise_approve(actor=actor, participation=participation),
            f"已通过 {name}。",
        ),
        "decline": (
            lambda: event_enterprise_decline(
                actor=actor, participation=participation, reason=request.POST.get("reason")
            ),
            f"已告知 {name} 未通过。",
        ),
        "withdraw": (
            lambda: event_enterprise_withdraw(actor=actor, participation=participation),
            "已撤回报名。",
        ),
    }
    if action not in steps:
        raise NotFoundError("未找到该操作。")
    step, success = steps[action]
    return _act(request, event, step, success)


@login_required
@require_GET
def mine_page(request: HttpRequest) -> HttpResponse:
    """The events of the organisations the user organises for."""
    user = acting_user(request)
    if not organizations_user_organizes_for(user):
        return render(request, "events/organize_forbidden.html", status=403)
    context = {
        "page_obj": _page(request, event_list_organized(fetched_by=user)),
        "querystring_without_page": querystring_without_page(request),
    }
    return render(request, "events/mine.html", context)


@login_required
@require_GET
def registered_page(request: HttpRequest) -> HttpResponse:
    """The person's own registrations."""
    context = {
        "now": timezone.now(),
        "page_obj": _page(request, event_registrations_of_user(user=request.user)),
        "querystring_without_page": querystring_without_page(request),
    }
    return render(request, "events/registered.html", context)


@login_required
@require_GET
def participations_page(request: HttpRequest) -> HttpResponse:
    """The registrations of the user's enterprises."""
    organizations = organizations_user_registers_for(request.user)
    rows: Any = event_participations_of_user(user=request.user)
    context = {
        "organizations": organizations,
        "page_obj": _page(request, rows),
        "querystring_without_page": querystring_without_page(request),
    }
    return render(request, "events/participations.html", context)
