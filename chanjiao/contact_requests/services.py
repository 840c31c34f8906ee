"""Writes: an organisation asks a school for graduates; the school answers; the asker withdraws.

Every step after the request is filed goes through ``CONTACT_REQUEST_WORKFLOW`` (row lock, Chinese
conflict message, history row, audit event ``contact_request.<step>`` and the other side's
notice). ``contact_person_get`` is the one way to read an accepted request's contact person whole.
"""

import datetime
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from chanjiao.accounts.models import User
from chanjiao.audit.services import audit_event_record, audit_refusal
from chanjiao.catalogs.models import Major
from chanjiao.common.exceptions import ApplicationError, field_refusal
from chanjiao.common.masking import mask_phone
from chanjiao.contact_requests.models import ContactRequest, ContactRequestState
from chanjiao.contact_requests.permissions import (
    user_can_request_for,
    user_can_see_contact_person,
)
from chanjiao.contact_requests.workflow import CONTACT_REQUEST_WORKFLOW, cohort_text
from chanjiao.listings.kinds import ListingKind
from chanjiao.listings.models import Listing
from chanjiao.organizations.models import Organization, SchoolMajor
from chanjiao.organizations.selectors import acting_member_ids
from chanjiao.subscriptions.models import NoticeCategory
from chanjiao.subscriptions.notices import Notice, notice_send
from chanjiao.workflow.services import history_first_step, transition_apply, transition_check

# Graduates of the last five years are still placed through their school, and schools plan
# recommendations up to four years ahead (a first-year cohort of a three- or four-year course).
YEARS_BACK = 5
YEARS_AHEAD = 4
# A recruiter rarely needs more than a handful of schools a day; twenty keeps mass mailing of
# every school's staff (and guessing at schools' contact people) out of reach.
DAILY_LIMIT = 20
MAX_HEADCOUNT = 10_000
MESSAGE_MAX = 1000
REASON_MAX = 500
PHONE_PATTERN = re.compile(r"^[0-9+()\- ]{7,20}$")

CREATE_ACTION = "contact_request.create"
VIEW_ACTION = "contact_request.contact.view"
REQUESTER_REFUSAL = (
    "只有已认证的企业、行业协会、科研院所或培训机构的机构管理员或信息员可以联系学校。"
)
CONTACT_REFUSAL = "只有提出请求的单位可以在学校接受后查看学校联系人。"


def graduation_years() -> list[int]:
    """Return the graduation years a request may name, newest first."""
    year = timezone.localdate().year
    return list(range(year + YEARS_AHEAD, year - YEARS_BACK - 1, -1))


def school_offers_major(school: Organization, major: Major) -> bool:
    """Tell whether a request may name this major: one of the school's own, if it lists any."""
    offered = SchoolMajor.objects.filter(school=school)
    if offered.exists():
        return offered.filter(major=major).exists()
    return True


def _check_school(school: Organization) -> None:
    if not school.is_school:
        raise field_refusal("school", "学校：所选机构不是学校，只能向学校提出联系请求。")
    if not school.is_verified:
        raise field_refusal("school", "学校：该校尚未通过认证，暂不能接收联系请求。")


def _check_request_values(
    *,
    school: Organization,
    major: Major,
    graduation_year: int,
    message: str,
    headcount: int | None,
    source_listing: Listing | None,
) -> None:
    _check_school(school)
    if not school_offers_major(school, major):
        raise field_refusal(
            "major", f"专业：{school.name}未开设“{major.name}”，请从该校的专业中选择。"
        )
    years = graduation_years()
    if graduation_year not in years:
        raise field_refusal(
            "graduation_year", f"毕业年份：请选择 {years[-1]} 至 {years[0]} 年之间的届别。"
        )
    if len(message) > MESSAGE_MAX:
        raise field_refusal("message", f"需求说明：最多 {MESSAGE_MAX} 字。")
    if headcount is not None and not 1 <= headcount <= MAX_HEADCOUNT:
        raise field_refusal("headcount", f"拟招人数：请填写 1 至 {MAX_HEADCOUNT} 之间的整数。")
    if source_listing is not None and (
        source_listing.kind != ListingKind.GRADUATES or source_listing.organization_id != school.pk
    ):
        raise field_refusal("source_listing", "来源信息：不是该校发布的毕业生资源。")


def _duplicate_message(existing: ContactRequest) -> str:
    return (
        f"贵单位已就{cohort_text(existing)}毕业生向{existing.school.name}提出请求"
        f"（编号 {existing.pk}），正在等待答复，请勿重复提出。"
    )


def _check_not_duplicate(
    enterprise: Organization, school: Organization, major: Major, year: int
) -> None:
    existing = (
        ContactRequest.objects.filter(
            enterprise=enterprise,
            school=school,
            major=major,
            graduation_year=year,
            state=ContactRequestState.PENDING,
        )
        .select_related("school", "major")
        .first()
    )
    if existing is not None:
        raise ApplicationError(
            _duplicate_message(existing), extra={"field": "major", "existing_id": existing.pk}
        )


def _check_daily_limit(enterprise: Organization) -> None:
    start = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time.min))
    sent = ContactRequest.objects.filter(enterprise=enterprise, created_at__gte=start).count()
    if sent >= DAILY_LIMIT:
        raise ApplicationError(
            f"贵单位今天已提出 {DAILY_LIMIT} 个联系请求，已达每日上限，请明天再提。",
            extra={"limit": DAILY_LIMIT},
        )


def _record_created(request: ContactRequest, actor: User) -> None:
    history_first_step(
        workflow=CONTACT_REQUEST_WORKFLOW.name,
        obj=request,
        step="create",
        to_state=request.state,
        actor=actor,
    )
    audit_event_record(
        actor=actor,
        action=CREATE_ACTION,
        target=request,
        changes={
            "enterprise": [None, request.enterprise_id],
            "school": [None, request.school_id],
            "major": [None, request.major_id],
            "graduation_year": [None, request.graduation_year],
        },
    )


def _notify_school(request: ContactRequest) -> None:
    cohort = cohort_text(request)
    notice = Notice(
        category=NoticeCategory.CONTACT,
        title=f"{request.enterprise.name}希望联系贵校{cohort}毕业生",
        body=(
            f"{request.enterprise.name}就{cohort}毕业生提出联系请求"
            + (f"（拟招 {request.headcount} 人）" if request.headcount else "")
            + "。请接受并提供联系人，或婉拒。"
        ),
        url=reverse("contact_requests:detail", kwargs={"request_id": request.pk}),
    )
    notice_send(recipients=acting_member_ids(request.school_id), notice=notice)


def contact_request_create(
    *,
    actor: User,
    enterprise: Organization,
    school: Organization,
    major: Major,
    graduation_year: int,
    message: str = "",
    headcount: int | None = None,
    source_listing: Listing | None = None,
) -> ContactRequest:
    """Ask a school, in the enterprise's name, for graduates of a major and year; tell its staff."""
    if not user_can_request_for(actor, enterprise):
        audit_refusal(actor=actor, action=CREATE_ACTION, message=REQUESTER_REFUSAL, target=school)
    message = (message or "").strip()
    _check_request_values(
        school=school,
        major=major,
        graduation_year=graduation_year,
        message=message,
        headcount=headcount,
        source_listing=source_listing,
    )
    with transaction.atomic():
        # The enterprise's row lock serialises its requests: the daily count and the duplicate
        # check see each other; the partial unique constraint is the backstop.
        Organization.objects.select_for_update().filter(pk=enterprise.pk).first()
        _check_not_duplicate(enterprise, school, major, graduation_year)
        _check_daily_limit(enterprise)
        try:
            with transaction.atomic():
                request = ContactRequest.objects.create(
                    enterprise=enterprise,
                    requested_by=actor,
                    school=school,
                    major=major,
                    graduation_year=graduation_year,
                    message=message,
                    headcount=headcount,
                    source_listing=source_listing,
                )
        except IntegrityError:
            _check_not_duplicate(enterprise, school, major, graduation_year)
            raise
        _record_created(request, actor)
        _notify_school(request)
    return request


def _contact_values(
    *, contact_name: str, contact_phone: str, contact_email: str, contact_note: str
) -> dict[str, str]:
    values = {
        "contact_name": (contact_name or "").strip(),
        "contact_phone": (contact_phone or "").strip(),
        "contact_email": (contact_email or "").strip(),
        "contact_note": (contact_note or "").strip(),
    }
    if not values["contact_name"]:
        raise field_refusal("contact_name", "学校联系人：请填写负责对接的老师姓名。")
    if len(values["contact_name"]) > 50:
        raise field_refusal("contact_name", "学校联系人：最多 50 字。")
    if not values["contact_phone"] and not values["contact_email"]:
        raise field_refusal("contact_phone", "联系电话：请至少填写联系电话或电子邮箱中的一项。")
    if values["contact_phone"] and not PHONE_PATTERN.match(values["contact_phone"]):
        raise field_refusal("contact_phone", "联系电话：请填写 7 至 20 位的电话号码。")
    if values["contact_email"]:
        try:
            validate_email(values["contact_email"])
        except ValidationError:
            raise field_refusal("contact_email", "电子邮箱：格式不正确。") from None
    if len(values["contact_note"]) > REASON_MAX:
        raise field_refusal("contact_note", f"答复说明：最多 {REASON_MAX} 字。")
    return values


def contact_request_accept(
    *,
    actor: User,
    request: ContactRequest,
    contact_name: str,
    contact_phone: str = "",
    contact_email: str = "",
    contact_note: str = "",
) -> ContactRequest:
    """Accept a request for the school with its contact person (a phone or an e-mail required)."""
    transition_check(workflow=CONTACT_REQUEST_WORKFLOW, obj=request, name="accept", actor=actor)
    values = _contact_values(
        contact_name=contact_name,
        contact_phone=contact_phone,
        contact_email=contact_email,
        contact_note=contact_note,
    )
    # The log keeps that a contact was given, not the contact person's phone or e-mail.
    shown: dict[str, Any] = {
        "contact_phone": ["", mask_phone(values["contact_phone"])],
        "contact_email": ["", "已填写" if values["contact_email"] else ""],
    }
    return transition_apply(
        workflow=CONTACT_REQUEST_WORKFLOW,
        obj=request,
        name="accept",
        actor=actor,
        extra_changes={**values, "decline_reason": ""},
        audit_changes=shown,
    )


def contact_request_decline(
    *, actor: User, request: ContactRequest, reason: str = ""
) -> ContactRequest:
    """Decline a request for the school; a reason is optional but helps the enterprise."""
    text = (reason or "").strip()
    transition_check(workflow=CONTACT_REQUEST_WORKFLOW, obj=request, name="decline", actor=actor)
    if len(text) > REASON_MAX:
        raise field_refusal("reason", f"婉拒原因：最多 {REASON_MAX} 字。")
    return transition_apply(
        workflow=CONTACT_REQUEST_WORKFLOW,
        obj=request,
        name="decline",
        actor=actor,
        reason=text,
        extra_changes={"decline_reason": text},
    )


def contact_request_withdraw(*, actor: User, request: ContactRequest) -> ContactRequest:
    """Withdraw the enterprise's pending request; the school's staff are told."""
    return transition_apply(
        workflow=CONTACT_REQUEST_WORKFLOW, obj=request, name="withdraw", actor=actor
    )


CONTACT_FIELDS = ("contact_name", "contact_phone", "contact_email", "contact_note")


def contact_person_get(*, viewer: User, request: ContactRequest) -> dict[str, str]:
    """Return an accepted request's contact person to the requesting enterprise; audit the view."""
    if not user_can_see_contact_person(viewer, request):
        audit_refusal(actor=viewer, action=VIEW_ACTION, message=CONTACT_REFUSAL, target=request)
    fields = [name for name in CONTACT_FIELDS if getattr(request, name)]
    audit_event_record(actor=viewer, action=VIEW_ACTION, target=request, changes={"fields": fields})
    return {
        "name": request.contact_name,
        "phone": request.contact_phone,
        "email": request.contact_email,
        "note": request.contact_note,
    }
