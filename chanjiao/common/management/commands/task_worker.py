"""`chanjiao task_worker`: run queued tasks, retrying those a database fault interrupted."""

from typing import Any

from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from chanjiao.common.task_worker import ResilientWorker


class Command(DbWorkerCommand):
    help = (
        "运行队列中的后台任务（django-tasks-db 的执行器）：任务因数据库不可达或连接中断而失败时，"
        "等数据库恢复后按指数退避重新排队，不丢失；执行器意外退出时仍在运行的任务在下次启动时重新排队。"
    )

    def handle(self, *args: Any, **options: Any) -> None:
        self.configure_logging(options["verbosity"])
        queue_names = options["queue_name"].split(",")
        excluded = options["exclude_queues"].split(",") if options["exclude_queues"] else []
        worker = ResilientWorker(
            queue_names=queue_names,
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            excluded_queue_names=excluded,
        )
        worker.configure_signals()
        worker.run()
