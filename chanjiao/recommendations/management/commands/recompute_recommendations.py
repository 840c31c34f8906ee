"""Recompute and store recommendations (stale subjects by default; --all for every subject)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from chanjiao.recommendations.services import recommendations_recompute


class Command(BaseCommand):
    help = (
        "重新计算并保存推荐结果（学生档案、供需信息、专业毕业生群体）。"
        "默认只计算待更新的对象；--all 重新计算全部。可重复运行，结果相同。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--all", action="store_true", help="重新计算全部对象")

    def handle(self, *args: Any, **options: Any) -> None:
        def progress(done: int, skipped: int) -> None:
            self.stdout.write(f"已计算 {done} 个对象（跳过未变化的 {skipped} 个）……")

        result = recommendations_recompute(only_stale=not options["all"], progress=progress)
        self.stdout.write(
            self.style.SUCCESS(
                f"完成：计算 {result['computed']} 个对象，跳过 {result['skipped']} 个，"
                f"保存推荐 {result['stored']} 条。"
            )
        )
