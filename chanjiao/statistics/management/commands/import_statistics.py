"""Import a 专业点年度统计 file (or, with --labor-market, a 人社 求人倍率 table): all or nothing."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from chanjiao.accounts.models import User
from chanjiao.common.exceptions import ApplicationError
from chanjiao.common.tabular import import_errors_csv
from chanjiao.statistics.importing import (
    StatisticsImportResult,
    labor_market_import,
    major_year_stats_import,
)


class Command(BaseCommand):
    help = (
        "从 CSV（UTF-8 或 GB18030）或 .xlsx 文件导入专业点年度统计（学校×专业×年度），"
        "加 --labor-market 则导入人社供求统计（求人倍率表）。任何一行有错误时整个文件都不导入，"
        "并列出全部错误（退出码 1）；按学校、专业、年度更新，重复导入同一文件不会产生变化。"
        "指定 --user 时按该用户的权限检查每一行，否则以运维人员身份导入（不限学校和地区）。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="要导入的 .csv 或 .xlsx 文件")
        parser.add_argument("--user", help="操作人的用户名（按其权限检查每一行）")
        parser.add_argument("--labor-market", action="store_true", help="导入人社供求统计表")
        parser.add_argument("--errors-csv", help="有错误时把错误清单写入此 CSV 文件")

    def handle(self, *args: Any, **options: Any) -> None:
        user = None
        if options["user"]:
            user = User.objects.filter(username=options["user"], is_active=True).first()
            if user is None:
                raise CommandError(f"用户 {options['user']} 不存在或已停用。")
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"文件 {path} 不存在。")
        service = labor_market_import if options["labor_market"] else major_year_stats_import
        try:
            with path.open("rb") as stream:
                result = service(actor=user, file_name=path.name, stream=stream)
        except ApplicationError as error:
            raise CommandError(error.message) from error
        if not result.ok:
            self._report_errors(result, options.get("errors_csv"))
            raise CommandError(result.message, returncode=1)
        self.stdout.write(self.style.SUCCESS(result.message))
        if result.school_majors_created or result.school_majors_updated:
            self.stdout.write(
                f"专业点：新增 {result.school_majors_created} 个，"
                f"更新计划招生数 {result.school_majors_updated} 个。"
            )

    def _report_errors(self, result: StatisticsImportResult, errors_csv: str | None) -> None:
        for issue in result.errors:
            row = f"第 {issue.row} 行" if issue.row is not None else "文件"
            column = f"“{issue.column}”" if issue.column else ""
            self.stderr.write(f"{row}{column}：{issue.message}")
        if errors_csv:
            Path(errors_csv).write_bytes(import_errors_csv(result.errors))
            self.stderr.write(f"错误清单已写入 {errors_csv}。")
