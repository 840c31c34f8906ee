"""`chanjiao audit_verify`: walk the audit log's hash chain and report the first broken link."""

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from chanjiao.audit.models import AuditEvent
from chanjiao.audit.selectors import audit_chain_verify


class Command(BaseCommand):
    help = (
        "校验审计日志的哈希链（SM3）：逐条重算摘要并核对与前一条的链接，"
        "报告第一处断链（记录被改动、删除或插入）；完好时输出链尾摘要，可另行保存以便日后比对。"
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--expect-head",
            default="",
            help="上次保存的链尾摘要：链尾之前的记录若被截去，与之比对可发现",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.monotonic()
        report = audit_chain_verify()
        seconds = time.monotonic() - started
        if report.broken is not None:
            raise CommandError(
                f"审计日志断链：第一处在编号 {report.broken.event_id} 的记录，"
                f"{report.broken.reason}。已校验 {report.checked} 条。"
            )
        expected = options["expect_head"].strip().lower()
        self.stdout.write(
            self.style.SUCCESS(
                f"审计日志完好：{report.checked} 条，链尾编号 {report.head_id or '—'}，"
                f"链尾摘要 {report.head_hash}；用时 {seconds:.1f} 秒。"
            )
        )
        # A saved head must still be in the chain; otherwise the tail was cut.
        if (
            expected
            and expected != report.head_hash
            and not AuditEvent.objects.filter(entry_hash=expected).exists()
        ):
            raise CommandError(f"上次保存的链尾摘要 {expected} 已不在日志中：链尾被截去。")
