from typing import Any

from django.core.management.base import BaseCommand

from chanjiao.crosswalk.services import major_links_infer


class Command(BaseCommand):
    help = "为没有课标职业面向的职业教育专业推断职业对应（只重写待确认的推断记录）。"

    def handle(self, *args: Any, **options: Any) -> None:
        def progress(done: int, total: int) -> None:
            self.stdout.write(f"已处理 {done}/{total} 个专业……")

        counts = major_links_infer(progress=progress)
        self.stdout.write(
            f"完成：{counts['majors']} 个专业没有课标职业面向，写入推断对应 {counts['links']} 条。"
        )
