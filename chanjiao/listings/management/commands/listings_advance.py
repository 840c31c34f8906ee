from typing import Any

from django.core.management.base import BaseCommand

from chanjiao.listings.services import listings_advance


class Command(BaseCommand):
    help = "发布到期生效的已通过信息，并将超过有效期的信息标记为已过期（可由 cron 每小时运行）。"

    def handle(self, *args: Any, **options: Any) -> None:
        counts = listings_advance()
        self.stdout.write(f"已发布 {counts['published']} 条，已过期 {counts['expired']} 条。")
