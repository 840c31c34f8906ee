"""Benchmark the bulk import: N job-demand rows from CSV and from .xlsx, rows/s and peak memory.

    .venv/bin/python benchmarks/import_bench.py [--rows 100000] [--database-url URL]
    scripts/with-postgres.sh .venv/bin/python benchmarks/import_bench.py   # on PostgreSQL

Without a database URL (or DATABASE_URL) a throwaway SQLite file in a temporary directory is
used. The script migrates, loads the national catalogues, creates a verified enterprise and its
信息员, generates realistic rows (seeded, real region/occupation/major codes), writes them as CSV
and .xlsx, and imports each file through ``listings_import`` exactly as the API does. It then
imports the CSV again to time the idempotent path (every row unchanged).
"""

import argparse
import csv
import datetime
import os
import random
import resource
import shutil
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
CSV_TARGET_ROWS_PER_SECOND = 2000


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=100_000, help="rows per file (100000)")
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--formats", default="csv,xlsx", help="comma-separated: csv, xlsx (both by default)"
    )
    return parser.parse_args()


def _setup_django(database_url: str, workdir: Path, rows: int) -> None:
    sys.path.insert(0, str(REPO))
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.setdefault("CHANJIAO_DATA_DIR", str(workdir))
    os.environ["CHANJIAO_IMPORT_MAX_ROWS"] = str(max(rows, 100_000))
    os.environ["CHANJIAO_IMPORT_MAX_BYTES"] = str(max(64, rows // 1000) * 1024 * 1024)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    import django

    django.setup()


class PeakMemory:
    """Peak resident memory during a block: VmHWM reset via /proc, else sampled every 20 ms."""

    def __init__(self) -> None:
        self.peak = 0
        self.baseline = 0
        self._stop = threading.Event()

    def __enter__(self) -> "PeakMemory":
        self.baseline = _rss()
        self.resettable = _reset_hwm()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        hwm = _status_kib("VmHWM") * 1024 if self.resettable else 0
        self.peak = max(self.peak, hwm)

    def _sample(self) -> None:
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, _rss())


def _status_kib(key: str) -> int:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(key + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _rss() -> int:
    kib = _status_kib("VmRSS")
    return kib * 1024 if kib else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _reset_hwm() -> bool:
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def _machine() -> list[tuple[str, str]]:
    from django.db import connection

    from benchmarks.machine import machine_facts

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
        else:
            cursor.execute("SELECT sqlite_version()")
        version = cursor.fetchone()[0]
    return [*machine_facts(), ("数据库", f"{connection.vendor} {version}")]


def _prepare_database() -> tuple[Any, Any]:
    from django.core.management import call_command

    from chanjiao.accounts.models import Membership, Role, User
    from chanjiao.catalogs.loading import catalogs_load
    from chanjiao.catalogs.models import Industry, Region
    from chanjiao.organizations.models import Organization, OrganizationType

    call_command("migrate", verbosity=0, interactive=False)
    catalogs_load()
    organization = Organization.objects.create(
        name="梧州市测试精密机械有限公司",
        org_type=OrganizationType.ENTERPRISE,
        region=Region.objects.get(code="4504"),
        industry=Industry.objects.filter(code="1530").first(),
        is_verified=True,
    )
    user = User.objects.create_user(username="import_bench", real_name="导入员")
    Membership.objects.create(user=user, organization=organization, role=Role.INFO_OFFICER)
    return organization, user


def _codes() -> dict[str, list[Any]]:
    from chanjiao.catalogs.models import Major, Occupation, Region

    return {
        "regions": list(
            Region.objects.filter(code__startswith="45", is_active=True)
            .exclude(code="45")
            .values_list("code", flat=True)
        ),
        "occupations": list(
            Occupation.objects.filter(
                level=Occupation.Level.OCCUPATION, is_active=True
            ).values_list("code", "name")
        ),
        "majors": list(
            Major.objects.filter(system="vocational", is_active=True).values_list("code", flat=True)
        ),
    }


def _rows(count: int, seed: int, prefix: str) -> list[dict[str, str]]:
    from chanjiao.listings.kinds import Education

    rng = random.Random(seed)  # noqa: S311 - reproducible test data, not secrets
    codes = _codes()
    today = datetime.date.today()  # noqa: DTZ011 - a calendar date for the rows, not a timestamp
    educations = [label for value, label in Education.choices if value != "none"]
    surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
    rows = []
    for number in range(1, count + 1):
        occupation_code, occupation_name = rng.choice(codes["occupations"])
        low = rng.randrange(3000, 12000, 100)
        start = today - datetime.timedelta(days=rng.randrange(0, 30))
        until = start + datetime.timedelta(days=rng.randrange(60, 180))
        majors = "、".join(rng.sample(codes["majors"], rng.randrange(0, 3)))
        rows.append(
            {
                "title": f"{occupation_name}（{rng.choice(['初级', '中级', '高级'])}）",
                "description": f"负责{occupation_name}相关工作，按工艺文件完成生产任务；"
                f"岗位编号 {number}，需服从班组安排，适应两班倒。",
                "region_code": rng.choice(codes["regions"]),
                "occupation_code": occupation_code,
                "major_codes": majors,
                "education": rng.choice(educations),
                "experience_years": str(rng.randrange(0, 10)),
                "salary_min": str(low),
                "salary_max": str(low + rng.randrange(500, 6000, 100)),
                "quantity": str(rng.randrange(1, 50)),
                "skills": rng.choice(["数控编程、CAD", "电工证", "叉车证", "", "熟悉 PLC"]),
                "valid_from": start.isoformat(),
                "valid_until": until.isoformat(),
                "contact_name": rng.choice(surnames) + rng.choice(["经理", "主管", "女士", "先生"]),
                "contact_phone": f"1{rng.choice('3578')}{rng.randrange(10**8, 10**9)}",
                "employment_type": rng.choice(["全职", "全职", "兼职", "灵活用工"]),
                "benefits": rng.choice(["五险一金、包住宿", "五险一金", "餐补、交通补贴", ""]),
                "external_id": f"{prefix}-{number:07d}",
            }
        )
    return rows


def _write_csv(path: Path, rows: list[dict[str, str]]) -> None:
    from chanjiao.listings.importing import import_columns

    columns = import_columns("job")
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([column.label for column in columns])
        for row in rows:
            writer.writerow([row.get(column.name, "") for column in columns])


def _write_xlsx(path: Path, rows: list[dict[str, str]]) -> None:
    """Write the rows with openpyxl's write-only mode, then add the sheet size as Excel does."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    from chanjiao.listings.importing import import_columns

    columns = import_columns("job")
    draft = path.with_suffix(".draft.xlsx")
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("岗位需求")
    sheet.append([column.label for column in columns])
    numeric = {"experience_years", "salary_min", "salary_max", "quantity"}
    for row in rows:
        sheet.append(
            [int(row[c.name]) if c.name in numeric else row.get(c.name, "") for c in columns]
        )
    workbook.save(draft)
    _add_dimension(draft, path, f"A1:{get_column_letter(len(columns))}{len(rows) + 1}")
    draft.unlink()


def _add_dimension(source: Path, target: Path, ref: str) -> None:
    """Copy a workbook, adding ``<dimension>`` to its sheet (Excel and WPS always write it).

    openpyxl's write-only mode leaves it out, and openpyxl's reader then parses the whole sheet
    once more just to find its size, which no file saved by Excel would cost.
    """
    with (
        zipfile.ZipFile(source) as original,
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy,
    ):
        for info in original.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                copy.writestr(info, original.read(info.filename))
                continue
            with original.open(info) as sheet, copy.open(info.filename, "w") as out:
                head = sheet.read(65536)
                anchor = head.index(b"<sheetViews")
                out.write(head[:anchor] + f'<dimension ref="{ref}"/>'.encode() + head[anchor:])
                while chunk := sheet.read(1 << 20):
                    out.write(chunk)


def _import(path: Path, organization: Any, user: Any) -> dict[str, Any]:
    from chanjiao.listings.importing import listings_import

    with path.open("rb") as stream, PeakMemory() as memory:
        started, cpu_started = time.perf_counter(), time.process_time()
        result = listings_import(
            actor=user, kind="job", organization=organization, file_name=path.name, stream=stream
        )
        seconds = time.perf_counter() - started
        cpu_seconds = time.process_time() - cpu_started
    if not result.ok:
        for issue in result.errors[:10]:
            print(f"  第 {issue.row} 行 {issue.column}：{issue.message}")  # noqa: T201
        raise SystemExit(f"导入失败：{result.message}")
    return {
        "rows": result.rows,
        "created": result.created,
        "unchanged": result.unchanged,
        "seconds": seconds,
        "rows_per_second": result.rows / seconds,
        "cpu_seconds": cpu_seconds,
        "peak_rss": memory.peak,
        "growth": max(memory.peak - memory.baseline, 0),
        "size": path.stat().st_size,
    }


def _report(label: str, figures: dict[str, Any]) -> None:
    mib = 1024 * 1024
    print(  # noqa: T201
        f"{label}：{figures['rows']} 行，用时 {figures['seconds']:.1f} s"
        f"（本进程 CPU {figures['cpu_seconds']:.1f} s），{figures['rows_per_second']:.0f} 行/秒；"
        f"峰值 RSS {figures['peak_rss'] / mib:.0f} MiB"
        f"（导入期间增长 {figures['growth'] / mib:.0f} MiB）；"
        f"文件 {figures['size'] / mib:.1f} MiB",
        flush=True,
    )


def main() -> None:
    args = _arguments()
    workdir = Path(tempfile.mkdtemp(prefix="chanjiao-import-bench-"))
    try:
        _setup_django(args.database_url, workdir, args.rows)
        organization, user = _prepare_database()
        for key, value in _machine():
            print(f"{key}: {value}", flush=True)  # noqa: T201
        print(f"行数: {args.rows}，随机种子: {args.seed}\n")  # noqa: T201
        formats = [name.strip() for name in args.formats.split(",") if name.strip()]
        for name in formats:
            rows = _rows(args.rows, args.seed, prefix=name.upper())
            path = workdir / f"jobs.{name}"
            (_write_csv if name == "csv" else _write_xlsx)(path, rows)
            del rows
            first = _import(path, organization, user)
            _report(f"{name.upper()} 首次导入", first)
            if name == "csv":
                again = _import(path, organization, user)
                assert again["unchanged"] == args.rows  # noqa: S101 - the benchmark checks itself
                _report("CSV 重复导入（无变化）", again)
                if first["rows_per_second"] < CSV_TARGET_ROWS_PER_SECOND:
                    print(f"注意：CSV 首次导入低于 {CSV_TARGET_ROWS_PER_SECOND} 行/秒的目标。")  # noqa: T201
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
