"""The steps of a recognition: reserve, apply, review with scores, notice and objections, certify,
annual re-check, exit. Each step goes through ``transition_apply`` (row lock, history, audit)."""

from dataclasses import dataclass

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from chanjiao.accounts.models import User
from chanjiao.audit.services import audit_event_record, audit_refusal
from chanjiao.common.exceptions import ConflictError, field_refusal
from chanjiao.organizations.models import Organization
from chanjiao.recognition.models import (
    OPEN_STATES,
    Attachment,
    Condition,
    Objection,
    Programme,
    Recheck,
    RecheckResult,
    Recognition,
    RecognitionState,
    ReviewScore,
)
from chanjiao.recognition.permissions import (
    user_acts_for_applicant,
    user_can_reserve,
    user_is_programme_reviewer,
)
from chanjiao.recognition.workflow import RECOGNITION_WORKFLOW
from chanjiao.workflow.services import history_first_step, transition_apply, transition_check

S = RecognitionState
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
ATTACHMENT_SUFFIXES = (".pdf", ".jpg", ".jpeg", ".png", ".doc", ".docx", ".xls", ".xlsx")
REASON_REQUIRED = frozenset({"return", "reject", "revoke", "withdraw"})


def recognition_reserve(
    *, actor: User | None, programme: Programme, organization: Organization, is_demo: bool = False
) -> Recognition:
    """Enter an organisation in the programme's reserve (入库, 企业信息储备库); ``None``: system."""
    if actor is not None and not user_can_reserve(actor, programme, organization.pk):
        audit_refusal(
            actor=actor,
            action="recognition.reserve",
            target=organization,
            message="只有该机构本身或本地区的主管部门可以入库。",
        )
    _check_eligible(programme, organization)
    with transaction.atomic():
        if Recognition.objects.filter(
            programme=programme, organization=organization, status__in=sorted(OPEN_STATES)
        ).exists():
            raise field_refusal("organization", "该机构已在此项目中（入库、申报中或已认定）。")
        recognition = Recognition.objects.create(
            programme=programme, organization=organization, created_by=actor, is_demo=is_demo
        )
        history_first_step(
            workflow=RECOGNITION_WORKFLOW.name,
            obj=recognition,
            step="reserve",
            to_state=S.RESERVE,
            actor=actor,
        )
        audit_event_record(actor=actor, action="recognition.reserve", target=recognition)
    return recognition


def _check_eligible(programme: Programme, organization: Organization) -> None:
    if not programme.is_active:
        raise field_refusal("programme", "该项目当前不开放申报。")
    if programme.applicant_types and organization.org_type not in programme.applicant_types:
        raise field_refusal("organization", "该机构的类型不在本项目的申报范围内。")
    if not organization.region.code.startswith(programme.locality.region.code):
        raise field_refusal("organization", f"该机构不在{programme.locality.name}辖区内。")


def recognition_apply(
    *, actor: User | None, recognition: Recognition, statement: str
) -> Recognition:
    """Submit the application (申报) with a statement; the evidence window is fixed then."""
    statement = (statement or "").strip()
    if not statement:
        raise field_refusal("statement", "请填写申报说明。")
    return transition_apply(
        workflow=RECOGNITION_WORKFLOW,
        obj=recognition,
        name="apply",
        actor=actor,
        extra_changes={"statement": statement[:5000]},
    )


def recognition_step(
    *, actor: User | None, recognition: Recognition, name: str, reason: str = ""
) -> Recognition:
    """Take a step with a reviewer's or applicant's comment (required to return, reject, exit)."""
    if name in ("apply", "review", "lapse"):
        raise field_refusal("name", "该操作有专门的接口。")
    try:
        RECOGNITION_WORKFLOW.get(name)
    except KeyError:
        raise field_refusal("name", "没有这个操作。") from None
    reason = (reason or "").strip()
    if name in REASON_REQUIRED and not reason:
        raise field_refusal("reason", "该操作必须填写原因或意见。")
    extra = {"status_reason": reason[:500]} if name in REASON_REQUIRED else None
    return transition_apply(
        workflow=RECOGNITION_WORKFLOW,
        obj=recognition,
        name=name,
        actor=actor,
        reason=reason,
        extra_changes=extra,
    )


@dataclass(frozen=True)
class ScoreInput:
    condition_id: int
    score: int
    comment: str = ""


def recognition_review(
    *, actor: User | None, recognition: Recognition, scores: list[ScoreInput], comment: str = ""
) -> Recognition:
    """复核/评审: score every condition of the programme (0 to its full mark), then pass."""
    transition_check(workflow=RECOGNITION_WORKFLOW, obj=recognition, name="review", actor=actor)
    conditions = {c.pk: c for c in recognition.programme.conditions.all()}
    given = {s.condition_id: s for s in scores}
    if set(given) != set(conditions):
        missing = [conditions[pk].label for pk in conditions if pk not in given]
        raise field_refusal("scores", "须逐项评分：" + "、".join(missing or ["条件不属于本项目"]))
    for item in scores:
        if not 0 <= item.score <= conditions[item.condition_id].max_score:
            raise field_refusal(
                "scores", f"“{conditions[item.condition_id].label}”的得分超出范围。"
            )
    with transaction.atomic():
        recognition = transition_apply(
            workflow=RECOGNITION_WORKFLOW,
            obj=recognition,
            name="review",
            actor=actor,
            reason=comment.strip(),
            extra_changes={"total_score": sum(s.score for s in scores)},
            audit_changes={"scores": {conditions[s.condition_id].key: s.score for s in scores}},
        )
        ReviewScore.objects.filter(recognition=recognition).delete()
        ReviewScore.objects.bulk_create(
            ReviewScore(
                recognition=recognition,
                condition=conditions[s.condition_id],
                score=s.score,
                comment=s.comment[:500],
                reviewer=actor,
            )
            for s in scores
        )
    return recognition


def attachment_add(
    *,
    actor: User,
    recognition: Recognition,
    upload: UploadedFile,
    condition: Condition | None,
    description: str = "",
) -> Attachment:
    """Upload a file for what the platform cannot know (before review only)."""
    if not user_acts_for_applicant(actor, recognition):
        audit_refusal(
            actor=actor,
            action="recognition.attachment",
            target=recognition,
            message="只有申报机构可以上传材料。",
        )
    if recognition.status not in (S.RESERVE, S.SUBMITTED, S.RETURNED):
        raise ConflictError("该申报已进入评审，不能再补充材料。")
    if condition is not None and condition.programme_id != recognition.programme_id:
        raise field_refusal("condition", "该条件不属于本项目。")
    name = (upload.name or "").rsplit("/", 1)[-1]
    if not name.lower().endswith(ATTACHMENT_SUFFIXES):
        raise field_refusal("file", "只接受 PDF、图片、Word 或 Excel 文件。")
    if (upload.size or 0) > MAX_ATTACHMENT_BYTES:
        raise field_refusal("file", "文件不能超过 10 MB。")
    with transaction.atomic():
        attachment = Attachment.objects.create(
            recognition=recognition,
            condition=condition,
            file=upload,
            file_name=name[:200],
            description=description[:200],
            uploaded_by=actor,
        )
        audit_event_record(
            actor=actor,
            action="recognition.attachment",
            target=recognition,
            changes={"file": name, "condition": condition.key if condition else ""},
        )
    return attachment


def objection_file(*, actor: User | None, recognition: Recognition, text: str) -> Objection:
    """Raise an objection during the public notice (any signed-in user)."""
    text = (text or "").strip()
    if not text:
        raise field_refusal("text", "请填写异议内容。")
    today = timezone.localdate()
    with transaction.atomic():
        locked = Recognition.objects.select_for_update().get(pk=recognition.pk)
        if locked.status != S.NOTICE or (locked.notice_end and today > locked.notice_end):
            raise ConflictError("该申报不在公示期内。")
        objection = Objection.objects.create(recognition=locked, text=text[:2000], author=actor)
        audit_event_record(actor=actor, action="recognition.objection", target=locked)
    return objection


def objection_resolve(*, actor: User, objection: Objection, resolution: str) -> Objection:
    """Record how an objection was dealt with (the locality's 政府管理员)."""
    if not user_is_programme_reviewer(actor, objection.recognition):
        audit_refusal(
            actor=actor,
            action="recognition.objection_resolve",
            target=objection.recognition,
            message="只有本地区的政府管理员可以处理异议。",
        )
    resolution = (resolution or "").strip()
    if not resolution:
        raise field_refusal("resolution", "请填写处理意见。")
    with transaction.atomic():
        locked = Objection.objects.select_for_update().get(pk=objection.pk)
        if locked.resolved_at is not None:
            raise ConflictError("该异议已处理。")
        locked.resolution = resolution[:500]
        locked.resolved_by = actor
        locked.resolved_at = timezone.now()
        locked.save(update_fields=["resolution", "resolved_by", "resolved_at", "updated_at"])
        audit_event_record(
            actor=actor,
            action="recognition.objection_resolve",
            target=locked.recognition,
            changes={"objection": locked.pk, "resolution": locked.resolution},
        )
    return locked


def recognition_recheck(
    *, actor: User, recognition: Recognition, passed: bool, comment: str = ""
) -> Recognition:
    """年度复核: passed keeps the certificate; failed revokes it with the comment as reason."""
    comment = (comment or "").strip()
    if not passed and not comment:
        raise field_refusal("comment", "复核不合格须写明原因。")
    name = "recheck" if passed else "revoke"
    transition_check(workflow=RECOGNITION_WORKFLOW, obj=recognition, name=name, actor=actor)
    year = timezone.localdate().year
    with transaction.atomic():
        if Recheck.objects.filter(recognition=recognition, year=year).exists():
            raise ConflictError(f"{year} 年度已复核。")
        reason = comment if passed else f"年度复核不合格：{comment}"
        recognition = transition_apply(
            workflow=RECOGNITION_WORKFLOW,
            obj=recognition,
            name=name,
            actor=actor,
            reason=reason,
            extra_changes=None if passed else {"status_reason": reason[:500]},
        )
        Recheck.objects.create(
            recognition=recognition,
            year=year,
            result=RecheckResult.PASSED if passed else RecheckResult.FAILED,
            comment=comment[:500],
            reviewer=actor,
        )
    return recognition


def recognitions_lapse() -> int:
    """The scheduler: certificates past their validity lapse (已失效); return how many."""
    today = timezone.localdate()
    due = Recognition.objects.filter(status=S.CERTIFIED, valid_until__lt=today)
    count = 0
    for recognition in due:
        transition_apply(
            workflow=RECOGNITION_WORKFLOW,
            obj=recognition,
            name="lapse",
            actor=None,
            reason="有效期届满",
            extra_changes={"status_reason": "有效期届满"},
        )
        count += 1
    return count
