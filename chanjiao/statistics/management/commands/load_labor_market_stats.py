"""Load the 人社 求人倍率 excerpts shipped with the platform (or another file of that layout)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from chanjiao.common.exceptions import ApplicationError
from chanjiao.statistics.loading import DEFAULT_FILE, labor_market_stats_load


class Command(BaseCommand):
    help = (
        "导入人社部门公布的求人倍率摘录（默认为平台自带的 "
        "chanjiao/statistics/data/mohrss_vacancy_ratio_quarterly_excerpts.csv，每行保留来源网址）。"
        "按地区、年度、季度更新，可重复执行。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--file", default=str(DEFAULT_FILE), help="CSV 文件路径（同样的列）")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            counts = labor_market_stats_load(path=Path(options["file"]))
        except ApplicationError as error:
            raise CommandError(error.message) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"人社供求统计：读取 {counts.rows} 行，新增 {counts.created} 条，"
                f"更新 {counts.updated} 条，未变化 {counts.unchanged} 条。"
            )
        )
