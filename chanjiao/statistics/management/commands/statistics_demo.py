"""Write (or remove) the demonstration statistics of a locality's demo schools."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from chanjiao.common.exceptions import NotFoundError
from chanjiao.localities.selectors import locality_find
from chanjiao.statistics.demo import demo_remove, demo_write


class Command(BaseCommand):
    help = (
        "为 chanjiao demo_data 生成的演示学校写入演示统计数据（专业点年度统计 2021—2025、"
        "人社供求统计 2016—2025，全部为虚构并标记为演示数据），或用 --remove 删除。可重复执行。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--locality", default="梧州市", help="地区名称，默认 梧州市")
        parser.add_argument("--seed", type=int, default=1, help="随机种子，默认 1")
        parser.add_argument("--remove", action="store_true", help="删除全部演示统计数据")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["remove"]:
            self.stdout.write(f"已删除演示统计数据 {demo_remove()} 行。")
            return
        try:
            locality = locality_find(options["locality"])
        except NotFoundError:
            raise CommandError(
                f"没有名为“{options['locality']}”的地区配置，请先执行 load_localities。"
            ) from None
        counts = demo_write(locality=locality, seed=options["seed"])
        for key, value in counts.items():
            self.stdout.write(f"  {key}: {value}")
        self.stdout.write(self.style.SUCCESS("演示统计数据已写入。"))
