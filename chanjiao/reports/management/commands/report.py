"""Write a locality's report (yearly 供需报告 or quarterly 就业信息发布) as HTML or PDF."""

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from chanjiao.common.exceptions import ApplicationError
from chanjiao.localities.selectors import locality_find
from chanjiao.reports.generators import GENERATORS
from chanjiao.reports.services import report_render


class Command(BaseCommand):
    help = (
        "生成地区报告（年度技能人才供需报告或季度就业信息发布），输出 HTML 或 PDF；"
        "相同数据生成的文件逐字节相同。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--locality", required=True, help="地区名称（如 梧州市）或行政区划代码")
        parser.add_argument("--year", required=True, type=int, help="年度，如 2025")
        parser.add_argument("--format", choices=["pdf", "html"], default="pdf", help="输出格式")
        parser.add_argument("--output", required=True, type=Path, help="输出文件路径")
        parser.add_argument(
            "--kind",
            choices=sorted(GENERATORS),
            default="yearly",
            help="yearly（年度供需报告，默认）或 bulletin（季度就业信息发布）",
        )
        parser.add_argument("--quarter", type=int, help="季度 1—4（bulletin 必填）")
        parser.add_argument(
            "--public", action="store_true", help="生成公开版（小于 5 的计数和预警学校名称不公布）"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        try:
            locality = locality_find(options["locality"])
            rendered = report_render(
                kind=options["kind"],
                locality=locality,
                year=options["year"],
                fmt=options["format"],
                user=None,
                quarter=options["quarter"],
                version="public" if options["public"] else "internal",
            )
        except ApplicationError as error:
            raise CommandError(error.message) from error
        output: Path = options["output"]
        try:
            output.write_bytes(rendered.content)
        except OSError as error:
            raise CommandError(f"无法写入输出文件 {output}：{error.strerror}") from error
        version = "公开版" if rendered.generator.is_public else "内部版"
        self.stdout.write(
            f"已生成《{rendered.generator.title}》（{version}，"
            f"{options['format'].upper()}，{len(rendered.content)} 字节，用时 "
            f"{time.perf_counter() - started:.1f} 秒）：{output}"
        )
