# ruff: noqa: T201, S311, S608 - a console report; seeded test data; SQL from model metadata
"""Search benchmark: generate N synthetic listings, build the index, time fixed queries.

The items are generated (seeded) from real catalogue names — occupations, majors, industries,
regions — in sentence templates; they are synthetic test data, never real postings.

    .venv/bin/python benchmarks/search_bench.py --items 100000
    scripts/with-postgres.sh .venv/bin/python benchmarks/search_bench.py --items 100000

Without DATABASE_URL it uses a fresh SQLite file in a temporary directory. It prints machine
info, build time, index size and p50/p95/p99 of end-to-end queries through the search service
(``search_listings``), and of bare tantivy running the same queries on the same index.
"""

import argparse
import datetime
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TEMPLATES = (
    "{org}招聘{occ}，要求{major}专业，{edu}以上学历，工作地点{region}，{skill}。",
    "{region}{industry}企业诚聘{occ}{n}名，熟悉{skill}，{major}等相关专业优先，提供五险一金。",
    "面向{major}专业学生开展{occ}岗位实习，所属行业为{industry}，实习地点{region}。",
    "{org}与职业院校合作开设{major}订单班，培养{occ}，围绕{industry}开展技术攻关。",
    "提供{industry}领域技术服务，承接{skill}相关项目，团队有{occ}和{major}背景人员。",
)
SKILLS = (
    "CAD制图",
    "PLC编程",
    "CNC编程",
    "Python",
    "数据分析",
    "直播带货",
    "电工证",
    "焊工证",
    "叉车证",
    "Office办公软件",
    "英语四级",
    "跨境电商平台运营",
    "六堡茶制作",
    "护士执业证书",
    "工业机器人示教",
    "新能源汽车检测",
    "煤化工装置操作",
    "短视频剪辑",
    "财务软件",
    "驾驶证C1",
)
EDUCATIONS = ("none", "secondary", "associate", "bachelor", "master")
EDU_LABELS = {
    "none": "学历不限",
    "secondary": "中专",
    "associate": "大专",
    "bachelor": "本科",
    "master": "硕士",
}
KIND_WEIGHTS = (
    ("job", 55), ("internship", 15), ("cooperation", 6), ("rnd", 4), ("tech_service", 5),
    ("training", 6), ("graduates", 4), ("mentor", 3), ("training_base", 2),
)  # fmt: skip


def setup_django(data_dir: Path) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["CHANJIAO_DATA_DIR"] = str(data_dir)
    os.environ["CHANJIAO_SEARCH_INDEX_DIR"] = str(data_dir / "search-index")
    os.environ.setdefault(
        "DJANGO_SECRET_KEY", "benchmark-only-secret-key-0123456789abcdefghijklmnop"
    )
    import django

    django.setup()


def load_catalogs() -> dict[str, list]:
    from chanjiao.catalogs.models import Industry, Major, Occupation, Region

    return {
        "occ": list(Occupation.objects.filter(level="细类").values_list("pk", "name")),
        "major": list(Major.objects.filter(is_active=True).values_list("pk", "name")),
        "industry": list(Industry.objects.filter(level="小类").values_list("pk", "name")),
        "region": list(Region.objects.exclude(level="省级").values_list("pk", "code", "name")),
    }


def generate(n: int, seed: int) -> None:
    """Insert n published listings (and their majors) with raw SQL, in batches."""
    from django.db import connection, transaction
    from django.utils import timezone

    from chanjiao.accounts.models import User
    from chanjiao.listings.models import Listing
    from chanjiao.organizations.models import Organization
    from chanjiao.organizations.tests.factories import EnterpriseFactory

    rng = random.Random(seed)
    cat = load_catalogs()
    author = User.objects.create(username="bench_author")
    regions = cat["region"]
    org_ids = [
        EnterpriseFactory(name=f"示例企业{i:03d}（合成数据）", region_id=rng.choice(regions)[0]).pk
        for i in range(200)
    ]
    org_names = dict(Organization.objects.values_list("pk", "name"))
    fields = [f for f in Listing._meta.concrete_fields if not f.primary_key]
    columns = [f.column for f in fields]
    sql = (
        f"INSERT INTO {Listing._meta.db_table} ({', '.join(columns)}) "
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )
    m2m = Listing.majors.through
    now = timezone.now()
    kinds, weights = zip(*KIND_WEIGHTS, strict=True)
    next_id = 1
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {Listing._meta.db_table}")
        next_id = cursor.fetchone()[0] + 1
    batch = 20000
    for start in range(0, n, batch):
        rows, links = [], []
        for i in range(start, min(n, start + batch)):
            kind = rng.choices(kinds, weights)[0]
            occ_pk, occ = rng.choice(cat["occ"])
            majors = rng.sample(cat["major"], rng.choice((0, 1, 1, 2)))
            ind_pk, ind = rng.choice(cat["industry"])
            reg_pk, _, reg = rng.choice(regions)
            org = rng.choice(org_ids)
            edu = rng.choice(EDUCATIONS)
            low = (
                rng.choice((2500, 3000, 4000, 5000, 6000, 8000, 10000))
                if kind in ("job", "internship")
                else None
            )
            text = rng.choice(TEMPLATES).format(
                org=org_names[org], occ=occ, major=majors[0][1] if majors else "相关",
                edu=EDU_LABELS[edu],
                region=reg, industry=ind, skill=rng.choice(SKILLS), n=rng.randint(1, 30),
            )  # fmt: skip
            published = now - datetime.timedelta(seconds=rng.randint(0, 365 * 86400))
            values = {
                "kind": kind, "direction": "demand", "title": f"{occ}（{kind_label(kind)}）",
                "description": text, "organization_id": org, "author_id": author.pk,
                "region_id": reg_pk, "industry_id": ind_pk, "occupation_id": occ_pk,
                "education": edu, "salary_min": low,
                "salary_max": low + rng.choice((1000, 2000, 4000)) if low else None,
                "skills": rng.choice(SKILLS), "details": "{}", "status": "published",
                "published_at": published, "valid_until": None, "version": 1, "is_demo": True,
                "open_report_count": 0, "created_at": published, "updated_at": published,
            }  # fmt: skip
            rows.append([values.get(f.attname, "" if _is_text(f) else None) for f in fields])
            links += [(next_id + i - start, pk) for pk, _ in majors]
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(sql, rows)
            cursor.executemany(
                f"INSERT INTO {m2m._meta.db_table} (listing_id, major_id) VALUES (%s, %s)", links
            )
        next_id += len(rows)
        print(f"  已生成 {min(n, start + batch):,} / {n:,}", flush=True)


def _is_text(field) -> bool:
    return field.get_internal_type() in ("CharField", "TextField")


def kind_label(kind: str) -> str:
    from chanjiao.listings.kinds import KINDS

    return KINDS[kind].label


def queries(seed: int, count: int) -> list[dict]:
    """A fixed set of 1–3-term queries, half with filters, half asking for every facet."""
    from chanjiao.catalogs.models import Region

    rng = random.Random(seed + 1)
    cat = load_catalogs()
    words = [name for _, name in cat["occ"] if len(name) <= 6] + [
        name for _, name in cat["major"] if len(name) <= 8
    ]
    words += [
        "数控",
        "护理",
        "电商",
        "跨境电商",
        "六堡茶",
        "工业机器人",
        "煤化工",
        "软件",
        "实习",
        "订单班",
    ]
    cities = list(Region.objects.filter(level="地级").values_list("code", flat=True))
    out = []
    for i in range(count):
        q = " ".join(rng.sample(words, rng.choice((1, 1, 2, 3))))
        params = {"q": q, "facets": () if i % 4 == 0 else None}
        if i % 2:
            choice = rng.choice(("region", "industry", "type", "salary_min", "education"))
            params[choice] = {
                "region": rng.choice(cities),
                "industry": rng.choice("ACEFGIM"),
                "type": "job",
                "salary_min": 5000,
                "education": "associate",
            }[choice]
        if i % 5 == 0:
            params["sort"] = rng.choice(("newest", "salary"))
        out.append({k: v for k, v in params.items() if v is not None})
    return out


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    k = max(0, min(len(values) - 1, round(p / 100 * (len(values) - 1))))
    return values[k]


def report(label: str, times: list[float]) -> float:
    p95 = percentile(times, 95)
    print(
        f"  {label:<34} p50 {percentile(times, 50):7.2f} ms   p95 {p95:7.2f} ms   "
        f"p99 {percentile(times, 99):7.2f} ms   (n={len(times)}, mean {statistics.mean(times):.2f})"
    )
    return p95


def run_queries(backend_name: str, qs: list[dict]) -> tuple[list[float], list[float]]:
    """Time each query end to end through the service, and bare tantivy on the same query."""
    from django.conf import settings

    from chanjiao.search.backends import get_backend
    from chanjiao.search.params import search_params_from_query
    from chanjiao.search.selectors import _engine_query, search_filters, search_listings

    settings.CHANJIAO_SEARCH_BACKEND = backend_name
    backend = get_backend(backend_name)
    service, bare = [], []
    for q in qs[:20]:  # warm-up
        search_listings(params=search_params_from_query(_as_query(q)))
    for q in qs:
        params = search_params_from_query(_as_query(q))
        started = time.perf_counter()
        search_listings(params=params)
        service.append((time.perf_counter() - started) * 1000)
        if backend_name == "tantivy":
            engine_query = _engine_query(params, search_filters(params), 0)
            bare.append(_bare_tantivy(backend, engine_query))
    return service, bare


def _as_query(q: dict) -> dict:
    out = dict(q)
    if "facets" in out:
        out["facets"] = ",".join(out["facets"]) or "none"
    return out


def _bare_tantivy(backend, engine_query) -> float:
    """Run the same tantivy query (page + facets when asked) straight on the index."""
    tantivy_query = backend._query(engine_query)
    searcher = backend._open().searcher()
    started = time.perf_counter()
    found = searcher.search(tantivy_query, limit=engine_query.limit, weight_by_field="freshness")
    searcher.fast_field_values("id", [a for _, a in found.hits])
    if engine_query.facets:
        backend._facets(searcher, tantivy_query, engine_query)
    return (time.perf_counter() - started) * 1000


def machine() -> str:
    from benchmarks.machine import machine_facts

    return "；".join(f"{label} {value}" for label, value in machine_facts())


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--items", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=240)
    parser.add_argument("--seed", type=int, default=20260101)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--backends", default="", help="逗号分隔；默认当前数据库可用的全部后端")
    parser.add_argument("--keep", action="store_true", help="保留临时目录（数据库与索引）")
    args = parser.parse_args()

    data_dir = Path(tempfile.mkdtemp(prefix="chanjiao-search-bench-"))
    try:
        run(args, data_dir)
    finally:
        if not args.keep:
            shutil.rmtree(data_dir, ignore_errors=True)


def run(args: argparse.Namespace, data_dir: Path) -> None:
    """Generate, build and time, in a fresh data directory."""
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{data_dir / 'bench.sqlite3'}")
    setup_django(data_dir)
    from django.core.management import call_command
    from django.db import connection

    from chanjiao.catalogs.loading import catalogs_load
    from chanjiao.search.backends import backend_names, get_backend
    from chanjiao.search.services import search_index_rebuild

    print(f"机器：{machine()}")
    print(
        f"数据库：{connection.vendor}；条目 {args.items:,}；查询 {args.queries}；种子 {args.seed}"
    )
    call_command("migrate", verbosity=0)
    catalogs_load()
    started = time.perf_counter()
    generate(args.items, args.seed)
    print(f"生成合成数据：{time.perf_counter() - started:.1f} s")
    qs = queries(args.seed, args.queries)
    names = [b for b in args.backends.split(",") if b] or backend_names()
    for name in names:
        backend = get_backend(name)
        started = time.perf_counter()
        count = search_index_rebuild(backend=backend, workers=args.workers)
        build = time.perf_counter() - started
        size = _size(backend, connection)
        print(
            f"\n[{name}] 全量重建 {count:,} 条：{build:.1f} s；"
            f"索引大小 {size / 1024 / 1024:.1f} MiB"
        )
        service, bare = run_queries(name, qs)
        p95 = report("检索服务（端到端）", service)
        if bare:
            bare_p95 = report("裸 tantivy（同索引同查询）", bare)
            print(f"  p95 比值 服务/裸 tantivy = {p95 / bare_p95:.2f}×")


def _size(backend, connection) -> int:
    return backend.size_bytes()


if __name__ == "__main__":
    main()
