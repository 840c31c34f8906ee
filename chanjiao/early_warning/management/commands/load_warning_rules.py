"""Load or refresh the per-locality warning rules (default: the shipped data/rules.json)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from chanjiao.common.exceptions import ApplicationError
from chanjiao.early_warning.params import RuleDataError
from chanjiao.early_warning.services import (
    DEFAULT_RULES_FILE,
    warning_rules_load,
    warning_rules_read_file,
)


class Command(BaseCommand):
    help = (
        "导入或刷新专业预警规则（各地区的参数、等级、豁免专业、条款）；可重复执行。"
        "政府管理员修改过的规则保持不变，除非加 --reset。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--file",
            type=Path,
            default=DEFAULT_RULES_FILE,
            help="规则 JSON 文件（格式见 docs/early_warning.md）",
        )
        parser.add_argument(
            "--reset", action="store_true", help="用文件内容覆盖政府管理员修改过的规则"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            data = warning_rules_read_file(path=options["file"])
            result = warning_rules_load(data=data, reset=options["reset"])
        except RuleDataError as error:
            lines = "\n".join(f"  · {line}" for line in error.errors)
            raise CommandError(f"规则数据有误，未导入任何规则：\n{lines}") from error
        except ApplicationError as error:
            raise CommandError(error.message) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"预警规则导入完成：新增 {result.created}，更新 {result.updated}，"
                f"未变 {result.unchanged}，保留管理员修改 {result.kept}。"
            )
        )
