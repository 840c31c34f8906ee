import contextlib
import datetime
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import OperationalError, transaction
from django.utils.module_loading import import_string
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks.backends.immediate import ImmediateBackend

from chanjiao.common.jobs import enqueue_once
from chanjiao.common.periodic import periodic_claim_due
from config.schedules import PERIODIC_TASKS

LOOP_SECONDS = 10
# In --loop, jobs scheduled more often than this are not announced (unless -v 2): they would fill
# the terminal every few seconds.
QUIET_BELOW = datetime.timedelta(minutes=1)


class Command(BaseCommand):
    help = (
        "将 config/schedules.py 中声明的、已到运行间隔的周期任务加入任务队列"
        "（上次运行时间记录在数据库中，可由 cron 每分钟调用一次）；"
        "上一轮仍在排队或运行的任务不重复加入；"
        f"--all 不论间隔运行全部任务；--loop 持续运行，每 {LOOP_SECONDS} 秒检查一次。"
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--loop", action="store_true", help=f"持续运行，每 {LOOP_SECONDS} 秒检查一次"
        )
        parser.add_argument("--all", action="store_true", help="不论间隔，运行全部周期任务")

    def handle(self, *args: Any, **options: Any) -> None:
        loop, force = bool(options["loop"]), bool(options["all"])
        quiet = loop and int(options["verbosity"]) < 2
        try:
            while True:
                try:
                    due = self._tick(force=force, quiet=quiet)
                except OperationalError as error:
                    if not loop:
                        raise
                    # A busy database (SQLite's one write lock held by a long job) is not a
                    # reason to stop the schedule: this round is retried at the next tick.
                    self.stderr.write(f"数据库繁忙，本轮调度跳过，{LOOP_SECONDS} 秒后重试：{error}")
                    due = []
                if not due and not loop:
                    self.stdout.write("没有到期的周期任务。")
                if not loop:
                    return
                self.stdout.flush()
                force = False
                time.sleep(LOOP_SECONDS)
        except KeyboardInterrupt:  # Ctrl-C ends the loop without a traceback
            self.stdout.write("周期任务调度已停止。")

    def _tick(self, *, force: bool, quiet: bool) -> list[Any]:
        """Claim the due jobs and queue them; with a queue in the database, in one transaction.

        A job is then never marked as run without being queued (a failure rolls both back). The
        immediate backend runs each job as it is queued, which must not happen in a transaction.
        """
        queued = not isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], ImmediateBackend)
        with transaction.atomic() if queued else contextlib.nullcontext():
            due = periodic_claim_due(jobs=PERIODIC_TASKS, force=force)
            for periodic in due:
                result = enqueue_once(import_string(periodic.task))
                if not (quiet and periodic.every < QUIET_BELOW):
                    self.stdout.write(
                        f"{periodic.description}：已加入队列（{result.id}，{result.status}）"
                    )
        return due
