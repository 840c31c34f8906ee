"""`chanjiao serve` starts the web server, the task worker and the scheduler; stops all three."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings

from chanjiao.common.management.commands.serve import serve_environment, serve_processes

ROOT = Path(settings.BASE_DIR)


def _procfile() -> dict[str, list[str]]:
    lines = (ROOT / "Procfile").read_text(encoding="utf-8").splitlines()
    entries = [line.split(":", 1) for line in lines if line.strip() and not line.startswith("#")]
    return {name.strip(): command.split() for name, command in entries}


def test_serve_runs_the_three_processes_the_procfile_and_the_units_name():
    procfile = _procfile()
    processes = {p.name: p.argv for p in serve_processes()}

    assert set(procfile) == set(processes) == {"web", "worker", "scheduler"}
    assert procfile["web"][1:] == ["-c", "config/gunicorn.conf.py", "config.wsgi:application"]
    assert processes["web"][-1] == "config.wsgi:application"
    for name in ("worker", "scheduler"):
        assert procfile[name][0] == "chanjiao"
        assert processes[name][1:3] == ["-m", "chanjiao"]
        assert processes[name][3:] == procfile[name][1:]
        unit = (ROOT / "deploy" / f"chanjiao-{name}.service").read_text(encoding="utf-8")
        assert f"chanjiao {' '.join(procfile[name][1:])}\n" in unit


def test_serve_queues_tasks_in_the_database():
    env = serve_environment(host="127.0.0.1", port="8123")

    assert env["CHANJIAO_TASK_BACKEND"] == "database"
    assert (env["HOST"], env["PORT"]) == ("127.0.0.1", "8123")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _children(pid: int) -> list[int]:
    found = subprocess.run(
        ["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True, check=False
    )
    return [int(p) for p in found.stdout.split()]


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _get(url: str, deadline: float) -> int:
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - local URL
                return response.status
        except urllib.error.HTTPError as error:
            return error.code
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"{url} 在限定时间内没有响应")


@pytest.mark.skipif(sys.platform != "linux", reason="reads the process table with ps")
def test_serve_starts_the_three_and_sigterm_stops_them_all(tmp_path):
    env = os.environ | {
        "CHANJIAO_DATA_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'serve.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "config.settings_testing",
        "CHANJIAO_WORKERS": "1",
        "CHANJIAO_SEARCH_INDEX_DIR": str(tmp_path / "search-index"),
    }
    chanjiao = [sys.executable, "-m", "chanjiao"]
    subprocess.run([*chanjiao, "migrate", "--noinput", "-v", "0"], env=env, check=True, cwd=ROOT)
    port = _free_port()
    serve = subprocess.Popen(  # noqa: S603
        [*chanjiao, "serve", "--port", str(port)],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        status = _get(f"http://127.0.0.1:{port}/", deadline=time.monotonic() + 90)
        children = _children(serve.pid)
        assert status == 200
        assert len(children) == 3

        serve.send_signal(signal.SIGTERM)
        output, _ = serve.communicate(timeout=30)
    finally:
        if serve.poll() is None:
            serve.kill()
            serve.communicate()

    text = output.decode("utf-8", "replace")
    assert serve.returncode == 0, text
    for name in ("web", "worker", "scheduler"):
        assert f"已启动 {name}" in text
    assert "网站、任务执行器和调度器均已停止。" in text
    assert not [pid for pid in children if _alive(pid)]
