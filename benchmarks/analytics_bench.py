# ruff: noqa: T201 - a command-line benchmark reports on stdout
"""Benchmark the analytics fill: N published demand rows, ORM/SQL path vs Spark, and one report.

    .venv/bin/python benchmarks/analytics_bench.py [--rows 10000000] [--database-url URL]
    .venv/bin/python benchmarks/analytics_bench.py --rows 200000 --skip-report   # quick look

Without a database URL (or DATABASE_URL) a throwaway SQLite file in a temporary directory is
used. The script migrates, loads the national catalogues and the localities, generates seeded
rows spread over the real regions, industries and occupations (posts concentrate on a few
regions and occupations, and each occupation appears in a few related industries), loads them
with one multi-row insert stream (SQLite, journal off) or COPY (PostgreSQL), adds school figures
and 人社 rows, then times: the ORM/SQL fill (``analytics_fill --full``), the Spark path (CSV
export, session start, aggregation, write) and the yearly report of one city read from the count
tables (HTML; PDF too with --pdf).
"""

import argparse
import datetime
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
YEARS = (2021, 2022, 2023, 2024, 2025)
REPORT_TARGET_SECONDS = 15.0


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=10_000_000, help="demand rows (10000000)")
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--city", default="4504", help="city of the timed report (4504 梧州市)")
    parser.add_argument("--chunk", type=int, default=500_000, help="rows generated per chunk")
    parser.add_argument("--skip-orm", action="store_true", help="time only the Spark path")
    parser.add_argument("--skip-spark", action="store_true")
    parser.add_argument("--skip-report", action="store_true")
    parser.add_argument("--pdf", action="store_true", help="also time the PDF of the report")
    parser.add_argument("--spark-master", default="local[*]")
    return parser.parse_args()


def _setup_django(database_url: str, workdir: Path) -> None:
    sys.path.insert(0, str(REPO))
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.setdefault("CHANJIAO_DATA_DIR", str(workdir))
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
    import django

    django.setup()


def _machine() -> list[tuple[str, str]]:
    from django.db import connection

    from benchmarks.machine import machine_facts

    with connection.cursor() as cursor:
        cursor.execute(
            "SHOW server_version"
            if connection.vendor == "postgresql"
            else "SELECT sqlite_version()"
        )
        version = cursor.fetchone()[0]
    load = ", ".join(f"{v:.1f}" for v in os.getloadavg())
    return [
        *machine_facts(),
        ("负载（1/5/15 分钟）", load),
        ("数据库", f"{connection.vendor} {version}"),
        ("Java", shutil.which("java") or "无"),
    ]


def _zipf_weights(count: int, rng: np.random.Generator, exponent: float = 1.1) -> np.ndarray:
    """Skewed shares in a random order: a few items take most rows, as in real postings."""
    weights = 1.0 / np.arange(1, count + 1) ** exponent
    rng.shuffle(weights)
    return weights / weights.sum()


class Universe:
    """The real codes the rows are drawn from, with their ids and sampling weights."""

    def __init__(self, rng: np.random.Generator, city: str) -> None:
        from chanjiao.catalogs.models import Industry, Occupation, Region

        regions = list(
            Region.objects.filter(is_active=True).exclude(level="省级").values_list("pk", "code")
        )
        self.region_ids = np.array([pk for pk, _ in regions])
        weights = _zipf_weights(len(regions), rng, 0.9)
        in_city = np.array([code.startswith(city) for _, code in regions])
        weights[in_city] += 0.02 / max(in_city.sum(), 1)  # the report's city: ~2 % of the rows
        self.region_weights = weights / weights.sum()
        occupations = Occupation.objects.filter(level="细类", is_active=True)
        self.occupation_ids = np.array(list(occupations.values_list("pk", flat=True)))
        self.occupation_weights = _zipf_weights(len(self.occupation_ids), rng)
        industries = Industry.objects.filter(level="小类", is_active=True)
        self.industry_ids = np.array(list(industries.values_list("pk", flat=True)))
        # Each occupation is found in three industries of its own.
        self.occupation_industries = rng.integers(
            0, len(self.industry_ids), size=(len(self.occupation_ids), 3)
        )


def _chunk(universe: Universe, rng: np.random.Generator, size: int) -> dict[str, np.ndarray]:
    """Generate one chunk of rows as column arrays (None-able columns as object arrays)."""
    occupation = rng.choice(len(universe.occupation_ids), size=size, p=universe.occupation_weights)
    industry = universe.occupation_industries[occupation, rng.integers(0, 3, size=size)]
    start = datetime.datetime(YEARS[0], 1, 1, tzinfo=datetime.UTC).timestamp()
    end = datetime.datetime(YEARS[-1] + 1, 1, 1, tzinfo=datetime.UTC).timestamp()
    seconds = rng.integers(int(start), int(end), size=size).astype("datetime64[s]")
    quantity = np.minimum(1 + rng.geometric(0.3, size=size), 50).astype(object)
    quantity[rng.random(size) < 0.35] = None
    occupation_ids = universe.occupation_ids[occupation].astype(object)
    occupation_ids[rng.random(size) < 0.05] = None
    industry_ids = universe.industry_ids[industry].astype(object)
    industry_ids[rng.random(size) < 0.03] = None
    status = rng.choice(
        ["published", "closed", "expired", "rejected"], size=size, p=[0.80, 0.10, 0.07, 0.03]
    )
    return {
        "kind": rng.choice(["job", "internship"], size=size, p=[0.85, 0.15]),
        "region_id": rng.choice(universe.region_ids, size=size, p=universe.region_weights),
        "industry_id": industry_ids,
        "occupation_id": occupation_ids,
        "quantity": quantity,
        "status": status,
        "published_at": np.char.replace(np.datetime_as_string(seconds, unit="s"), "T", " "),
    }


def _constant_columns(organization: Any, user: Any) -> dict[str, Any]:
    """Every other NOT NULL column of the listing table, with the value each row gets."""
    from django.db import connection

    from chanjiao.listings.models import Listing

    generated = {"kind", "region", "industry", "occupation", "quantity", "status", "published_at"}
    now = datetime.datetime.now(datetime.UTC)
    fixed = {
        "title": "批量岗位",
        "direction": "demand",
        "organization": organization.pk,
        "author": user.pk,
        "created_at": now,
        "updated_at": now,
    }
    columns = {}
    for field in Listing._meta.concrete_fields:
        if field.primary_key or field.name in generated:
            continue
        value = fixed.get(field.name, field.get_default())
        if value is None and field.null:
            continue
        columns[field.column] = field.get_db_prep_save(value, connection)
    return columns


def _rows(chunk: dict[str, np.ndarray], constants: list[Any]) -> Iterator[tuple[Any, ...]]:
    names = (
        "kind",
        "region_id",
        "industry_id",
        "occupation_id",
        "quantity",
        "status",
        "published_at",
    )
    for values in zip(*(chunk[name].tolist() for name in names), strict=True):
        yield (*values, *constants)


def _load_listings(
    args: argparse.Namespace,
    universe: Universe,
    organization: Any,
    user: Any,
    rng: np.random.Generator,
) -> None:
    from django.db import connection, transaction

    constants = _constant_columns(organization, user)
    columns = [
        "kind",
        "region_id",
        "industry_id",
        "occupation_id",
        "quantity",
        "status",
        "published_at",
        *constants,
    ]
    # Column names come from the model; the values are parameters.
    placeholders = ", ".join(["%s"] * len(columns))
    sql = f"INSERT INTO listings_listing ({', '.join(columns)}) VALUES ({placeholders})"  # noqa: S608
    indexes = _sqlite_indexes_drop() if connection.vendor == "sqlite" else []
    done = 0
    while done < args.rows:
        size = min(args.chunk, args.rows - done)
        chunk = _chunk(universe, rng, size)
        with transaction.atomic(), connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                copy_sql = f"COPY listings_listing ({', '.join(columns)}) FROM STDIN"
                with cursor.cursor.copy(copy_sql) as copy:
                    for row in _rows(chunk, list(constants.values())):
                        copy.write_row(row)
            else:
                cursor.executemany(sql, _rows(chunk, list(constants.values())))
        done += size
        print(f"  已载入 {done:,} / {args.rows:,} 行", flush=True)
    with connection.cursor() as cursor:
        for index_sql in indexes:  # rebuilding once is much faster than updating per row
            cursor.execute(index_sql)


def _sqlite_indexes_drop() -> list[str]:
    """Turn off SQLite's journal and drop the listing table's indexes; return their SQL."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode=OFF")
        cursor.execute("PRAGMA synchronous=OFF")
        cursor.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' "
            "AND tbl_name = 'listings_listing' AND sql IS NOT NULL"
        )
        indexes = cursor.fetchall()
        for name, _sql in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
    return [sql for _name, sql in indexes]


def _load_supply_and_labor(universe: Universe, rng: np.random.Generator) -> tuple[int, int]:
    """One school per 3 counties with 15 linked majors × 5 years; a 人社 table per city."""
    from chanjiao.catalogs.models import MajorOccupationLink, Region
    from chanjiao.organizations.models import Organization, OrganizationType
    from chanjiao.statistics.models import LaborMarketStat, MajorYearStat

    counties = list(Region.objects.filter(level="县级", is_active=True)[::3])
    schools = Organization.objects.bulk_create(
        Organization(
            name=f"基准测试职业学院{i}",
            org_type=OrganizationType.HIGHER_VOCATIONAL,
            region=county,
            is_verified=True,
        )
        for i, county in enumerate(counties)
    )
    majors = sorted(set(MajorOccupationLink.objects.values_list("major_id", flat=True)))
    stats = [
        MajorYearStat(
            school=school,
            major_id=int(major),
            year=year,
            graduates=int(rng.integers(0, 200)),
            actual_enrollment=int(rng.integers(0, 250)),
        )
        for school in schools
        for major in rng.choice(majors, size=15, replace=False)
        for year in YEARS
    ]
    MajorYearStat.objects.bulk_create(stats, batch_size=5000)
    labor = [
        LaborMarketStat(
            region=city,
            region_label=f"{city.name}（{city.code}）",
            year=year,
            quarter=0,
            occupation_id=int(occupation),
            occupation_label=str(occupation),
            demand_persons=int(rng.integers(0, 3000)),
            jobseekers_persons=int(rng.integers(0, 3000)),
        )
        for city in Region.objects.filter(level="地级", is_active=True)
        for year in YEARS
        for occupation in rng.choice(universe.occupation_ids, size=20, replace=False)
    ]
    LaborMarketStat.objects.bulk_create(labor, batch_size=5000)
    return len(stats), len(labor)


def _prepare(args: argparse.Namespace) -> None:
    from django.core.management import call_command

    from chanjiao.accounts.models import User
    from chanjiao.catalogs.loading import catalogs_load
    from chanjiao.catalogs.models import Region
    from chanjiao.localities.services import localities_load_default
    from chanjiao.organizations.models import Organization, OrganizationType

    call_command("migrate", verbosity=0, interactive=False)
    catalogs_load()
    localities_load_default()
    organization = Organization.objects.create(
        name="基准测试企业",
        org_type=OrganizationType.ENTERPRISE,
        region=Region.objects.get(code=args.city),
        is_verified=True,
    )
    user = User.objects.create_user(username="analytics_bench", real_name="基准测试")
    rng = np.random.default_rng(args.seed)
    universe = Universe(rng, args.city)
    started = time.perf_counter()
    _load_listings(args, universe, organization, user, rng)
    print(f"载入 {args.rows:,} 行需求数据：{time.perf_counter() - started:.1f} s")
    stats, labor = _load_supply_and_labor(universe, rng)
    print(f"另载入专业点年度统计 {stats:,} 行、人社供求统计 {labor:,} 行")


def _timed(label: str, function: Any, results: list[tuple[str, float]]) -> Any:
    started = time.perf_counter()
    value = function()
    seconds = time.perf_counter() - started
    results.append((label, seconds))
    print(f"  {label}：{seconds:.1f} s", flush=True)
    return value


def _orm_fill(results: list[tuple[str, float]]) -> dict[str, int]:
    from chanjiao.analytics.fill import stat_fill
    from chanjiao.analytics.stats import COUNT_STATS

    written = {}
    for stat in COUNT_STATS:
        result = _timed(
            f"ORM/SQL 填充 {stat.name}", lambda stat=stat: stat_fill(stat=stat, full=True), results
        )
        written[stat.name] = result.rows_written
    return written


def _spark_fill(args: argparse.Namespace, workdir: Path, results: list[tuple[str, float]]) -> None:
    from chanjiao.analytics.export import raw_rows_export
    from chanjiao.analytics.fill import stat_fill
    from chanjiao.analytics.spark import spark_rows, spark_session
    from chanjiao.analytics.stats import COUNT_STATS

    export = _timed("Spark：导出原始行为 CSV", lambda: raw_rows_export(workdir / "export"), results)
    spark = _timed("Spark：启动会话", lambda: spark_session(master=args.spark_master), results)
    spark.sparkContext.setLogLevel("ERROR")
    rows = _timed("Spark：聚合并取回结果", lambda: spark_rows(spark, export), results)
    for stat in COUNT_STATS:
        _timed(
            f"Spark：写入 {stat.name}",
            lambda stat=stat: stat_fill(
                stat=stat, full=True, compute=lambda _years, name=stat.name: rows[name]
            ),
            results,
        )
    spark.stop()


def _report(args: argparse.Namespace, results: list[tuple[str, float]]) -> None:
    from django.contrib.auth.models import AnonymousUser

    from chanjiao.localities.models import Locality

    locality = Locality.objects.get(region__code=args.city)
    try:
        from chanjiao.reports.formatters import HtmlFormatter, PdfFormatter
        from chanjiao.reports.generators import YearlySupplyDemandReport
    except ImportError:
        _selectors_only(locality, results)
        return
    for public in (True, False):
        report = YearlySupplyDemandReport(locality=locality, year=YEARS[-1], is_public=public)
        label = "公开版" if public else "内部版"
        _timed(
            f"年度报告（{locality.name}，{label}，HTML）",
            lambda report=report: HtmlFormatter().render(report, user=AnonymousUser()),
            results,
        )
        if args.pdf:
            _timed(
                f"年度报告（{locality.name}，{label}，PDF）",
                lambda report=report: PdfFormatter().render(report, user=AnonymousUser()),
                results,
            )


def _selectors_only(locality: Any, results: list[tuple[str, float]]) -> None:
    from chanjiao.analytics import selectors

    def run() -> None:
        for by in ("industry_section", "occupation_group"):
            selectors.demand_table(region=locality, year=YEARS[-1], by=by, public=True)
        selectors.supply_demand_table(region=locality, year=YEARS[-1], by="major", public=True)
        selectors.demand_history(region=locality, by="industry_section")

    _timed(f"报告所用查询（{locality.name}，未找到报告生成器）", run, results)


def main() -> None:
    args = _arguments()
    workdir = Path(tempfile.mkdtemp(prefix="analytics-bench-"))
    try:
        _setup_django(args.database_url, workdir)
        for key, value in _machine():
            print(f"{key}：{value}")
        print("注意：本机同时运行着其他任务，计时仅供参考。")
        _prepare(args)
        results: list[tuple[str, float]] = []
        if not args.skip_orm:
            written = _orm_fill(results)
            print("  写入行数：" + "，".join(f"{k} {v:,}" for k, v in written.items()))
        if not args.skip_spark:
            _spark_fill(args, workdir, results)
        # Either path leaves the count tables full; the report reads only those.
        if not args.skip_report:
            _report(args, results)
        print("\n汇总（秒）：")
        for label, seconds in results:
            print(f"  {seconds:8.1f}  {label}")
        reports = [s for label, s in results if label.startswith("年度报告")]
        if reports:
            verdict = "达标" if max(reports) <= REPORT_TARGET_SECONDS else "未达标"
            longest = max(reports)
            print(
                f"年度报告最长 {longest:.1f} s（目标 ≤ {REPORT_TARGET_SECONDS:.0f} s）：{verdict}"
            )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
