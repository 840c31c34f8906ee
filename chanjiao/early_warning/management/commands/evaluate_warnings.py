"""Evaluate one locality's warning rules for one year (idempotent for that year)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from chanjiao.common.exceptions import ApplicationError
from chanjiao.early_warning.services import run_not_evaluated, warnings_evaluate
from chanjiao.localities.selectors import locality_find


class Command(BaseCommand):
    help = "按地区的预警规则评估某一年度的专业（重复执行只替换该年度的预警，不影响其他年度）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--locality", required=True, help="地区名称，如 梧州市")
        parser.add_argument("--year", type=int, required=True, help="年度，如 2025")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            locality = locality_find(options["locality"])
            run = warnings_evaluate(locality=locality, year=options["year"], actor=None)
        except ApplicationError as error:
            raise CommandError(error.message) from error
        self.stdout.write(
            f"{locality.name} {run.year}年：评估规则 {run.rules_evaluated} 条，"
            f"专业点 {run.pairs_evaluated} 个，预警 {run.flags_raised} 条，"
            f"证据不足 {len(run.insufficient)} 项。"
        )
        for key, count in run.counts.items():
            self.stdout.write(f"  · {key}：{count}")
        for item in run_not_evaluated(run):
            self.stdout.write(f"  · 规则 {item['rule']} 未评估：{item['reason']}")
        self.stdout.write(self.style.SUCCESS("评估完成。"))
