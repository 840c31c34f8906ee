from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from chanjiao.common.exceptions import ApplicationError
from chanjiao.crosswalk.titles import titles_classify


class Command(BaseCommand):
    help = (
        "按职业分类大典为表格中的职位标题分类：读取含 title 列（可选 description 列）的 CSV/xlsx"
        "（UTF-8、带 BOM 或 GB18030），输出保留原有各列并追加 occupation_code、occupation_name、"
        "occupation_level、confidence。有无法分类的行时退出码为 1。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("input", help="输入文件（.csv 或 .xlsx）")
        parser.add_argument("output", help="输出 CSV 文件（UTF-8 带 BOM）")

    def handle(self, *args: Any, **options: Any) -> None:
        source, target = Path(options["input"]), Path(options["output"])
        if not source.is_file():
            raise CommandError(f"找不到输入文件：{source}")
        if not target.parent.is_dir():
            raise CommandError(f"输出目录不存在：{target.parent}")
        try:
            with source.open("rb") as stream:
                result = titles_classify(file_name=source.name, stream=stream, output=target)
        except ApplicationError as exc:
            raise CommandError(f"无法处理 {source.name}：{exc.message}") from exc
        for error in result.errors:
            self.stderr.write(error)
        self.stdout.write(
            f"完成：共 {result.rows} 行，已分类 {result.classified} 行，"
            f"问题行 {len(result.errors)} 行；结果已写入 {target}。"
        )
        if result.errors:
            raise SystemExit(1)
