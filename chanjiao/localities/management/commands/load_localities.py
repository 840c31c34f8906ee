"""Load or refresh locality profiles from a JSON file (default: the five shipped localities)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from chanjiao.common.exceptions import ApplicationError
from chanjiao.localities.services import (
    DEFAULT_DATA_FILE,
    RowCounts,
    localities_load,
    localities_read_file,
)
from chanjiao.localities.validation import LocalityDataError

STATUS_LABELS = {"created": "新增", "updated": "已更新", "unchanged": "无变化"}


def _counts(label: str, counts: RowCounts) -> str:
    return (
        f"{label} {counts.total}（新增 {counts.created}，更新 {counts.updated}，"
        f"未变 {counts.unchanged}）"
    )


class Command(BaseCommand):
    help = (
        "导入或刷新地区配置（政策参数、重点产业、点名机构）；可重复执行。"
        "默认导入随平台发布的五个地区，--file 可导入新的地区。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--file",
            type=Path,
            default=DEFAULT_DATA_FILE,
            help="地区配置 JSON 文件（格式见 chanjiao/localities/data/README.md）",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            data = localities_read_file(path=path)
            results = localities_load(data=data, actor=None, source=str(path.name))
        except LocalityDataError as error:
            lines = "\n".join(f"  · {line}" for line in error.errors)
            raise CommandError(f"{error.message}未导入任何数据：\n{lines}") from error
        except ApplicationError as error:
            raise CommandError(error.message) from error
        for result in results:
            self.stdout.write(
                f"{result.locality.name}（{STATUS_LABELS[result.status]}）："
                + "；".join(
                    [
                        _counts("政策参数", result.parameters),
                        _counts("重点产业", result.key_industries),
                        _counts("点名机构", result.institutions),
                    ]
                )
            )
        self.stdout.write(self.style.SUCCESS(f"地区配置导入完成：共 {len(results)} 个地区。"))
