import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from chanjiao.subscriptions.listing_notices import listings_expiring_notify


class Command(BaseCommand):
    help = (
        "提醒发布者：已发布信息将于 3 天后到期（每条信息每个到期日只提醒一次，可重复运行；"
        "由定时任务每天运行）。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date",
            type=datetime.date.fromisoformat,
            default=None,
            help="按这一天计算（YYYY-MM-DD，补发漏掉的某天提醒时使用）；默认今天。",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        sent = listings_expiring_notify(today=options["date"])
        self.stdout.write(f"已发送 {sent} 条到期提醒。")
