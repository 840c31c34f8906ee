from typing import Any

from django.core.management.base import BaseCommand

from chanjiao.crosswalk.services import industry_links_observe, listings_enrich_pending


class Command(BaseCommand):
    help = "为尚未分类或已修改的岗位需求、实习岗位标注职业分类大典职业，并重算职业—行业统计。"

    def handle(self, *args: Any, **options: Any) -> None:
        def progress(done: int, total: int) -> None:
            self.stdout.write(f"已分类 {done}/{total} 条……")

        count = listings_enrich_pending(progress=progress)
        counts = industry_links_observe()
        self.stdout.write(
            f"完成：本次分类 {count} 条；职业—行业统计写入 {counts['written']} 条，"
            f"删除过期统计 {counts['deleted']} 条。"
        )
