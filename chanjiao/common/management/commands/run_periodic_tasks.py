import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.module_loading import import_string

from chanjiao.common.periodic import periodic_claim_due
from config.schedules import PERIODIC_TASKS


class Command(BaseCommand):
    help = (
        "将 config/schedules.py 中声明的、已到运行间隔的周期任务加入任务队列"
        "（上次运行时间记录在数据库中，供 cron 每几分钟调用一次）；"
        "--all 不论间隔运行全部任务；--loop 持续运行，每分钟检查一次。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--loop", action="store_true", help="持续运行，每分钟检查一次")
        parser.add_argument("--all", action="store_true", help="不论间隔，运行全部周期任务")

    def handle(self, *args: Any, **options: Any) -> None:
        force = bool(options["all"])
        while True:
            due = periodic_claim_due(jobs=PERIODIC_TASKS, force=force)
            for periodic in due:
                result = import_string(periodic.task).enqueue()
                self.stdout.write(
                    f"{periodic.description}：已加入队列（{result.id}，{result.status}）"
                )
            if not due and not options["loop"]:
                self.stdout.write("没有到期的周期任务。")
            if not options["loop"]:
                return
            force = False
            time.sleep(60)
