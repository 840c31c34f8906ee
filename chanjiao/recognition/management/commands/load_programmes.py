"""Load or refresh recognition programmes from a JSON file (default: the shipped programmes)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from chanjiao.common.exceptions import ApplicationError
from chanjiao.recognition.services import ProgrammeDataError, programmes_load, programmes_read_file
from chanjiao.recognition.services.loading import DEFAULT_DATA_FILE


class Command(BaseCommand):
    help = (
        "导入或刷新认定项目（产教融合型企业、校企合作基地、名师基地等及其条件）；可重复执行。"
        "默认导入随平台发布的项目，--file 可导入新的项目（须先导入其地区）。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--file",
            type=Path,
            default=DEFAULT_DATA_FILE,
            help="认定项目 JSON 文件（格式见 docs/recognition.md）",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            programmes = programmes_load(
                data=programmes_read_file(path=path), actor=None, source=path.name
            )
        except ProgrammeDataError as error:
            lines = "\n".join(f"  · {line}" for line in error.errors)
            raise CommandError(f"认定项目数据有误，未导入任何数据：\n{lines}") from error
        except ApplicationError as error:
            raise CommandError(error.message) from error
        for programme in programmes:
            self.stdout.write(f"{programme.locality.name}：{programme.name}")
        self.stdout.write(self.style.SUCCESS(f"认定项目导入完成：共 {len(programmes)} 个。"))
