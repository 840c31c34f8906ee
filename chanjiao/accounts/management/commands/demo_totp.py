"""Print the current 6-digit code of a demonstration account (to sign in during a demonstration)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from chanjiao.accounts.models import User
from chanjiao.accounts.two_factor import totp_code_now, totp_device_confirmed


class Command(BaseCommand):
    help = "显示演示账号当前的 6 位动态口令（仅限演示账号）。"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username", help="演示账号的用户名")

    def handle(self, *args: Any, **options: Any) -> None:
        username = options["username"]
        user = User.objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"没有用户名为 {username} 的账号。")
        if not user.is_demo:
            raise CommandError("只能显示演示账号的动态口令；真实账号的动态口令只在本人手机上。")
        if totp_device_confirmed(user) is None:
            raise CommandError(f"演示账号 {username} 还没有设置动态口令。")
        self.stdout.write(totp_code_now(user))
