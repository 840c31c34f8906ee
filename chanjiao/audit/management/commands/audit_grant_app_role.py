"""`chanjiao audit_grant_app_role ROLE`: the owner gives the application's role its privileges."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from chanjiao.audit.roles import app_role_grant
from chanjiao.common.exceptions import ApplicationError


class Command(BaseCommand):
    help = (
        "（PostgreSQL）以表的所有者角色运行：授予应用角色读写各表的权限，审计日志表只许查询和追加"
        "（不能修改、删除、清空或改动表与触发器）。每次 migrate 之后运行一次。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("role", help="平台运行时连接数据库所用的角色，如 chanjiao_app")
        parser.add_argument("--database", default="default", help="数据库别名（默认 default）")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            count = app_role_grant(role=options["role"], using=options["database"])
        except ApplicationError as error:
            raise CommandError(error.message) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"已为角色 {options['role']} 授权（{count} 条语句）；审计日志表只读可追加。"
            )
        )
