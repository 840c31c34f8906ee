# ruff: noqa: T201 - a console report
"""Concurrent writers on the embedded SQLite database, through the API as `make run` serves it.

    .venv/bin/python benchmarks/sqlite_writers.py [--writers 16] [--rounds 10] [--plain]

Builds a throwaway SQLite database (catalogues, a verified enterprise, one 信息员 per writer),
starts gunicorn with config/gunicorn.conf.py on a free local port, signs each writer in, and has
them all create and submit job posts at once (two write transactions per round). Prints the
answers by status, the server errors, the latencies and the machine. ``--plain`` runs SQLite
without the platform's settings (WAL, IMMEDIATE transactions, busy timeout) for comparison.
Only 127.0.0.1 is contacted; every loop is bounded.
"""

import argparse
import collections
import concurrent.futures
import datetime
import http.client
import http.cookies
import json
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent))
from http_bench import served  # noqa: E402
from machine import machine_facts  # noqa: E402

PASSWORD = "Bench-Writers-2026"  # noqa: S105 - a throwaway database
first_error: dict[str, str] = {}  # the first refused write's answer, shown after the run


def _prepare(data_dir: Path, writers: int) -> int:
    """Create the database, the enterprise and the writers; return the enterprise id."""
    os.environ["CHANJIAO_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from chanjiao.accounts.models import Membership, Role, User
    from chanjiao.catalogs.loading import catalogs_load
    from chanjiao.catalogs.models import Industry, Region
    from chanjiao.organizations.models import Organization, OrganizationType

    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)  # pages link hashed files
    catalogs_load()
    organization = Organization.objects.create(
        name="梧州市并发写入测试有限公司",
        org_type=OrganizationType.ENTERPRISE,
        region=Region.objects.get(code="4504"),
        industry=Industry.objects.filter(code="1530").first(),
        credit_code="",
        is_verified=True,
    )
    for index in range(writers):
        user = User.objects.create_user(
            username=f"writer{index:02d}", password=PASSWORD, real_name=f"写入员{index}"
        )
        Membership.objects.create(user=user, organization=organization, role=Role.INFO_OFFICER)
    from django.db import connections

    connections.close_all()
    return int(organization.pk)


class Session:
    """One signed-in browser-like client: cookies and the CSRF token."""

    def __init__(self, port: int) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: bytes = b"", headers=None):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        self.conn.request(method, path, body=body, headers=headers)
        response = self.conn.getresponse()
        data = response.read()
        for header in response.headers.get_all("Set-Cookie") or []:
            cookie = http.cookies.SimpleCookie(header)
            for key, morsel in cookie.items():
                self.cookies[key] = morsel.value
        return response.status, data

    def sign_in(self, username: str) -> None:
        got, page = self.request("GET", "/login/")
        if got != 200:
            raise SystemExit(f"登录页打不开（{got}）：{page[:200]!r}")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        form = {"username": username, "password": PASSWORD}
        form["csrfmiddlewaretoken"] = token.group(1).decode() if token else ""
        status, _ = self.request(
            "POST",
            "/login/",
            urlencode(form).encode(),
            {"Content-Type": "application/x-www-form-urlencoded", "Referer": "http://127.0.0.1/"},
        )
        if status != 302:
            raise SystemExit(f"{username} 登录失败（{status}）")

    def post_json(self, path: str, payload: dict) -> tuple[int, bytes]:
        headers = {
            "Content-Type": "application/json",
            "X-CSRFToken": self.cookies.get("csrftoken", ""),
            "Referer": "http://127.0.0.1/",
        }
        return self.request("POST", path, json.dumps(payload).encode(), headers)


def _job(organization_id: int, index: int) -> dict:
    today = datetime.date.today()  # noqa: DTZ011 - a day either side does not matter here
    return {
        "valid_from": today.isoformat(),
        "valid_until": (today + datetime.timedelta(days=60)).isoformat(),
        "skills": "数控编程、CAD",
        "contact_name": "李经理",
        "contact_phone": "13912345678",
        "kind": "job",
        "organization": organization_id,
        "title": f"数控车工 {index}",
        "region_code": "450403",
        "occupation_code": "6-18-01-01",
        "education": "associate",
        "salary_min": 4500,
        "salary_max": 7000,
        "quantity": 2,
        "employment_type": "full_time",
        "description": "负责数控车床操作。",
    }


def _writer(port: int, index: int, rounds: int, organization_id: int) -> list[tuple[int, float]]:
    session = Session(port)
    session.sign_in(f"writer{index:02d}")
    out = []
    for round_index in range(rounds):
        started = time.perf_counter()
        status, body = session.post_json(
            "/api/v1/listings/", _job(organization_id, index * 1000 + round_index)
        )
        out.append((status, time.perf_counter() - started))
        if status >= 400:
            text = " ".join(body[:2000].decode(errors="replace").split())
            first_error.setdefault("body", f"{status} {text[:200]}")
        if status == 201:
            listing_id = json.loads(body)["id"]
            started = time.perf_counter()
            status, _ = session.post_json(f"/api/v1/listings/{listing_id}/submit/", {})
            out.append((status, time.perf_counter() - started))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=16)
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--plain", action="store_true", help="SQLite without WAL/IMMEDIATE/timeout")
    args = parser.parse_args()

    print("机器：")
    for label, value in machine_facts():
        print(f"  {label}: {value}")
    plain = "未调优（默认日志模式、DEFERRED 事务、5 秒等待）"
    mode = plain if args.plain else "WAL + IMMEDIATE + 20 秒等待"
    print(f"SQLite：{mode}；并发写入者 {args.writers}，每人 {args.rounds} 轮（新建并提交）")
    with tempfile.TemporaryDirectory(prefix="chanjiao-writers-") as tmp:
        data_dir = Path(tmp)
        if args.plain:
            os.environ["CHANJIAO_SQLITE_TUNED"] = "0"
        organization_id = _prepare(data_dir, args.writers)
        with served(data_dir) as (port, _):
            started = time.perf_counter()
            with concurrent.futures.ThreadPoolExecutor(args.writers) as pool:
                futures = [
                    pool.submit(_writer, port, index, args.rounds, organization_id)
                    for index in range(args.writers)
                ]
                results = [item for future in futures for item in future.result()]
            elapsed = time.perf_counter() - started
    statuses = collections.Counter(status for status, _ in results)
    times = sorted(seconds for _, seconds in results)
    errors = sum(n for status, n in statuses.items() if status >= 500)
    print(f"写请求 {len(results)} 个，用时 {elapsed:.1f} s（{len(results) / elapsed:.1f} 个/秒）")
    print("按状态：" + "，".join(f"{s}: {n}" for s, n in sorted(statuses.items())))
    print(f"服务器错误（5xx）：{errors}")
    if first_error:
        print(f"第一个失败的写请求：{first_error['body']}")
    print(
        f"延迟 p50 {statistics.median(times) * 1000:.0f} ms，"
        f"p95 {times[int(len(times) * 0.95)] * 1000:.0f} ms，最大 {times[-1] * 1000:.0f} ms"
    )


if __name__ == "__main__":
    main()
