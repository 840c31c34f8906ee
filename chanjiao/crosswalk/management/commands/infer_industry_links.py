from typing import Any

from django.core.management.base import BaseCommand

from chanjiao.crosswalk.services import industry_links_infer


class Command(BaseCommand):
    help = (
        "由职业定义、职业分类、国民经济行业分类说明和《职业教育专业简介》推断每个职业（细类）的行业对应"
        "（只重写待确认的推断记录，不改动招聘信息统计、人工维护及已审核的记录）。"
    )

    def handle(self, *args: Any, **options: Any) -> None:
        counts = industry_links_infer()
        self.stdout.write(
            f"完成：{counts['occupations']} 个职业中 {counts['covered']} 个推断出行业，"
            f"写入待确认的推断对应 {counts['links']} 条。"
        )
