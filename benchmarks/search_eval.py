# ruff: noqa: T201 - a console report
"""Search precision for 40 occupation queries over the 梧州 demonstration data.

    .venv/bin/python benchmarks/search_eval.py
    PYTHONPATH=/tmp/search-before .venv/bin/python benchmarks/search_eval.py   # older code

Builds the demonstration data of 梧州市 (seed 1, as ``chanjiao demo_data --locality 梧州市
--seed 1 --skip-services``) in a fresh SQLite database in a temporary directory, rebuilds the
search index and runs 40 everyday words people type when looking for a kind of job. Each word
was written down with the occupations it means (大典 2022 codes or code prefixes) before any
result was looked at; they are below, as data.

A result is relevant when the occupation its publisher declared (``Listing.occupation`` as the
demo generator wrote it: any ``occupation_source`` but 自动分类 — never read by the search from
the query) lies within the word's codes; an item without a declared occupation counts as not
relevant. The search is the platform's default one (every public kind, relevance
order), through ``search_listings``.

Printed per query: results, relevant items in the data, precision@10 (relevant among the top 10
results divided by the results shown, at most 10; a query with relevant items and no result
scores 0) and recall@10 (relevant among the top 10 divided by min(10, relevant in the data)).
The means are over the queries with at least one relevant item in the data.

The code searched is the ``chanjiao`` package first on the path: with PYTHONPATH set to a
worktree of an older commit, the same queries run against the older search.
"""

import argparse
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.append(str(ROOT))  # appended: PYTHONPATH (an older worktree) wins

# Everyday word → the 大典 2022 occupation codes or prefixes it means (fixed before any run).
QUERIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("护理", ("2-05-08", "4-10-01-04", "4-10-01-05", "4-14-01-02")),
    ("护士", ("2-05-08",)),
    ("数控", ("6-18-01",)),
    ("电工", ("6-31-01-03",)),
    ("焊工", ("6-18-02-04",)),
    ("会计", ("2-06-03",)),
    ("出纳", ("2-06-03",)),
    ("厨师", ("4-03-02-01", "4-03-02-02", "4-03-02-03", "4-03-02-04")),
    ("幼师", ("2-08-03", "4-10-01-03")),
    ("保育员", ("4-10-01-03",)),
    ("导游", ("4-07-04-01",)),
    ("电商", ("4-01-06",)),
    ("客服", ("4-04-05-03", "4-07-02-03")),
    ("司机", ("4-02-01-01", "4-02-02-01", "4-02-02-02", "6-30-01")),
    ("仓管", ("4-02-06-01",)),
    ("叉车", ("6-30-05-01",)),
    ("茶艺", ("4-03-02-07",)),
    ("汽修", ("4-12-01",)),
    ("钳工", ("6-18-04-06", "6-20-01-01", "6-23-01-04", "6-23-01-05", "6-31-01-02")),
    ("质检", ("6-31-03-05", "4-08-05")),
    ("药剂", ("2-05-06",)),
    ("物流", ("4-02-06", "2-02-30-02")),
    ("美容", ("4-10-03-01",)),
    ("美发", ("4-10-03-02",)),
    ("保安", ("4-07-05-01",)),
    ("快递", ("4-02-07",)),
    ("销售", ("4-01-02", "2-06-07-02", "2-06-07-07", "2-06-11-04", "4-01-05-02")),
    ("前台", ("4-03-01-01", "3-01-01-01")),
    ("文员", ("3-01-01", "3-01-02")),
    ("程序员", ("4-04-05-01", "2-02-10-03", "2-02-10-06")),
    ("网络", ("2-02-10-04", "4-04-02", "4-04-04")),
    ("电子", ("2-02-09", "6-25", "4-12-03")),
    ("机械", ("2-02-07", "6-18", "6-20")),
    ("模具", ("2-02-07-06", "6-18-04-01")),
    ("装配", ("6-20", "6-21", "6-22", "6-25")),
    ("护工", ("4-14-01-02", "4-10-01-05")),
    ("养老", ("4-10-01-05",)),
    ("家政", ("4-10-01-06",)),
    ("月嫂", ("4-10-01-06",)),
    ("农艺", ("5-01-02-01",)),
)
TOP = 10
CLASSIFIED = "classified"  # filled by the classifier: not the demo generator's choice


def setup(data_dir: Path) -> float:
    """Start Django on a fresh SQLite file and build the 梧州 demo data; return the seconds."""
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    os.environ["CHANJIAO_DATA_DIR"] = str(data_dir)
    os.environ["CHANJIAO_SEARCH_INDEX_DIR"] = str(data_dir / "search-index")
    os.environ["CHANJIAO_SEARCH_BACKEND"] = "tantivy"
    os.environ["CHANJIAO_HTTPS"] = "0"
    os.environ.setdefault("DJANGO_SECRET_KEY", "benchmark-only-secret-key-0123456789abcdefghij")
    import django

    django.setup()
    from django.core.management import call_command

    from chanjiao.search.services import search_index_rebuild

    started = time.monotonic()
    quiet = io.StringIO()
    call_command("migrate", verbosity=0, stdout=quiet)
    call_command("load_catalogs", verbosity=0, stdout=quiet)
    call_command("load_localities", verbosity=0, stdout=quiet)
    call_command("demo_data", locality="梧州市", seed=1, skip_services=True, stdout=quiet)
    search_index_rebuild()
    return time.monotonic() - started


def _within(code: str | None, prefixes: tuple[str, ...]) -> bool:
    if not code:
        return False
    from chanjiao.search.documents import occupation_path

    return any(prefix in occupation_path(code) for prefix in prefixes)


def evaluate() -> list[dict[str, object]]:
    """Run every query; return per query the counts and the two measures."""
    from chanjiao.listings.models import Listing
    from chanjiao.search.selectors import SearchParams, search_listings

    declared = dict(
        Listing.objects.public()
        .filter(occupation__isnull=False)
        .exclude(occupation_source=CLASSIFIED)
        .values_list("pk", "occupation__code")
    )
    rows = []
    for word, prefixes in QUERIES:
        relevant = {pk for pk, code in declared.items() if _within(code, prefixes)}
        started = time.perf_counter()
        page = search_listings(params=SearchParams(q=word, page_size=TOP))
        elapsed = time.perf_counter() - started
        top = [hit.listing.pk for hit in page.hits][:TOP]
        found = sum(pk in relevant for pk in top)
        precision = found / len(top) if top else 0.0
        recall = found / min(TOP, len(relevant)) if relevant else 0.0
        rows.append(
            {
                "word": word,
                "total": page.total,
                "relevant": len(relevant),
                "found": found,
                "shown": len(top),
                "precision": precision,
                "recall": recall,
                "ms": elapsed * 1000,
                "titles": [hit.listing.title for hit in page.hits][:3],
            }
        )
    return rows


def report(rows: list[dict[str, object]], setup_seconds: float) -> None:
    import chanjiao
    from benchmarks.machine import machine_facts

    print("检索评测：40 个职业检索词，梧州演示数据（种子 1）")
    for label, value in machine_facts():
        print(f"  {label}: {value}")
    print(f"  被测代码: {Path(chanjiao.__file__).resolve().parent}")
    print(f"  建库与演示数据: {setup_seconds:.1f} s")
    print()
    print(
        f"{'检索词':<6}{'结果数':>6}{'相关(库中)':>10}{'前10相关':>8}{'P@10':>7}{'R@10':>7}  前三条"
    )
    for row in rows:
        titles = "、".join(str(t) for t in row["titles"])  # type: ignore[attr-defined]
        print(
            f"{row['word']:<6}{row['total']:>8}{row['relevant']:>10}{row['found']:>10}"
            f"{row['precision']:>8.2f}{row['recall']:>7.2f}  {titles}"
        )
    scored = [row for row in rows if row["relevant"]]
    if scored:
        mean_p = statistics.fmean(float(row["precision"]) for row in scored)  # type: ignore[arg-type]
        mean_r = statistics.fmean(float(row["recall"]) for row in scored)  # type: ignore[arg-type]
        ms = statistics.median(float(row["ms"]) for row in rows)  # type: ignore[arg-type]
        print()
        print(f"库中有相关信息的检索词：{len(scored)} 个（共 {len(rows)} 个）")
        print(f"平均 precision@10：{mean_p:.3f}    平均 recall@10：{mean_r:.3f}")
        print(f"检索耗时中位数：{ms:.1f} ms（含分面、摘要与零结果帮助）")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--keep", action="store_true", help="保留临时目录（打印其路径）")
    args = parser.parse_args()
    data_dir = Path(tempfile.mkdtemp(prefix="search-eval-"))
    seconds = setup(data_dir)
    report(evaluate(), seconds)
    if args.keep:
        print(f"临时目录：{data_dir}")
    else:
        import shutil

        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
