"""Pages: ask a school for graduates, the sent and received lists, one request and its answers."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from chanjiao.catalogs.models import Major
from chanjiao.common.exceptions import ApplicationError, PermissionDeniedError
from chanjiao.common.masking import mask_phone
from chanjiao.common.pages import querystring_without_page
from chanjiao.common.users import acting_user
from chanjiao.contact_requests.forms import (
    AcceptForm,
    ContactRequestForm,
    DeclineForm,
    ReceivedFilterForm,
)
from chanjiao.contact_requests.models import ContactRequest, ContactRequestState
from chanjiao.contact_requests.permissions import (
    answering_schools,
    requesting_organizations,
    user_can_answer_request,
    user_can_request_contact,
    user_can_see_contact_person,
)
from chanjiao.contact_requests.selectors import (
    contact_request_cohorts,
    contact_request_get_for_user,
    contact_request_received_list,
    contact_request_sent_list,
    verified_schools,
)
from chanjiao.contact_requests.services import (
    contact_person_get,
    contact_request_accept,
    contact_request_create,
    contact_request_decline,
    contact_request_withdraw,
)
from chanjiao.contact_requests.workflow import CONTACT_REQUEST_WORKFLOW
from chanjiao.listings.display import mask_name
from chanjiao.listings.kinds import ListingKind
from chanjiao.listings.models import Listing
from chanjiao.organizations.forms import form_errors_from
from chanjiao.organizations.models import Organization
from chanjiao.workflow.selectors import transition_actions_available, transition_history

PER_PAGE = 20
STEP_TEXTS = {
    "create": "提出请求",
    "accept": "学校接受",
    "decline": "学校婉拒",
    "withdraw": "用人单位撤回",
}


def _int(value: str | None) -> int | None:
    text = (value or "").strip()
    return int(text) if text.isdigit() else None


def _source_listing(listing_id: int | None, school: Organization) -> Listing | None:
    if listing_id is None:
        return None
    return Listing.objects.filter(
        pk=listing_id, kind=ListingKind.GRADUATES, organization=school
    ).first()


@login_required
@require_http_methods(["GET", "POST"])
def new_page(request: HttpRequest) -> HttpResponse:
    """Ask a school for graduates of a major and year (prefilled from the query string)."""
    user = acting_user(request)
    organizations = requesting_organizations(user)
    if not organizations:
        return render(request, "contact_requests/forbidden.html", status=403)
    school_id = _int(request.POST.get("school") or request.GET.get("school"))
    school = verified_schools().filter(pk=school_id).first() if school_id else None
    if school is None:
        return render(
            request,
            "contact_requests/new_school.html",
            {"schools": list(verified_schools()), "chosen": school_id, "query": request.GET},
        )
    major_id = _int(request.GET.get("major"))
    prefilled = Major.objects.filter(pk=major_id).first() if major_id else None
    listing_id = _int(request.POST.get("listing") or request.GET.get("listing"))
    listing = _source_listing(listing_id, school)
    initial = {"major": major_id, "graduation_year": _int(request.GET.get("year"))}
    form = ContactRequestForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        school=school,
        organizations=organizations,
        extra_major=prefilled,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            created = contact_request_create(
                actor=user,
                enterprise=form.organizations[data["enterprise"]],
                school=school,
                major=form.majors[data["major"]],
                graduation_year=data["graduation_year"],
                message=data.get("message") or "",
                headcount=data.get("headcount"),
                source_listing=listing,
            )
        except PermissionDeniedError:
            raise
        except ApplicationError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, "请求已发送，学校答复后会通知您。")
            return redirect("contact_requests:detail", request_id=created.pk)
    context = {"form": form, "school": school, "listing": listing}
    return render(request, "contact_requests/new.html", context)


@login_required
@require_GET
def sent_page(request: HttpRequest) -> HttpResponse:
    """The requests the user's organisations sent, newest first."""
    user = acting_user(request)
    state = request.GET.get("state", "")
    state = state if state in ContactRequestState.values else ""
    requests = contact_request_sent_list(fetched_by=user, state=state)
    page = Paginator(requests, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page_obj": page,
        "state": state,
        "states": ContactRequestState.choices,
        "can_request": user_can_request_contact(user),
        "querystring_without_page": querystring_without_page(request),
    }
    return render(request, "contact_requests/sent.html", context)


def _received_filters(request: HttpRequest, schools: list[Organization]) -> ReceivedFilterForm:
    cohorts = set(
        ContactRequest.objects.filter(school__in=schools)
        .order_by()
        .values_list("major_id", "major__name", "graduation_year")
        .distinct()
    )
    majors = sorted({(pk, name) for pk, name, _ in cohorts}, key=lambda item: (item[1], item[0]))
    years = sorted({year for _, _, year in cohorts}, reverse=True)
    return ReceivedFilterForm(request.GET or None, schools=schools, majors=majors, years=years)


@login_required
@require_GET
def received_page(request: HttpRequest) -> HttpResponse:
    """The school's requests: counts per major and year, then the filtered list."""
    user = acting_user(request)
    schools = answering_schools(user)
    if not schools:
        return render(request, "contact_requests/forbidden_school.html", status=403)
    filters = _received_filters(request, schools)
    data = filters.cleaned_data if filters.is_valid() else {}
    requests = contact_request_received_list(
        fetched_by=user,
        school_id=data.get("school"),
        state=data.get("state") or "",
        major_id=data.get("major"),
        graduation_year=data.get("year"),
    )
    page = Paginator(requests, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "filters": filters,
        "filtered": any(data.values()),
        "cohorts": contact_request_cohorts(fetched_by=user, school_id=data.get("school")),
        "schools": {s.pk: s for s in schools},
        "page_obj": page,
        "querystring_without_page": querystring_without_page(request),
    }
    return render(request, "contact_requests/received.html", context)


def _history(contact_request: ContactRequest) -> list[dict[str, Any]]:
    return [
        {
            "step": STEP_TEXTS.get(r.transition, r.transition),
            "at": r.created_at,
            "reason": r.reason,
        }
        for r in transition_history(contact_request)
    ]


def _accept_initial(school: Organization) -> dict[str, str]:
    return {
        "contact_name": school.contact_name,
        "contact_phone": school.contact_phone,
        "contact_email": school.contact_email,
    }


def _detail(
    request: HttpRequest,
    contact_request: ContactRequest,
    *,
    contact: dict[str, str] | None = None,
    accept_form: AcceptForm | None = None,
    decline_form: DeclineForm | None = None,
    status: int = 200,
) -> HttpResponse:
    user = acting_user(request)
    is_school = user_can_answer_request(user, contact_request)
    actions = {
        a["name"]
        for a in transition_actions_available(
            workflow=CONTACT_REQUEST_WORKFLOW, obj=contact_request, actor=user
        )
    }
    context = {
        "item": contact_request,
        "is_school": is_school,
        "can_accept": "accept" in actions,
        "can_decline": "decline" in actions,
        "can_withdraw": "withdraw" in actions,
        "can_reveal": user_can_see_contact_person(user, contact_request) and contact is None,
        "contact": contact,
        "masked_contact": {
            "name": mask_name(contact_request.contact_name),
            "phone": mask_phone(contact_request.contact_phone),
        },
        "accept_form": accept_form or AcceptForm(initial=_accept_initial(contact_request.school)),
        "decline_form": decline_form or DeclineForm(),
        "history": _history(contact_request),
    }
    return render(request, "contact_requests/detail.html", context, status=status)


def _visible(request: HttpRequest, request_id: int) -> ContactRequest:
    return contact_request_get_for_user(user=acting_user(request), request_id=request_id)


@login_required
@require_GET
def detail_page(request: HttpRequest, request_id: int) -> HttpResponse:
    """One request: its state and history; the school's answer forms; the sender's withdraw."""
    return _detail(request, _visible(request, request_id))


@login_required
@require_POST
def contact_page(request: HttpRequest, request_id: int) -> HttpResponse:
    """Show the accepted request's contact person to the requesting organisation (audited)."""
    contact_request = _visible(request, request_id)
    contact = contact_person_get(viewer=acting_user(request), request=contact_request)
    return _detail(request, contact_request, contact=contact)


@login_required
@require_POST
def accept_page(request: HttpRequest, request_id: int) -> HttpResponse:
    """The school accepts with its contact person."""
    contact_request = _visible(request, request_id)
    form = AcceptForm(request.POST)
    if form.is_valid():
        try:
            contact_request_accept(
                actor=acting_user(request), request=contact_request, **form.cleaned_data
            )
        except PermissionDeniedError:
            raise
        except ApplicationError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, "已接受，联系人已告知对方单位。")
            return redirect("contact_requests:detail", request_id=contact_request.pk)
    return _detail(request, contact_request, accept_form=form, status=400)


@login_required
@require_POST
def decline_page(request: HttpRequest, request_id: int) -> HttpResponse:
    """The school declines, with an optional reason."""
    contact_request = _visible(request, request_id)
    form = DeclineForm(request.POST)
    if form.is_valid():
        try:
            contact_request_decline(
                actor=acting_user(request),
                request=contact_request,
                reason=form.cleaned_data.get("reason") or "",
            )
        except PermissionDeniedError:
            raise
        except ApplicationError as error:
            form_errors_from(form, error)
        else:
            messages.success(request, "已婉拒该请求，对方单位会收到通知。")
            return redirect("contact_requests:detail", request_id=contact_request.pk)
    return _detail(request, contact_request, decline_form=form, status=400)


@login_required
@require_POST
def withdraw_page(request: HttpRequest, request_id: int) -> HttpResponse:
    """The requesting organisation withdraws its pending request."""
    contact_request = _visible(request, request_id)
    try:
        contact_request_withdraw(actor=acting_user(request), request=contact_request)
    except PermissionDeniedError:
        raise
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "请求已撤回。")
    return redirect("contact_requests:detail", request_id=contact_request.pk)
