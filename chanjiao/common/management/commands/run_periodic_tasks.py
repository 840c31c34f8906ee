import time
from datetime import datetime
from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.module_loading import import_string

from config.schedules import PERIODIC_TASKS


class Command(BaseCommand):
    help = (
        "将 config/schedules.py 中声明的周期任务加入任务队列。"
        "单次运行会运行全部任务（供 cron 调用）；--loop 持续运行，按各任务的间隔调度。"
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--loop", action="store_true", help="持续运行，每分钟检查一次")

    def handle(self, *args: Any, **options: Any) -> None:
        last_run: dict[str, datetime] = {}
        while True:
            now = timezone.now()
            for periodic in PERIODIC_TASKS:
                previous = last_run.get(periodic.task)
                if previous is not None and now - previous < periodic.every:
                    continue
                result = import_string(periodic.task).enqueue()
                last_run[periodic.task] = now
                self.stdout.write(
                    f"{periodic.description}：已加入队列（{result.id}，{result.status}）"
                )
            if not options["loop"]:
                return
            time.sleep(60)
