"""Import a CSV or .xlsx file of one kind of item in an organisation's name (all or nothing)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from chanjiao.accounts.models import User
from chanjiao.common.exceptions import ApplicationError
from chanjiao.listings.importing import ImportResult, import_errors_csv, listings_import
from chanjiao.listings.kinds import KINDS
from chanjiao.organizations.models import Organization

IMPORTABLE = sorted(key for key, spec in KINDS.items() if not spec.is_personal)


class Command(BaseCommand):
    help = (
        "从 CSV（UTF-8 或 GB18030）或 .xlsx 文件批量导入一种供需信息，"
        "以某机构的名义、由某用户操作。"
        "任何一行有错误时整个文件都不导入，并列出全部错误（退出码 1）；"
        "以“外部编号”识别同一条信息，重复导入同一文件不会产生变化。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="要导入的 .csv 或 .xlsx 文件")
        parser.add_argument("--kind", required=True, choices=IMPORTABLE, help="信息类型，如 job")
        parser.add_argument("--organization", required=True, type=int, help="机构 ID")
        parser.add_argument(
            "--user", required=True, help="操作人的用户名（须为该机构的信息员或机构管理员）"
        )
        parser.add_argument("--submit", action="store_true", help="导入后直接提交审核")
        parser.add_argument("--errors-csv", help="有错误时把错误清单写入此 CSV 文件")

    def handle(self, *args: Any, **options: Any) -> None:
        user = User.objects.filter(username=options["user"]).first()
        if user is None:
            raise CommandError(f"用户 {options['user']} 不存在。")
        organization = (
            Organization.objects.select_related("region", "industry")
            .filter(pk=options["organization"])
            .first()
        )
        if organization is None:
            raise CommandError(f"机构 {options['organization']} 不存在。")
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"文件 {path} 不存在。")
        try:
            with path.open("rb") as stream:
                result = listings_import(
                    actor=user,
                    kind=options["kind"],
                    organization=organization,
                    file_name=path.name,
                    stream=stream,
                    submit=options["submit"],
                )
        except ApplicationError as error:
            raise CommandError(error.message) from error
        if not result.ok:
            self._report_errors(result, options.get("errors_csv"))
            raise CommandError(result.message, returncode=1)
        self.stdout.write(self.style.SUCCESS(result.message))

    def _report_errors(self, result: ImportResult, errors_csv: str | None) -> None:
        for issue in result.errors:
            row = f"第 {issue.row} 行" if issue.row is not None else "文件"
            column = f"“{issue.column}”" if issue.column else ""
            self.stderr.write(f"{row}{column}：{issue.message}")
        if result.error_count > len(result.errors):
            hidden = result.error_count - len(result.errors)
            self.stderr.write(f"……另有 {hidden} 处错误未列出。")
        if errors_csv:
            Path(errors_csv).write_bytes(import_errors_csv(result.errors))
            self.stderr.write(f"错误清单已写入 {errors_csv}。")
