"""Background entry point of the audit log: the daily check of its hash chain."""

import logging

from django_tasks import task

from chanjiao.audit.models import AuditResult
from chanjiao.audit.selectors import audit_chain_verify
from chanjiao.audit.services import audit_event_record

logger = logging.getLogger(__name__)


@task()
def verify_audit_chain_task() -> dict[str, object]:
    """Walk the chain; a break is logged as an error and recorded as a failed check in the log."""
    report = audit_chain_verify()
    outcome: dict[str, object] = {"checked": report.checked, "head_hash": report.head_hash}
    if report.broken is not None:
        outcome["broken_at"] = report.broken.event_id
        outcome["reason"] = report.broken.reason
        logger.error("审计日志断链：编号 %s，%s", report.broken.event_id, report.broken.reason)
    audit_event_record(
        actor=None,
        action="audit.chain_verified",
        changes=outcome,
        result=AuditResult.FAILED if report.broken is not None else AuditResult.SUCCESS,
    )
    return outcome
