"""Rate limits hold across workers: two gunicorn workers (two single-worker instances, so each
request's worker is known) under the production settings share one count (the database cache),
so 10 requests a minute stay 10, not 10 per worker."""

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
    ports = [_free_port(), _free_port()]
    servers = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi",
                "--workers",
                "1",
                "--bind",
                f"127.0.0.1:{port}",
                "--control-socket",
                str(tmp_path / f"gunicorn-{port}.ctl"),
            ],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]
    try:
        first, second = (f"http://127.0.0.1:{port}/api/v1/localities/" for port in ports)
        for url in (first, second):
            deadline = time.monotonic() + 120
            while True:
                try:
                    _get(url.replace("/api/v1/localities/", "/healthz"))
                    break
                except (ConnectionError, urllib.error.URLError):
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.5)
        # Six requests to the first worker, then ten to the second: a budget kept per worker
        # would let all sixteen through; the shared one lets four more through, then refuses.
        at_first = [_get(first) for _ in range(6)]
        at_second = [_get(second) for _ in range(10)]
        back_at_first = _get(first)
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait(timeout=30)
    assert at_first == [200] * 6
    assert at_second == [200] * (LIMIT - 6) + [429] * (16 - LIMIT)
    assert back_at_first == 429
