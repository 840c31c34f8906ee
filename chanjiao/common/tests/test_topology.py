"""More than one node, as deploy/README.md describes it, started on this machine: a PostgreSQL
primary and its streaming replica, two gunicorn instances reading through the replica router, and
nginx in front of them with the shipped proxy settings (deploy/nginx/chanjiao-proxy.conf).

A write through one instance is visible through the other; a GET is served by the replica."""

import http.cookiejar
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import IO

import pytest
from django.conf import settings
from django.db import connection

PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
PASSWORD = "Chanjiao-Nodes-2026"  # noqa: S105  (a throwaway cluster's account)

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="runs in the PostgreSQL pass (needs its tools)"
    ),
    pytest.mark.skipif(not (PG_BIN / "initdb").exists(), reason="PostgreSQL 15 is not installed"),
    pytest.mark.skipif(not Path(NGINX).exists(), reason="nginx is not installed (Debian: nginx)"),
]


def _port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _as_postgres() -> list[str]:
    # initdb refuses root: run the clusters as Debian's postgres user, like scripts/with-postgres.sh
    return ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []


def _run(argv: list[str], **kwargs: object) -> None:
    subprocess.run(argv, check=True, capture_output=True, timeout=600, **kwargs)  # type: ignore[call-overload]


class _Client:
    """A browser-like client: cookies, CSRF token, JSON."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))

    def at(self, base: str) -> "_Client":
        other = _Client(base)
        other.jar = self.jar
        other.opener = self.opener
        return other

    def cookie(self, name: str) -> str:
        return next((c.value for c in self.jar if c.name == name), "") or ""

    def drop_cookie(self, name: str) -> None:
        for cookie in list(self.jar):
            if cookie.name == name:
                self.jar.clear(cookie.domain, cookie.path, cookie.name)

    def request(
        self, method: str, path: str, *, form: dict[str, str] | None = None, body: object = None
    ) -> tuple[int, dict[str, str], str]:
        headers = {"X-CSRFToken": self.cookie("csrftoken"), "Referer": self.base + "/"}
        data = None
        if form is not None:
            data = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        elif body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        request = urllib.request.Request(  # noqa: S310  (local addresses only)
            self.base + path, data=data, method=method, headers=headers
        )
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, dict(response.headers), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read().decode()


def _wait_until_up(url: str, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            with urllib.request.urlopen(url, timeout=10):  # noqa: S310  (local)
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


def test_two_instances_behind_nginx_share_a_primary_and_read_its_replica(tmp_path: Path):
    # Outside pytest's private temporary folder, which the postgres user may not enter.
    pg = Path(tempfile.mkdtemp(prefix="chanjiao-nodes-"))
    if os.getuid() == 0:
        shutil.chown(pg, "postgres")
    primary_port, replica_port = _port(), _port()
    as_pg = _as_postgres()
    common = f"-k {pg} -c listen_addresses=127.0.0.1 -c fsync=off"
    _run([*as_pg, str(PG_BIN / "initdb"), "-D", f"{pg}/primary", "-U", "chanjiao",
          "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"])  # fmt: skip
    started: list[str] = []
    servers: list[subprocess.Popen[bytes]] = []
    logs: list[IO[bytes]] = []
    try:
        _run([*as_pg, str(PG_BIN / "pg_ctl"), "-D", f"{pg}/primary", "-l", f"{pg}/primary.log",
              "-w", "-o", f"-p {primary_port} {common} -c wal_level=replica -c max_wal_senders=4",
              "start"])  # fmt: skip
        started.append(f"{pg}/primary")
        _run([str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(primary_port),
              "-U", "chanjiao", "chanjiao"])  # fmt: skip
        _run([*as_pg, str(PG_BIN / "pg_basebackup"), "-h", "127.0.0.1", "-p", str(primary_port),
              "-U", "chanjiao", "-D", f"{pg}/replica", "-R", "-X", "stream",
              "-c", "fast"])  # fmt: skip
        _run([*as_pg, str(PG_BIN / "pg_ctl"), "-D", f"{pg}/replica", "-l", f"{pg}/replica.log",
              "-w", "-o", f"-p {replica_port} {common} -c hot_standby=on", "start"])  # fmt: skip
        started.append(f"{pg}/replica")

        env = {
            "PATH": os.environ["PATH"],
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "CHANJIAO_DATA_DIR": str(tmp_path / "data"),
            "CHANJIAO_HTTPS": "0",
            "DJANGO_SECRET_KEY": "n" * 20 + "-topology-test-" + "x4P" * 10,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": f"postgres://chanjiao@127.0.0.1:{primary_port}/chanjiao",
            "CHANJIAO_REPLICA_URL": f"postgres://chanjiao@127.0.0.1:{replica_port}/chanjiao",
            "CHANJIAO_SEARCH_BACKEND": "postgresql",
            "CHANJIAO_TASK_BACKEND": "database",
            "CHANJIAO_TRUSTED_PROXIES": "127.0.0.1/32",
        }
        chanjiao = [sys.executable, "-m", "chanjiao"]
        _run([*chanjiao, "migrate", "--noinput", "-v", "0"], env=env)
        _run([*chanjiao, "collectstatic", "--noinput", "-v", "0"], env=env)
        create = (
            "from chanjiao.accounts.models import User; "
            f"User.objects.create_user(username='nodes', password='{PASSWORD}')"
        )
        _run([*chanjiao, "shell", "-c", create], env=env)

        web_ports = [_port(), _port()]
        for port in web_ports:
            logs.append((tmp_path / f"web-{port}.log").open("wb"))
            servers.append(
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
                    ],  # fmt: skip
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=logs[-1],
                )
            )
        nginx_port = _port()
        proxy = Path(settings.BASE_DIR) / "deploy" / "nginx" / "chanjiao-proxy.conf"
        (tmp_path / "nginx.conf").write_text(
            f"""
daemon off;
worker_processes 1;
pid {tmp_path}/nginx.pid;
error_log {tmp_path}/nginx-error.log;
events {{ }}
http {{
    access_log {tmp_path}/nginx-access.log;
    client_body_temp_path {tmp_path}/body;
    proxy_temp_path {tmp_path}/proxy;
    fastcgi_temp_path {tmp_path}/fastcgi;
    uwsgi_temp_path {tmp_path}/uwsgi;
    scgi_temp_path {tmp_path}/scgi;
    upstream chanjiao {{
        server 127.0.0.1:{web_ports[0]};
        server 127.0.0.1:{web_ports[1]};
    }}
    server {{
        listen 127.0.0.1:{nginx_port};
        include {proxy};
    }}
}}
""",
            encoding="utf-8",
        )
        servers.append(
            subprocess.Popen(
                [NGINX, "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path)],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        for port in [*web_ports, nginx_port]:
            _wait_until_up(f"http://127.0.0.1:{port}/healthz")

        # Through nginx: both instances answer, and the login (a write) works whichever answers.
        front = _Client(f"http://127.0.0.1:{nginx_port}")
        served_by = set()
        for _ in range(4):
            status, headers, _body = front.request("GET", "/login/")
            assert status == 200
            served_by.add(headers["X-Served-By"])
        assert served_by == {f"127.0.0.1:{port}" for port in web_ports}
        status, _headers, _body = front.request(
            "POST",
            "/login/",
            form={
                "username": "nodes",
                "password": PASSWORD,
                "csrfmiddlewaretoken": front.cookie("csrftoken"),
            },
        )
        assert status in (200, 302)
        assert front.cookie("sessionid")

        # A write through instance A...
        first = front.at(f"http://127.0.0.1:{web_ports[0]}")
        profile = {"real_name": "多节点甲", "email": "", "phone": ""}
        status, _headers, body = first.request("PUT", "/api/v1/me/profile/", body=profile)
        assert status == 200, body
        # ...is read through instance B, right after (the write pins this visitor to the primary)
        second = front.at(f"http://127.0.0.1:{web_ports[1]}")
        status, _headers, body = second.request("GET", "/api/v1/me/data/")
        assert status == 200, body
        assert "多节点甲" in body
        # ...and from the replica once the pin has gone: the read is the standby's.
        second.drop_cookie("chanjiao_primary")
        status, _headers, body = second.request("GET", "/healthz")
        health = json.loads(body)
        assert (status, health["reads_from"], health["read_database_is_standby"]) == (
            200,
            "replica",
            True,
        )
        deadline = time.monotonic() + 30
        while True:
            status, _headers, body = second.request("GET", "/api/v1/me/data/")
            if "多节点甲" in body or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        assert status == 200
        assert "多节点甲" in body
        # The replica refuses writes: nothing but the router sends it any.
        with pytest.raises(subprocess.CalledProcessError):
            _run([str(PG_BIN / "psql"), "-h", "127.0.0.1", "-p", str(replica_port), "-U",
                  "chanjiao", "-v", "ON_ERROR_STOP=1", "-c",
                  "UPDATE accounts_user SET real_name = 'x'", "chanjiao"])  # fmt: skip
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
        for log in logs:
            log.close()
        for data in reversed(started):
            subprocess.run(
                [*as_pg, str(PG_BIN / "pg_ctl"), "-D", data, "-m", "immediate", "-w", "stop"],
                capture_output=True,
                check=False,
            )
        shutil.rmtree(pg, ignore_errors=True)
