"""Compute talent-demand forecasts for a locality and print the back-test figures."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from chanjiao.common.exceptions import ApplicationError
from chanjiao.forecasting.services import forecasts_compute
from chanjiao.localities.selectors import locality_find


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


class Command(BaseCommand):
    help = "计算某地区的人才需求预测（职业中类、行业门类，未来 1–3 年）并输出回测结果；可重复执行。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--locality", required=True, help="地区名称（如 梧州市）或行政区划代码")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            locality = locality_find(options["locality"])
        except ApplicationError as error:
            raise CommandError(error.message) from error
        runs = forecasts_compute(locality=locality)
        if not runs:
            self.stdout.write(f"{locality.name}：没有可用的历史数据，未生成预测。")
            return
        for run in runs:
            first, last = run.base_year + 1, run.base_year + run.horizon
            self.stdout.write(
                f"{locality.name} {run.get_level_display()}：{run.series_count} 条序列，"
                f"历史截至 {run.base_year} 年，预测 {first}—{last} 年；"
                f"回测 MASE 所选方法 {_number(run.mase)}，朴素法 {_number(run.naive_mase)}；"
                f"{run.beats_naive_count}/{run.backtested_count} 条序列优于朴素法。"
            )
