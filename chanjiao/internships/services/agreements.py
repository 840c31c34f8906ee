"""The tripartite agreement (三方协议) and its confirmations; the internship insurance."""

from dataclasses import dataclass
from datetime import date
from pathlib import PurePath

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from chanjiao.accounts.models import User
from chanjiao.applications.services import ATTACHMENT_SIGNATURES, MAX_ATTACHMENT_BYTES
from chanjiao.audit.services import audit_event_record, audit_refusal
from chanjiao.common.exceptions import ApplicationError, ConflictError, field_refusal
from chanjiao.internships.gates import agreement_missing_roles, agreement_required_roles
from chanjiao.internships.models import (
    Agreement,
    AgreementTemplate,
    InsuranceKind,
    InsurancePolicy,
    PartyRole,
    Placement,
    PlacementState,
    Signatory,
)
from chanjiao.internships.permissions import (
    user_acts_for_enterprise,
    user_acts_for_school,
    user_acts_for_school_or_enterprise,
    user_is_intern,
)
from chanjiao.internships.workflow import PLACEMENT_WORKFLOW
from chanjiao.localities.choice import localities_for_switcher, locality_of_region
from chanjiao.workflow.services import transition_apply

DEFAULT_TITLE = "职业学校学生实习三方协议"
DEFAULT_BODY = (
    "甲方（学校）、乙方（实习单位）、丙方（学生）依据《职业学校学生实习管理规定》，"
    "就丙方实习的岗位、期限、时间、报酬、保险、安全与管理等事项协商一致，订立本协议。"
    "丙方未满18周岁的，须经其监护人签字同意。"
)
SIGNED_FILE_TYPES = "已签协议只能是 PDF 或 JPG/PNG 扫描件。"
SIGNED_FILE_EXTENSIONS = ("pdf", "jpg", "jpeg", "png")


def agreement_template_for(placement: Placement) -> AgreementTemplate | None:
    """The template of the enterprise's locality, else the default one (no locality)."""
    locality = locality_of_region(placement.enterprise.region.code, localities_for_switcher())
    if locality is not None:
        template = AgreementTemplate.objects.filter(locality=locality).first()
        if template is not None:
            return template
    return AgreementTemplate.objects.filter(locality__isnull=True).order_by("pk").first()


def agreement_create(*, actor: User, placement: Placement) -> Agreement:
    """Draw up the placement's agreement from its template, with the parties that must confirm."""
    if not user_acts_for_school(actor, placement):
        audit_refusal(
            actor=actor,
            action="placement.agreement.create",
            target=placement,
            message="只有学生所在学校的机构管理员或信息员可以生成三方协议。",
        )
    if placement.status != PlacementState.PLANNED:
        raise ConflictError("只有“计划”状态的实习安排可以生成三方协议。")
    template = agreement_template_for(placement)
    with transaction.atomic():
        Placement.objects.select_for_update().get(pk=placement.pk)
        if Agreement.objects.filter(placement=placement).exists():
            raise ConflictError("该实习安排已有三方协议。")
        agreement = Agreement.objects.create(
            placement=placement,
            title=template.title if template else DEFAULT_TITLE,
            body=template.body if template else DEFAULT_BODY,
        )
        Signatory.objects.bulk_create(
            Signatory(agreement=agreement, role=role)
            for role in agreement_required_roles(placement)
        )
        audit_event_record(actor=actor, action="placement.agreement.create", target=placement)
    return agreement


def _may_confirm(actor: User, placement: Placement, role: str) -> bool:
    if role == PartyRole.STUDENT:
        return user_is_intern(actor, placement)
    if role == PartyRole.ENTERPRISE:
        return user_acts_for_enterprise(actor, placement)
    # The school confirms for itself and records the guardian's signature.
    return user_acts_for_school(actor, placement)


def agreement_confirm(
    *, actor: User, placement: Placement, role: str, guardian_name: str = ""
) -> Agreement:
    """Confirm the agreement for one party; the last required confirmation signs the placement."""
    if role not in PartyRole.values:
        raise field_refusal("role", "签约方只能是 school、enterprise、student 或 guardian。")
    if not _may_confirm(actor, placement, role):
        audit_refusal(
            actor=actor,
            action="placement.agreement.confirm",
            target=placement,
            message=f"您不能代表“{PartyRole(role).label}”确认该协议。",
        )
    guardian_name = (guardian_name or "").strip()
    if role == PartyRole.GUARDIAN and not guardian_name:
        raise field_refusal("guardian_name", "记录监护人确认时必须填写监护人姓名。")
    with transaction.atomic():
        locked = Placement.objects.select_for_update().get(pk=placement.pk)
        if locked.status != PlacementState.PLANNED:
            raise ConflictError("协议只能在实习安排为“计划”状态时确认。")
        agreement = Agreement.objects.filter(placement=locked).first()
        if agreement is None:
            raise ApplicationError("该实习安排尚未生成三方协议。")
        signatory, _ = Signatory.objects.get_or_create(agreement=agreement, role=role)
        if signatory.confirmed_at is not None:
            raise ConflictError(f"“{PartyRole(role).label}”已确认该协议。")
        signatory.confirmed_by = actor
        signatory.confirmed_at = timezone.now()
        signatory.signer_name = guardian_name if role == PartyRole.GUARDIAN else ""
        signatory.save()
        audit_event_record(
            actor=actor,
            action="placement.agreement.confirm",
            target=locked,
            changes={"role": role},
        )
        if not agreement_missing_roles(locked):
            transition_apply(workflow=PLACEMENT_WORKFLOW, obj=placement, name="sign", actor=actor)
    return agreement


def agreement_file_attach(*, actor: User, placement: Placement, upload: UploadedFile) -> Agreement:
    """Attach the signed agreement (a PDF or image scan), checked as applications check theirs."""
    if not user_acts_for_school_or_enterprise(actor, placement):
        audit_refusal(
            actor=actor,
            action="placement.agreement.file",
            target=placement,
            message="只有学校或实习单位可以上传已签协议。",
        )
    name = PurePath(upload.name or "").name
    _signed_file_check(upload, name)
    agreement = Agreement.objects.filter(placement=placement).first()
    if agreement is None:
        raise ApplicationError("该实习安排尚未生成三方协议。")
    with transaction.atomic():
        agreement.signed_file.save(name, upload, save=False)
        agreement.signed_file_name = name[:200]
        agreement.save(update_fields=["signed_file", "signed_file_name", "updated_at"])
        audit_event_record(
            actor=actor,
            action="placement.agreement.file",
            target=placement,
            changes={"file": name},
        )
    return agreement


def _signed_file_check(upload: UploadedFile, name: str) -> None:
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in SIGNED_FILE_EXTENSIONS:
        raise field_refusal("file", SIGNED_FILE_TYPES)
    if not upload.size:
        raise field_refusal("file", "文件是空的，请重新选择。")
    if upload.size > MAX_ATTACHMENT_BYTES:
        raise field_refusal("file", "已签协议不能超过 5 MB，请压缩后再上传。")
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(magic) for magic in ATTACHMENT_SIGNATURES[extension]):
        raise field_refusal("file", f"文件内容与扩展名 .{extension} 不符。{SIGNED_FILE_TYPES}")


@dataclass
class InsuranceInput:
    kind: str
    insurer: str
    policy_number: str
    start_date: date
    end_date: date


def insurance_create(
    *, actor: User, values: InsuranceInput, placements: list[Placement]
) -> InsurancePolicy:
    """Record a policy covering these placements (the school or the enterprise of each)."""
    if not placements:
        raise field_refusal("placements", "请至少选择一个被保险的实习安排。")
    for placement in placements:
        if not user_acts_for_school_or_enterprise(actor, placement):
            audit_refusal(
                actor=actor,
                action="placement.insurance.create",
                target=placement,
                message="只有学校或实习单位可以为该实习安排登记保险。",
            )
    if values.kind not in InsuranceKind.values:
        raise field_refusal("kind", "险种只能是实习责任保险或意外伤害保险。")
    if not values.insurer.strip():
        raise field_refusal("insurer", "请填写保险公司。")
    if not values.policy_number.strip():
        raise field_refusal("policy_number", "请填写保单号。")
    if values.end_date < values.start_date:
        raise field_refusal("end_date", "保险止期不能早于起期。")
    with transaction.atomic():
        policy = InsurancePolicy.objects.create(
            kind=values.kind,
            insurer=values.insurer.strip(),
            policy_number=values.policy_number.strip(),
            start_date=values.start_date,
            end_date=values.end_date,
            created_by=actor,
        )
        policy.placements.set(placements)
        for placement in placements:
            audit_event_record(
                actor=actor,
                action="placement.insurance.create",
                target=placement,
                changes={"policy": policy.pk, "kind": values.kind},
            )
    return policy
