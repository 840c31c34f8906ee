"""Fill the analytics count tables (demand, supply, supply–demand cells)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from chanjiao.analytics.fill import analytics_fill
from chanjiao.analytics.stats import count_stat_names


class Command(BaseCommand):
    help = "填充供需分析计数表：默认只重算源数据有变化的年度；--full 全部重建。可重复运行。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--full", action="store_true", help="清空并重建全部年度")
        parser.add_argument(
            "--stat",
            action="append",
            choices=list(count_stat_names()),
            help="只填充指定统计项（可重复）；默认全部",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            results = analytics_fill(
                full=options["full"], stats=options["stat"], progress=self.stdout.write
            )
        except Exception as error:
            raise CommandError(f"填充失败：{error}") from error
        total = sum(result.rows_written for result in results)
        self.stdout.write(self.style.SUCCESS(f"完成：{len(results)} 个统计项，共写入 {total} 行。"))
