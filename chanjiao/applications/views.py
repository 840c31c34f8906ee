"""Pages: apply to a post, my applications, one application, the publisher's inbox."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from chanjiao.applications.models import Application, ApplicationState
from chanjiao.applications.permissions import (
    apply_refusal,
    organization_ids_user_acts_for,
    user_is_publisher_member,
)
from chanjiao.applications.selectors import (
    STATE_TONES,
    applicable_post,
    application_for_listing,
    application_get_for_user,
    application_histories,
    application_history,
    application_inbox,
    application_list_for_applicant,
    application_listing_counts,
    application_state_counts,
)
from chanjiao.applications.services import (
    application_open,
    application_submit,
    application_transition,
)
from chanjiao.applications.workflow import APPLICATION_WORKFLOW
from chanjiao.audit.services import audit_event_record
from chanjiao.common.exceptions import ApplicationError, PermissionDeniedError
from chanjiao.common.pages import querystring_without_page
from chanjiao.common.users import acting_user
from chanjiao.events.models import MatchEvent
from chanjiao.listings.display import mask_name
from chanjiao.listings.kinds import ListingKind
from chanjiao.listings.models import Listing
from chanjiao.workflow.selectors import transition_actions_available

PER_PAGE = 20
CONSENT_TEXT = (
    "投递即表示您同意将您的姓名、联系电话、电子邮箱、学校与专业以及所附材料提供给{org}，"
    "仅用于本岗位招聘；您可随时撤回投递，撤回后该单位将无法再查看您的联系方式。"
)


def consent_text(listing: Listing) -> str:
    """The consent the applicant reads before confirming (PIPL Art. 23)."""
    return CONSENT_TEXT.format(org=listing.organization.name if listing.organization else "")


def _listing_or_404(listing_id: int) -> Listing:
    listing = applicable_post(listing_id)
    if listing is None:
        raise Http404("未找到该岗位。")
    return listing


def _event_from(value: str | None) -> MatchEvent | None:
    if not value or not str(value).isdigit():
        return None
    return MatchEvent.objects.filter(pk=int(value)).first()


def _own_profiles(user: Any) -> list[Listing]:
    return list(
        Listing.objects.published()
        .filter(author_id=user.pk, kind=ListingKind.JOBSEEKER)
        .order_by("-pk")
    )


@login_required
@require_http_methods(["GET", "POST"])
def apply_page(request: HttpRequest, listing_id: int) -> HttpResponse:
    """The post, what will be shared, the consent; confirm to apply."""
    user = acting_user(request)
    listing = _listing_or_404(listing_id)
    existing = application_for_listing(user, listing)
    if existing is not None and existing.state != ApplicationState.WITHDRAWN:
        messages.info(request, "您已投递过该岗位，可在这里查看进度。")
        return redirect("applications:detail", existing.pk)
    event_value = request.POST.get("event") if request.method == "POST" else None
    event = _event_from(event_value or request.GET.get("event"))
    profiles = _own_profiles(user)
    errors: dict[str, str] = {}
    form_error = ""
    values = {"message": "", "profile": ""}
    if request.method == "POST":
        values = {
            "message": request.POST.get("message", ""),
            "profile": request.POST.get("profile", ""),
        }
        profile = next((p for p in profiles if str(p.pk) == values["profile"]), None)
        if values["profile"] and profile is None:
            errors["profile"] = "只能附上您本人已发布的求职档案。"
        if request.POST.get("consent") != "on":
            errors["consent"] = "请阅读并勾选“我已阅读并同意”后再确认投递。"
        if not errors:
            try:
                application = application_submit(
                    actor=user,
                    listing=listing,
                    message=values["message"],
                    attachment=request.FILES.get("attachment"),
                    profile=profile,
                    event=event,
                )
            except PermissionDeniedError as error:
                form_error = error.message
            except ApplicationError as error:
                field = error.extra.get("field", "")
                if field:
                    errors[field] = error.message
                else:
                    form_error = error.message
            else:
                messages.success(request, "投递成功，招聘单位处理后您会收到站内信。")
                return redirect("applications:detail", application.pk)
    context = {
        "listing": listing,
        "refusal": apply_refusal(user, listing),
        "consent_text": consent_text(listing),
        "profiles": profiles,
        "event": event,
        "errors": errors,
        "form_error": form_error,
        "values": values,
        "user_obj": user,
    }
    return render(request, "applications/apply.html", context, status=400 if errors else 200)


def _tone(application: Application) -> None:
    tone = STATE_TONES.get(ApplicationState(application.state), "muted")
    application.tone = tone  # type: ignore[attr-defined]


@login_required
@require_GET
def mine_page(request: HttpRequest) -> HttpResponse:
    """The person's applications: each post, its state, the last message, withdraw, history."""
    user = acting_user(request)
    applications = application_list_for_applicant(fetched_by=user)
    page = Paginator(applications, PER_PAGE).get_page(request.GET.get("page"))
    shown = list(page.object_list)
    histories = application_histories(shown)
    for application in shown:
        _tone(application)
        application.history = histories[application.pk]  # type: ignore[attr-defined]
    context = {"page_obj": page, "querystring_without_page": querystring_without_page(request)}
    return render(request, "applications/mine.html", context)


@login_required
@require_GET
def detail_page(request: HttpRequest, application_id: int) -> HttpResponse:
    """One application, for its applicant or the publisher (who sees the contact card)."""
    user = acting_user(request)
    application = application_get_for_user(user, application_id)
    is_publisher = user_is_publisher_member(user, application)
    application, contact = application_open(actor=user, application=application)
    _tone(application)
    actions = [
        action
        for action in transition_actions_available(
            workflow=APPLICATION_WORKFLOW, obj=application, actor=user
        )
        if action["name"] != "view"
    ]
    context = {
        "application": application,
        "is_publisher": is_publisher,
        "contact": contact,
        "masked_name": mask_name(application.applicant.real_name),
        "actions": actions,
        "history": application_history(application),
    }
    return render(request, "applications/detail.html", context)


@login_required
@require_POST
def transition_page(request: HttpRequest, application_id: int) -> HttpResponse:
    """Take a step (invite, hire, decline by the publisher; withdraw by the applicant)."""
    user = acting_user(request)
    application = application_get_for_user(user, application_id)
    name = request.POST.get("name", "")
    try:
        application = application_transition(
            actor=user,
            application=application,
            name=name,
            message=request.POST.get("message", ""),
        )
    except PermissionDeniedError:
        raise
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        if name == "withdraw":
            messages.success(request, "已撤回投递，该单位已无法再查看您的联系方式。")
        else:
            messages.success(request, f"已将投递标记为“{application.get_state_display()}”。")
    if request.POST.get("next") == "mine":
        return redirect("applications:mine")
    return redirect("applications:detail", application.pk)


@login_required
@require_GET
def attachment_download(request: HttpRequest, application_id: int) -> FileResponse:
    """The attachment, to the applicant or the publisher while the consent is active (audited)."""
    user = acting_user(request)
    application = application_get_for_user(user, application_id)
    if not application.attachment:
        raise Http404("该投递没有附件。")
    if not application.consent_active and application.applicant_id != user.pk:
        raise Http404("投递人已撤回投递，附件不再提供。")
    audit_event_record(
        actor=user,
        action="application.attachment.view",
        target=application,
        changes={"fields": ["attachment"]},
    )
    response = FileResponse(
        application.attachment.open("rb"), content_type="application/octet-stream"
    )
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=application.attachment_name or "附件"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@login_required
@require_GET
def received_page(request: HttpRequest) -> HttpResponse:
    """The publisher's inbox across posts or for one post, with filters and counts."""
    user = acting_user(request)
    if not organization_ids_user_acts_for(user):
        return render(request, "applications/received_forbidden.html", status=403)
    listing_value = request.GET.get("listing", "")
    listing_id = int(listing_value) if listing_value.isdigit() else None
    state = request.GET.get("state", "")
    if state not in ApplicationState.values:
        state = ""
    scoped = application_inbox(fetched_by=user, listing_id=listing_id)
    counts = application_state_counts(scoped)
    applications = scoped.filter(state=state) if state else scoped
    page = Paginator(applications, PER_PAGE).get_page(request.GET.get("page"))
    for application in page.object_list:
        _tone(application)
        application.masked_name = mask_name(application.applicant.real_name)  # type: ignore[attr-defined]
    listing_counts = application_listing_counts(fetched_by=user)
    current = next((c for c in listing_counts if c.listing.pk == listing_id), None)
    context = {
        "page_obj": page,
        "querystring_without_page": querystring_without_page(request),
        "listing_counts": listing_counts,
        "current": current,
        "listing_id": listing_id,
        "state": state,
        "states": [(value, label, counts[value]) for value, label in ApplicationState.choices],
        "total": sum(counts.values()),
    }
    return render(request, "applications/received.html", context)
