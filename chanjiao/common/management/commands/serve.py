"""`chanjiao serve`: the web server, the task worker and the scheduler, started and stopped as one.

The three are plain child processes on the database task backend (the web server queues, the
worker runs, the scheduler queues the due periodic jobs). When one of them ends, or serve is
told to stop (Ctrl-C, SIGTERM), the others are stopped as well: each gets SIGTERM, and SIGKILL
if it is still there after ``STOP_SECONDS``. Production runs the same three lines as separate
services (Procfile, deploy/*.service).
"""

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from types import FrameType
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

STOP_SECONDS = 15


@dataclass(frozen=True)
class Process:
    name: str
    argv: list[str]


def serve_processes() -> list[Process]:
    """The three processes of a running platform (the Procfile names the same three)."""
    python = sys.executable
    return [
        Process(
            "web",
            [
                python,
                "-m",
                "gunicorn",
                "--chdir",
                str(settings.BASE_DIR),
                "-c",
                str(settings.BASE_DIR / "config" / "gunicorn.conf.py"),
                "config.wsgi:application",
            ],
        ),
        Process("worker", [python, "-m", "chanjiao", "task_worker"]),
        Process("scheduler", [python, "-m", "chanjiao", "run_periodic_tasks", "--loop"]),
    ]


def serve_environment(*, host: str, port: str) -> dict[str, str]:
    """The children's environment: queued tasks go to the database, for the worker to run."""
    return os.environ | {
        "CHANJIAO_TASK_BACKEND": "database",
        "HOST": host,
        "PORT": port,
        "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "config.settings"),
        "PYTHONUNBUFFERED": "1",
    }


class Command(BaseCommand):
    help = (
        "同时启动网站（gunicorn）、后台任务执行器（task_worker）和周期任务调度"
        "（run_periodic_tasks --loop），任务队列使用数据库；按 Ctrl-C 或收到 SIGTERM 时一起停止，"
        "其中任一进程退出时也停止其余进程。"
    )
    requires_system_checks = []  # each child runs the checks it needs

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
        parser.add_argument("--port", default=os.environ.get("PORT", "8000"))

    def handle(self, *args: Any, **options: Any) -> None:
        env = serve_environment(host=str(options["host"]), port=str(options["port"]))
        stop_signal: list[int] = []

        def request_stop(signum: int, frame: FrameType | None) -> None:
            stop_signal.append(signum)

        stops = (signal.SIGINT, signal.SIGTERM)
        previous = {sig: signal.signal(sig, request_stop) for sig in stops}
        children: dict[str, subprocess.Popen[bytes]] = {}
        try:
            for process in serve_processes():
                children[process.name] = subprocess.Popen(process.argv, env=env)  # noqa: S603
                self.stdout.write(f"已启动 {process.name}（进程 {children[process.name].pid}）")
            ended = self._wait(children, stop_signal)
        finally:
            self._stop(children)
            for sig, handler in previous.items():
                signal.signal(sig, handler)
        if ended is not None:
            name, code = ended
            raise CommandError(f"{name} 进程已退出（退出码 {code}），其余进程已一并停止。")
        self.stdout.write("网站、任务执行器和调度器均已停止。")

    @staticmethod
    def _wait(
        children: dict[str, subprocess.Popen[bytes]], stop_signal: list[int]
    ) -> tuple[str, int] | None:
        """Wait for a stop request (None) or for a child to end (its name and exit code)."""
        while not stop_signal:
            for name, child in children.items():
                code = child.poll()
                if code is not None:
                    return name, code
            time.sleep(0.2)
        return None

    def _stop(self, children: dict[str, subprocess.Popen[bytes]]) -> None:
        running = [child for child in children.values() if child.poll() is None]
        for child in running:
            child.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + STOP_SECONDS
        for child in running:
            try:
                child.wait(timeout=max(0.0, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
