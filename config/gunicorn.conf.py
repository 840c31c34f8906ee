"""gunicorn settings for `make run` (and a starting point for production).

The application is loaded, and warmed up (config/warmup.py), in the master before the workers
fork: no worker pays for the heavy imports on its first request, and they share that memory.
"""

import os
from typing import Any

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"
workers = int(os.environ.get("CHANJIAO_WORKERS", "2"))
threads = int(os.environ.get("CHANJIAO_THREADS", "4"))
preload_app = True
accesslog = "-"
errorlog = "-"


def on_starting(server: Any) -> None:  # server: gunicorn's Arbiter
    server.log.info("chanjiao: loading and warming up the application before the workers start")


def when_ready(server: Any) -> None:
    # Runs after the preloaded application (config.wsgi) was imported, before the first fork.
    from config.warmup import warm_up

    timings = warm_up()
    shown = ", ".join(f"{name} {seconds:.1f}s" for name, seconds in timings.items())
    server.log.info("chanjiao: warmed up (%s)", shown)
