"""Staff edits of the crosswalk: curated links and review of inferred ones, all audited."""

from typing import Any, TypeVar

from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.forms.models import model_to_dict

from chanjiao.accounts.models import User
from chanjiao.audit.services import audit_event_record, audit_refusal
from chanjiao.catalogs.models import Industry, Major, Occupation
from chanjiao.common.exceptions import ApplicationError
from chanjiao.crosswalk.models import IndustryLink, LinkEvidence, LinkStatus, MajorLink
from chanjiao.crosswalk.permissions import user_can_curate

AUDITED_FIELDS = ("evidence", "status", "confidence", "note")


def _snapshot(link: MajorLink | IndustryLink) -> dict[str, Any]:
    return model_to_dict(link, fields=AUDITED_FIELDS)


def _require_staff(actor: User | AnonymousUser, action: str) -> User:
    """Return the actor if they may curate; else audit the refusal and raise."""
    if not user_can_curate(actor) or not actor.is_authenticated:
        audit_refusal(
            actor=actor, action=action, message="只有平台工作人员可以维护专业—职业—行业对应关系。"
        )
    return actor


def _audit(actor: User, action: str, link: Any, before: dict[str, Any] | None) -> None:
    audit_event_record(
        actor=actor,
        action=action,
        target=link,
        changes={"before": before, "after": _snapshot(link)},
    )


def _curated_save(link: MajorLink | IndustryLink, *, actor: User, note: str) -> dict | None:
    before = _snapshot(link) if link.pk else None
    if link.pk and link.status == LinkStatus.ACTIVE:
        raise ApplicationError("该对应关系已经存在。")
    link.status = LinkStatus.ACTIVE
    link.confidence = 1.0
    link.note = note
    link.updated_by = actor
    link.save()
    return before


@transaction.atomic
def major_link_add(
    *, actor: User | AnonymousUser, major: Major, occupation: Occupation, note: str
) -> MajorLink:
    """Add a staff-curated major → occupation link (or restore a removed one)."""
    actor = _require_staff(actor, "crosswalk.major_link.add")
    if not note.strip():
        raise ApplicationError("请填写依据说明（note）。", {"field": "note"})
    link = MajorLink.objects.select_for_update().filter(
        major=major, occupation=occupation, evidence=LinkEvidence.CURATED
    ).first() or MajorLink(major=major, occupation=occupation, evidence=LinkEvidence.CURATED)
    before = _curated_save(link, actor=actor, note=note.strip())
    _audit(actor, "crosswalk.major_link.add", link, before)
    return link


@transaction.atomic
def major_link_remove(*, actor: User | AnonymousUser, link: MajorLink, note: str = "") -> MajorLink:
    """Remove a curated link (kept as a removed row for the record)."""
    actor = _require_staff(actor, "crosswalk.major_link.remove")
    link = MajorLink.objects.select_for_update().get(pk=link.pk)
    if link.evidence != LinkEvidence.CURATED:
        raise ApplicationError("推断的对应关系请用“否决”，不能删除。")
    if link.status == LinkStatus.REMOVED:
        raise ApplicationError("该对应关系已经删除。")
    before = _snapshot(link)
    link.status = LinkStatus.REMOVED
    link.note = (link.note + ("\n删除原因：" + note.strip() if note.strip() else "")).strip()
    link.updated_by = actor
    link.save()
    _audit(actor, "crosswalk.major_link.remove", link, before)
    return link


REVIEW_DECISIONS = {"confirm": LinkStatus.CONFIRMED, "reject": LinkStatus.REJECTED}
_ReviewedLink = TypeVar("_ReviewedLink", MajorLink, IndustryLink)


@transaction.atomic
def major_link_review(
    *, actor: User | AnonymousUser, link: MajorLink, decision: str, note: str = ""
) -> MajorLink:
    """Confirm or reject an inferred link; a rejected pair is never proposed again."""
    return _inferred_link_review(actor, link, decision, note, action="crosswalk.major_link")


@transaction.atomic
def industry_link_review(
    *, actor: User | AnonymousUser, link: IndustryLink, decision: str, note: str = ""
) -> IndustryLink:
    """Confirm or reject an inferred occupation → industry link; a rejected pair stays out."""
    return _inferred_link_review(actor, link, decision, note, action="crosswalk.industry_link")


def _inferred_link_review(
    actor: User | AnonymousUser, link: _ReviewedLink, decision: str, note: str, *, action: str
) -> _ReviewedLink:
    """Set a reviewed inference's status under a row lock, with the note and an audit row."""
    actor = _require_staff(actor, f"{action}.{decision}")
    if decision not in REVIEW_DECISIONS:
        raise ApplicationError("审核结论只能是 confirm（确认）或 reject（否决）。")
    link = type(link)._default_manager.select_for_update().get(pk=link.pk)
    if link.evidence != LinkEvidence.INFERRED:
        raise ApplicationError("只有推断的对应关系需要确认或否决。")
    before = _snapshot(link)
    link.status = REVIEW_DECISIONS[decision]
    if note.strip():
        link.note = (link.note + "\n审核意见：" + note.strip()).strip()
    link.updated_by = actor
    link.save()
    _audit(actor, f"{action}.{decision}", link, before)
    return link


@transaction.atomic
def industry_link_add(
    *, actor: User | AnonymousUser, occupation: Occupation, industry: Industry, note: str
) -> IndustryLink:
    """Add a staff-curated occupation → industry link (or restore a removed one)."""
    actor = _require_staff(actor, "crosswalk.industry_link.add")
    if not note.strip():
        raise ApplicationError("请填写依据说明（note）。", {"field": "note"})
    link = IndustryLink.objects.select_for_update().filter(
        occupation=occupation, industry=industry, evidence=LinkEvidence.CURATED
    ).first() or IndustryLink(
        occupation=occupation, industry=industry, evidence=LinkEvidence.CURATED
    )
    before = _curated_save(link, actor=actor, note=note.strip())
    _audit(actor, "crosswalk.industry_link.add", link, before)
    return link


@transaction.atomic
def industry_link_remove(
    *, actor: User | AnonymousUser, link: IndustryLink, note: str = ""
) -> IndustryLink:
    """Remove an occupation → industry link (curated or observed); kept as a removed row."""
    actor = _require_staff(actor, "crosswalk.industry_link.remove")
    link = IndustryLink.objects.select_for_update().get(pk=link.pk)
    if link.status == LinkStatus.REMOVED:
        raise ApplicationError("该对应关系已经删除。")
    before = _snapshot(link)
    link.status = LinkStatus.REMOVED
    if note.strip():
        link.note = (link.note + "\n删除原因：" + note.strip()).strip()
    link.updated_by = actor
    link.save()
    _audit(actor, "crosswalk.industry_link.remove", link, before)
    return link
