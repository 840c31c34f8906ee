"""Rate limits hold across workers: two gunicorn workers under the production settings share one
count (the database cache), so 10 requests a minute stay 10, not 10 per worker."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

pytestmark = pytest.mark.skipif(
    connection.vendor == "postgresql", reason="proved once, on a fresh embedded database"
)

LIMIT = 10


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str) -> int:
    request = urllib.request.Request(url, headers={"Connection": "close"})  # noqa: S310  (local)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310  (local)
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def test_two_workers_share_one_rate_limit(tmp_path: Path):
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "CHANJIAO_DATA_DIR": str(tmp_path),
        "CHANJIAO_HTTPS": "0",
        "DJANGO_SECRET_KEY": "r" * 20 + "-rate-limit-test-" + "k7Q" * 10,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "CHANJIAO_THROTTLE_ANON": f"{LIMIT}/min",
    }
    env.pop("DATABASE_URL", None)
    subprocess.run(
        [sys.executable, "-m", "chanjiao", "migrate", "--noinput", "-v", "0"],
        env=env,
        check=True,
        capture_output=True,
        timeout=600,
    )
    port = _free_port()
    log = tmp_path / "access.log"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--access-logfile",
            str(log),
            "--access-logformat",
            "%(p)s %(s)s %(U)s",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}/api/v1/localities/"
        deadline = time.monotonic() + 120
        while True:
            try:
                first = _get(url)
                break
            except (ConnectionError, urllib.error.URLError):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        statuses = [first] + [_get(url) for _ in range(4 * LIMIT - 1)]
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert statuses.count(200) == LIMIT
    assert statuses.count(429) == 3 * LIMIT
    served = [line.split() for line in log.read_text().splitlines() if "/api/v1/localities" in line]
    workers = {pid for pid, _status, _path in served}
    assert len(workers) == 2, "both workers must have answered for the proof to hold"
    # Both workers turned clients away: each saw the budget the two had used together.
    for worker in workers:
        answers = [status for pid, status, _path in served if pid == worker]
        assert "429" in answers, (worker, answers)
