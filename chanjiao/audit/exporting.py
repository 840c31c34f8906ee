"""The audit administrator's export of the log (CSV, streamed), with each event's chain digests so
that a kept copy can be checked against the chain later."""

import csv
import datetime
import io
import json
from collections.abc import Iterator
from typing import TYPE_CHECKING

from django.utils import timezone

from chanjiao.audit.models import AuditEvent
from chanjiao.audit.services import audit_event_record
from chanjiao.common.exceptions import PermissionDeniedError, field_refusal
from chanjiao.common.tabular.issues import csv_safe_cell
from chanjiao.common.users import is_audit_administrator

if TYPE_CHECKING:  # audit sits below accounts: the user model is only named in annotations
    from django.contrib.auth.models import AnonymousUser

    from chanjiao.accounts.models import User

EXPORT_HEADER = (
    "编号",
    "时间",
    "操作人",
    "操作人ID",
    "操作",
    "对象类型",
    "对象ID",
    "对象",
    "结果",
    "来源地址",
    "客户端",
    "请求路径",
    "变更内容",
    "前一条摘要",
    "本条摘要",
)
# The longest range one export may cover: a year and a day.
MAX_EXPORT_DAYS = 366


def audit_export_csv(
    *, fetched_by: "User | AnonymousUser", since: datetime.date, until: datetime.date
) -> Iterator[bytes]:
    """Check the right and the range, record the export, and return the CSV lines (UTF-8, BOM)."""
    if not is_audit_administrator(fetched_by):
        raise PermissionDeniedError("只有审计管理员可以导出审计日志。")
    if until < since:
        raise field_refusal("until", "结束日期早于开始日期。")
    if (until - since).days >= MAX_EXPORT_DAYS:
        raise field_refusal("until", f"一次最多导出 {MAX_EXPORT_DAYS} 天的日志，请分段导出。")
    audit_event_record(
        actor=fetched_by,
        action="audit.export",
        changes={"since": since.isoformat(), "until": until.isoformat()},
    )
    zone = timezone.get_current_timezone()
    start = datetime.datetime.combine(since, datetime.time.min, tzinfo=zone)
    end = datetime.datetime.combine(until + datetime.timedelta(days=1), datetime.time.min, zone)
    events = AuditEvent.objects.filter(occurred_at__gte=start, occurred_at__lt=end).order_by("pk")
    return _lines(events.iterator(chunk_size=2000))


def _lines(events: Iterator[AuditEvent]) -> Iterator[bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def flush() -> bytes:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text.encode("utf-8")

    writer.writerow(EXPORT_HEADER)
    yield "\ufeff".encode() + flush()
    for event in events:
        local = timezone.localtime(event.occurred_at)
        writer.writerow(
            [
                csv_safe_cell(value)
                for value in (
                    event.pk,
                    local.isoformat(timespec="microseconds"),
                    event.actor_repr,
                    event.actor_id or "",
                    event.action,
                    event.target_type,
                    event.target_id,
                    event.target_repr,
                    event.get_result_display(),
                    event.ip_address or "",
                    event.user_agent,
                    event.request_path,
                    json.dumps(event.changes, ensure_ascii=False, sort_keys=True),
                    event.prev_hash,
                    event.entry_hash,
                )
            ]
        )
        yield flush()
