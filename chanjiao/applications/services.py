"""Writes: a person applies to a post; the publisher moves the application; the applicant
withdraws; closing a post closes its open applications.

Every step after the submission goes through ``APPLICATION_WORKFLOW`` (row lock, Chinese conflict
message, history row, audit event ``application.<step>``, notice to the other party).
"""

from datetime import datetime, time
from pathlib import PurePath

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import get_random_string

from chanjiao.accounts.models import User
from chanjiao.applications.models import Application, ApplicationState
from chanjiao.applications.permissions import apply_refusal, user_is_publisher_member
from chanjiao.applications.selectors import ApplicantContact, application_contact
from chanjiao.applications.workflow import APPLICATION_WORKFLOW
from chanjiao.audit.services import audit_event_record, audit_refusal
from chanjiao.common.exceptions import ApplicationError, ConflictError, field_refusal
from chanjiao.events.models import EventState, MatchEvent
from chanjiao.events.selectors import event_post_ids
from chanjiao.listings.kinds import ListingKind
from chanjiao.listings.models import Listing
from chanjiao.organizations.selectors import acting_member_ids
from chanjiao.subscriptions.models import NoticeCategory
from chanjiao.subscriptions.notices import Notice, notice_send
from chanjiao.workflow.services import history_first_step, transition_apply, transition_check

# Enough for anyone searching in earnest (a busy job fair day included); more in one day looks
# like mass sending, which floods publishers' inboxes and hands out contact data wholesale.
DAILY_APPLICATION_CAP = 30
# A résumé or certificate scan; larger files are usually photos that should be compressed.
MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024
MAX_MESSAGE_CHARS = 1000
MAX_STATE_MESSAGE_CHARS = 500
# Allowed attachment types: extension → the leading bytes a real file of that type starts with.
ATTACHMENT_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    "pdf": (b"%PDF-",),
    "doc": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",),
    "docx": (b"PK\x03\x04",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "png": (b"\x89PNG\r\n\x1a\n",),
}
DUPLICATE = "您已投递过该岗位（可在“我的投递”查看进度）。"
ATTACHMENT_TYPES = "附件只能是 PDF、Word（DOC/DOCX）或 JPG/PNG 图片。"


def _attachment_check(attachment: UploadedFile) -> str:
    """Return the file's lower-case extension; refuse (naming ``attachment``) a bad file."""
    name = PurePath(attachment.name or "").name
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in ATTACHMENT_SIGNATURES:
        raise field_refusal("attachment", ATTACHMENT_TYPES)
    if attachment.size is not None and attachment.size > MAX_ATTACHMENT_BYTES:
        raise field_refusal("attachment", "附件不能超过 5 MB，请压缩后再上传。")
    if not attachment.size:
        raise field_refusal("attachment", "附件是空文件，请重新选择。")
    attachment.seek(0)
    head = attachment.read(16)
    attachment.seek(0)
    if not any(head.startswith(magic) for magic in ATTACHMENT_SIGNATURES[extension]):
        raise field_refusal(
            "attachment",
            f"附件内容与扩展名 .{extension} 不符（文件可能已损坏或被改过扩展名），"
            f"请重新导出或另选文件。{ATTACHMENT_TYPES}",
        )
    return extension


def _profile_check(*, actor: User, profile: Listing | None) -> None:
    if profile is None:
        return
    if profile.author_id != actor.pk or profile.kind != ListingKind.JOBSEEKER:
        raise field_refusal("profile", "只能附上您本人的求职档案。")


def _event_check(*, event: MatchEvent | None, listing: Listing) -> None:
    if event is None:
        return
    if event.state != EventState.PUBLISHED or listing.pk not in event_post_ids(event):
        raise field_refusal("event", "该招聘活动不存在或不提供这个岗位。")


def _day_start() -> datetime:
    return timezone.make_aware(datetime.combine(timezone.localdate(), time.min))


def _cap_check(actor: User) -> None:
    # Withdrawn ones count too: withdrawing and sending again is still sending.
    today = Application.objects.filter(applicant=actor, submitted_at__gte=_day_start()).count()
    if today >= DAILY_APPLICATION_CAP:
        raise ApplicationError(
            f"您今天已投递 {DAILY_APPLICATION_CAP} 份，已达每日上限，请明天再投递。",
            extra={"limit": DAILY_APPLICATION_CAP},
        )


def application_submit(
    *,
    actor: User,
    listing: Listing,
    message: str = "",
    attachment: UploadedFile | None = None,
    profile: Listing | None = None,
    event: MatchEvent | None = None,
) -> Application:
    """Apply to a job or internship post; this grants the publisher the consent (PIPL Art. 23)
    to see the applicant's contact data, for this application only."""
    refusal = apply_refusal(actor, listing)
    if refusal:
        audit_refusal(actor=actor, action="application.submit", target=listing, message=refusal)
    text = (message or "").strip()
    if len(text) > MAX_MESSAGE_CHARS:
        raise field_refusal("message", f"附言不能超过 {MAX_MESSAGE_CHARS} 字。")
    extension = _attachment_check(attachment) if attachment is not None else ""
    _profile_check(actor=actor, profile=profile)
    _event_check(event=event, listing=listing)
    student = getattr(actor, "student_profile", None)
    with transaction.atomic():
        # The person's row lock serialises two submissions of one person; the constraint is the
        # backstop.
        User.objects.select_for_update().filter(pk=actor.pk).first()
        if (
            Application.objects.filter(listing=listing, applicant=actor)
            .exclude(state=ApplicationState.WITHDRAWN)
            .exists()
        ):
            raise ApplicationError(DUPLICATE)
        _cap_check(actor)
        now = timezone.now()
        application = Application(
            listing=listing,
            organization=listing.organization,
            applicant=actor,
            profile=profile,
            event=event,
            message=text,
            school_id=student.school_id if student else None,
            major_id=student.major_id if student else None,
            graduation_year=student.graduation_year if student else None,
            submitted_at=now,
            consent_granted_at=now,
        )
        if attachment is not None:
            application.attachment_name = PurePath(attachment.name or "").name[:200]
            stored = f"{get_random_string(24)}.{extension}"
            application.attachment.save(stored, attachment, save=False)
        try:
            with transaction.atomic():
                application.save()
        except IntegrityError:
            if application.attachment:
                application.attachment.delete(save=False)
            raise ApplicationError(DUPLICATE) from None
        history_first_step(
            workflow=APPLICATION_WORKFLOW.name,
            obj=application,
            step="submit",
            to_state=application.state,
            actor=actor,
        )
        audit_event_record(
            actor=actor,
            action="application.submit",
            target=application,
            changes={
                "state": [None, application.state],
                "listing": listing.pk,
                "organization": listing.organization_id,
                "consent": "granted",
                "attachment": bool(attachment),
                "profile": profile.pk if profile else None,
                "event": event.pk if event else None,
            },
        )
        notice_send(
            recipients=acting_member_ids(listing.organization_id or 0),
            notice=Notice(
                category=NoticeCategory.APPLICATION,
                title=f"收到新投递：{listing.title}",
                body="有人投递了您单位的岗位，请在“收到的投递”中查看。",
                url=reverse("applications:detail", args=[application.pk]),
            ),
        )
    return application


def _step(*, actor: User, application: Application, name: str, message: str) -> Application:
    text = (message or "").strip()
    transition_check(workflow=APPLICATION_WORKFLOW, obj=application, name=name, actor=actor)
    if len(text) > MAX_STATE_MESSAGE_CHARS:
        raise field_refusal("message", f"说明不能超过 {MAX_STATE_MESSAGE_CHARS} 字。")
    return transition_apply(
        workflow=APPLICATION_WORKFLOW,
        obj=application,
        name=name,
        actor=actor,
        reason=text,
        extra_changes={"state_message": text},
    )


def application_view_by_publisher(*, actor: User, application: Application) -> Application:
    """Mark a new application as viewed (the first time a publisher member opens it)."""
    if application.state != ApplicationState.SUBMITTED:
        return application
    try:
        return transition_apply(
            workflow=APPLICATION_WORKFLOW, obj=application, name="view", actor=actor
        )
    except ConflictError:
        # Another member opened (or the applicant withdrew) it a moment earlier: show it as is.
        application.refresh_from_db()
        return application


def application_open(
    *, actor: User, application: Application
) -> tuple[Application, ApplicantContact | None]:
    """Open one application: for a publisher member, the first look marks it viewed and the
    contact card is shown (audited); the applicant sees it as it is, without the card."""
    if not user_is_publisher_member(actor, application):
        return application, None
    application = application_view_by_publisher(actor=actor, application=application)
    return application, application_contact(actor=actor, application=application)


def application_invite(*, actor: User, application: Application, message: str = "") -> Application:
    """Invite the applicant to an interview (time and place in the optional message)."""
    return _step(actor=actor, application=application, name="invite", message=message)


def application_hire(*, actor: User, application: Application, message: str = "") -> Application:
    """Hire the applicant."""
    return _step(actor=actor, application=application, name="hire", message=message)


def application_decline(*, actor: User, application: Application, message: str = "") -> Application:
    """Tell the applicant the post is not a fit (不合适)."""
    return _step(actor=actor, application=application, name="decline", message=message)


def application_withdraw(*, actor: User, application: Application) -> Application:
    """Withdraw one's own open application; the publisher's consent ends with it."""
    return transition_apply(
        workflow=APPLICATION_WORKFLOW,
        obj=application,
        name="withdraw",
        actor=actor,
        extra_changes={"state_message": ""},
        audit_changes={"consent": "withdrawn"},
    )


STEP_SERVICES = {
    "invite": application_invite,
    "hire": application_hire,
    "decline": application_decline,
}


def application_transition(
    *, actor: User, application: Application, name: str, message: str = ""
) -> Application:
    """Take the named step (invite, hire, decline, withdraw) as the pages and the API offer it."""
    if name == "withdraw":
        return application_withdraw(actor=actor, application=application)
    service = STEP_SERVICES.get(name)
    if service is None:
        raise field_refusal("name", "操作只能是 invite、hire、decline 或 withdraw。")
    return service(actor=actor, application=application, message=message)


def applications_close_for_listing(listing_id: int) -> int:
    """Close the post's open applications (the system, inside the post's close); count them."""
    closed = 0
    with transaction.atomic():
        for application in (
            Application.objects.open().filter(listing_id=listing_id).select_related("listing")
        ):
            transition_apply(
                workflow=APPLICATION_WORKFLOW,
                obj=application,
                name="close",
                actor=None,
                extra_changes={"state_message": ""},
            )
            closed += 1
    return closed
