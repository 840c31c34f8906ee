# ruff: noqa: T201 - a console report
"""Classification evaluation: posting titles → 职业分类大典 2022, classifier vs a keyword baseline.

    .venv/bin/python benchmarks/classify_eval.py              # held-out split (the reported figure)
    .venv/bin/python benchmarks/classify_eval.py --split all  # every labelled title

Labels: benchmarks/data/title_occupation_labels.csv — 311 real job-board titles drawn by
benchmarks/data/make_label_sample.py (stratified over the source's categories, seeded) and
labelled by hand from the 大典 definitions; see benchmarks/data/README.md for the method and its
limits. Titles labelled NONE (no determinable occupation) are left out; titles labelled at 小类
(no fitting 细类) count at 小类 and 大类 only. The classifier's weights were fixed before the
labels were written, and nothing was tuned on them; the "dev" third exists for future tuning, and
the "test" two thirds are the held-out figure.

Baseline: the occupation whose name or one of its 常用名称 (aliases) appears in the title, the
longest match winning (ties: the lowest code); a title with no match gets no answer (wrong).
Printed: accuracy per level with Wilson 95 % intervals, and an exact McNemar p-value for the
paired difference (titles where exactly one of the two methods is right).
"""

import argparse
import csv
import math
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
LABELS = ROOT / "benchmarks" / "data" / "title_occupation_labels.csv"
LEVELS = (("细类", 10), ("小类", 7), ("大类", 1))


def _labelled(split: str) -> list[dict[str, str]]:
    with LABELS.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["label_level"] != "NONE"]
    return [r for r in rows if split == "all" or r["split"] == split]


def _baseline():
    """Return a function title → code: the longest occupation name or alias found in the title."""
    from chanjiao.catalogs.models import Occupation
    from chanjiao.crosswalk.classifier import _aliases, clean_title
    from chanjiao.search.text import normalize

    words: list[tuple[str, str]] = []
    for code, name, aliases in Occupation.objects.filter(
        is_active=True, level=Occupation.Level.OCCUPATION
    ).values_list("code", "name", "aliases"):
        for word in dict.fromkeys([name, *_aliases(aliases)]):
            if len(word) >= 2:
                words.append((normalize(word), code))
    words.sort(key=lambda item: (-len(item[0]), item[1]))

    def guess(title: str) -> str:
        text = clean_title(title)
        return next((code for word, code in words if word in text), "")

    return guess


def _classifier():
    from chanjiao.crosswalk.classifier import occupation_classify

    def guess(title: str) -> str:
        result = occupation_classify(title)
        # A 小类 fallback answers only at 小类 and 大类; it never counts as a 细类 hit.
        return result.code if result.level == "细类" else result.code[:7] + "-??"

    return guess


def _wilson(hits: int, n: int) -> tuple[float, float]:
    if n == 0:
        return (0.0, 0.0)
    z, p = 1.96, hits / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    spread = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return (round(centre - spread, 3), round(centre + spread, 3))


def _hits(rows: list[dict[str, str]], answers: list[str], level: str, width: int) -> list[bool]:
    return [
        bool(answer) and answer[:width] == row["occupation_code"][:width]
        for row, answer in zip(rows, answers, strict=True)
        if level != "细类" or row["label_level"] == "细类"
    ]


def _mcnemar(ours: list[bool], theirs: list[bool]) -> float:
    """Exact two-sided McNemar p-value over the titles where exactly one method is right."""
    from scipy.stats import binomtest

    only_ours = sum(1 for a, b in zip(ours, theirs, strict=True) if a and not b)
    only_theirs = sum(1 for a, b in zip(ours, theirs, strict=True) if b and not a)
    if only_ours + only_theirs == 0:
        return 1.0
    return float(binomtest(only_ours, only_ours + only_theirs).pvalue)


def classification_eval(split: str = "test") -> dict[str, object]:
    """Return 细类/小类/大类 accuracy of the classifier and the keyword baseline (Django ready)."""
    from chanjiao.crosswalk.classifier import classifier_model

    rows = _labelled(split)
    started = time.perf_counter()
    classifier_model()
    build_s = time.perf_counter() - started
    baseline = _baseline()
    classify = _classifier()
    started = time.perf_counter()
    classified = [classify(row["title"]) for row in rows]
    per_title_ms = (time.perf_counter() - started) * 1000 / max(len(rows), 1)
    keyword = [baseline(row["title"]) for row in rows]
    result: dict[str, object] = {"labels": str(LABELS.relative_to(ROOT)), "split": split}
    for level, width in LEVELS:
        ours, theirs = _hits(rows, classified, level, width), _hits(rows, keyword, level, width)
        n, hits, base_hits = len(ours), sum(ours), sum(theirs)
        result[f"{level} n"] = n
        result[f"{level} 分类器"] = f"{hits / n:.3f} (95% CI {_wilson(hits, n)})"
        result[f"{level} 关键词基线"] = f"{base_hits / n:.3f} (95% CI {_wilson(base_hits, n)})"
        result[f"{level} 配对检验 p（McNemar）"] = f"{_mcnemar(ours, theirs):.2g}"
    result["基线无匹配的标题"] = sum(1 for answer in keyword if not answer)
    result["模型构建秒数"] = round(build_s, 1)
    result["每标题毫秒"] = round(per_title_ms, 2)
    return result


def machine() -> str:
    """Describe the machine: CPU model and count, memory, OS and Python."""
    from benchmarks.machine import machine_facts

    return "；".join(f"{label} {value}" for label, value in machine_facts())


def _setup() -> None:
    from benchmarks.search_bench import setup_django

    setup_django(Path(tempfile.mkdtemp(prefix="classify-eval-")))
    from django.core.management import call_command

    from chanjiao.catalogs.loading import catalogs_load

    call_command("migrate", verbosity=0)
    catalogs_load()


def main() -> None:
    parser = argparse.ArgumentParser(description="职位标题 → 职业分类大典 分类评测")
    parser.add_argument("--split", choices=("test", "dev", "all"), default="test")
    args = parser.parse_args()
    print(f"机器：{machine()}")
    started = time.perf_counter()
    _setup()
    print(f"建库并导入目录：{time.perf_counter() - started:.1f} 秒")
    for key, value in classification_eval(args.split).items():
        print(f"{key}: {value}")


if __name__ == "__main__":
    main()
