# ruff: noqa: T201 - a console report
"""Classification evaluation: posting titles → 职业分类大典 2022, classifier vs a keyword baseline.

    .venv/bin/python benchmarks/classify_eval.py                    # both label files, test split
    .venv/bin/python benchmarks/classify_eval.py --labels first     # the first file only
    .venv/bin/python benchmarks/classify_eval.py --split all        # every labelled title
    .venv/bin/python benchmarks/classify_eval.py --tune             # grid-search weights on dev
    .venv/bin/python benchmarks/classify_eval.py --cache DIR        # reuse an embedding cache

Labels: benchmarks/data/title_occupation_labels.csv (311 real job-board titles) and
benchmarks/data/title_occupation_labels_more.csv (a larger set, same columns plus ``source``);
see benchmarks/data/README.md for how they were drawn and labelled. Titles labelled NONE are left
out; titles labelled at 小类 count at 小类 and 大类 only. Weights are tuned on the ``dev`` split
only; the figures reported are the ``test`` split.

Ablation (every combination tried, printed per level on the test split): TF-IDF only (the
previous classifier), + 专业简介 岗位（群） phrases, + the dense sentence-encoder signal, and
+ confirmed labels — for the last, the dev titles of both files are stored as TitleLabel rows
(source=staff) and the test titles are classified against them: what labels people confirm
would bring. The label weights were fixed by design (the dev titles are the labels, so they
cannot tune them).

Baseline: the occupation whose name or one of its 常用名称 (aliases) appears in the title, the
longest match winning (ties: the lowest code); a title with no match gets no answer (wrong).
Printed: accuracy per level with Wilson 95 % intervals, and an exact McNemar p-value for the
paired difference (titles where exactly one of the two methods is right).
"""

import argparse
import csv
import itertools
import math
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
LABEL_FILES = {
    "first": ROOT / "benchmarks" / "data" / "title_occupation_labels.csv",
    "more": ROOT / "benchmarks" / "data" / "title_occupation_labels_more.csv",
}
LEVELS = (("细类", 10), ("小类", 7), ("大类", 1))
# Grid of the new parts' weights searched on dev (--tune); the old parts keep their weights.
GRID = {
    "profile": (0.0, 0.15, 0.3, 0.5),
    "dense_name": (0.0, 0.3, 0.6, 1.0),
    "dense_profile": (0.0, 0.1, 0.2, 0.4),
    "dense_floor": (0.3, 0.5),
}


def _rows(which: str) -> list[dict[str, str]]:
    """Labelled rows (NONE left out) of the chosen files, each with its ``file`` name."""
    rows: list[dict[str, str]] = []
    for name, path in LABEL_FILES.items():
        if which not in (name, "both") or not path.exists():
            continue
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                if row.get("label_level") in ("细类", "小类") and row.get("occupation_code"):
                    rows.append({**row, "file": name})
    return rows


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


def _answer(guess) -> str:  # type: ignore[no-untyped-def]
    # A 小类 fallback answers only at 小类 and 大类; it never counts as a 细类 hit.
    return guess.code if guess.level == "细类" else guess.code[:7] + "-??"


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


def _accuracy(rows: list[dict[str, str]], answers: list[str]) -> dict[str, float]:
    result = {}
    for level, width in LEVELS:
        hits = _hits(rows, answers, level, width)
        result[level] = sum(hits) / max(len(hits), 1)
    return result


def _mcnemar(ours: list[bool], theirs: list[bool]) -> float:
    """Exact two-sided McNemar p-value over the titles where exactly one method is right."""
    from scipy.stats import binomtest

    only_ours = sum(1 for a, b in zip(ours, theirs, strict=True) if a and not b)
    only_theirs = sum(1 for a, b in zip(ours, theirs, strict=True) if b and not a)
    if only_ours + only_theirs == 0:
        return 1.0
    return float(binomtest(only_ours, only_ours + only_theirs).pvalue)


def _objective(accuracy: dict[str, float]) -> float:
    return accuracy["细类"] + 0.5 * accuracy["小类"] + 0.25 * accuracy["大类"]


def _tune(model, parts: list[dict], rows: list[dict[str, str]], signals):  # type: ignore[no-untyped-def]
    """Grid-search the new parts' weights on the dev rows; return the best Weights."""
    from chanjiao.crosswalk.classifier import WEIGHTS, combine, guess_from_scores, weights_for

    dev = [i for i, row in enumerate(rows) if row["split"] == "dev"]
    best, best_score = weights_for(signals), -1.0
    keys = list(GRID)
    for values in itertools.product(*(GRID[k] for k in keys)):
        weights = weights_for(signals, replace(WEIGHTS, **dict(zip(keys, values, strict=True))))
        answers = [
            _answer(guess_from_scores(model, combine(parts[i], weights), weights)) for i in dev
        ]
        score = _objective(_accuracy([rows[i] for i in dev], answers))
        if score > best_score + 1e-9:
            best, best_score = weights, score
    return best


def _labels_from_dev(rows: list[dict[str, str]]) -> int:
    """Store the dev titles as staff TitleLabels; return how many."""
    from chanjiao.catalogs.models import Occupation
    from chanjiao.crosswalk.models import TitleLabel, TitleLabelSource

    codes = dict(
        Occupation.objects.filter(level=Occupation.Level.OCCUPATION).values_list("code", "pk")
    )
    labels = [
        TitleLabel(
            title=row["title"][:200],
            occupation_id=codes[row["occupation_code"]],
            source=TitleLabelSource.STAFF,
        )
        for row in rows
        if row["split"] == "dev" and row["occupation_code"] in codes
    ]
    TitleLabel.objects.bulk_create(labels)
    from chanjiao.crosswalk.services.refit import classifier_refit

    classifier_refit()
    return len(labels)


def _evaluate(signals, rows, split, tune):  # type: ignore[no-untyped-def]
    """Build a model with the signals; return (figures per file, ms, build s, weights, answers)."""
    from chanjiao.crosswalk import classifier

    classifier._model_for.cache_clear()
    started = time.perf_counter()
    model = classifier.classifier_model(signals)
    build_s = time.perf_counter() - started
    weights = classifier.weights_for(signals)
    started = time.perf_counter()
    parts = [classifier.score_parts(model, row["title"]) for row in rows]
    answers = [
        _answer(classifier.guess_from_scores(model, classifier.combine(p, weights), weights))
        for p in parts
    ]
    per_title_ms = (time.perf_counter() - started) * 1000 / max(len(rows), 1)
    if tune:
        weights = _tune(model, parts, rows, signals)
        answers = [
            _answer(classifier.guess_from_scores(model, classifier.combine(p, weights), weights))
            for p in parts
        ]
    figures = {}
    for name in ("first", "more", "both"):
        chosen = [
            i
            for i, row in enumerate(rows)
            if (name == "both" or row["file"] == name) and (split == "all" or row["split"] == split)
        ]
        if chosen:
            figures[name] = (
                _accuracy([rows[i] for i in chosen], [answers[i] for i in chosen]),
                len(chosen),
            )
    return figures, per_title_ms, build_s, weights, answers


def classification_eval(split: str = "test", labels: str = "both") -> dict[str, object]:
    """Return 细类/小类/大类 accuracy of the shipped classifier and the keyword baseline.

    Django must be set up and the catalogues loaded; labels in the database are used as they are.
    """
    from chanjiao.crosswalk.classifier import SIGNALS

    rows = _rows(labels)
    figures, per_title_ms, build_s, _, answers = _evaluate(SIGNALS, rows, split, False)
    baseline = _baseline()
    chosen = [i for i, r in enumerate(rows) if split == "all" or r["split"] == split]
    sub = [rows[i] for i in chosen]
    keyword = [baseline(r["title"]) for r in sub]
    result: dict[str, object] = {"labels": labels, "split": split}
    for level, width in LEVELS:
        ours = _hits(sub, [answers[i] for i in chosen], level, width)
        theirs = _hits(sub, keyword, level, width)
        n = len(ours)
        result[f"{level} n"] = n
        result[f"{level} 分类器"] = f"{sum(ours) / n:.3f} (95% CI {_wilson(sum(ours), n)})"
        result[f"{level} 关键词基线"] = f"{sum(theirs) / n:.3f} (95% CI {_wilson(sum(theirs), n)})"
        result[f"{level} 配对检验 p（McNemar）"] = f"{_mcnemar(ours, theirs):.2g}"
    result["模型构建秒数"] = round(build_s, 1)
    result["每标题毫秒"] = round(per_title_ms, 2)
    return result


def machine() -> str:
    """Describe the machine: CPU model and count, memory, OS and Python."""
    from benchmarks.machine import machine_facts

    return "；".join(f"{label} {value}" for label, value in machine_facts())


def _setup(cache: str | None) -> None:
    from benchmarks.search_bench import setup_django

    data_dir = Path(tempfile.mkdtemp(prefix="classify-eval-"))
    if cache:
        Path(cache).mkdir(parents=True, exist_ok=True)
        (data_dir / "classifier-cache").symlink_to(Path(cache).resolve())
    setup_django(data_dir)
    from django.core.management import call_command

    from chanjiao.catalogs.loading import catalogs_load

    call_command("migrate", verbosity=0)
    catalogs_load()


def main() -> None:
    parser = argparse.ArgumentParser(description="职位标题 → 职业分类大典 分类评测")
    parser.add_argument("--split", choices=("test", "dev", "all"), default="test")
    parser.add_argument("--labels", choices=("first", "more", "both"), default="both")
    parser.add_argument("--tune", action="store_true", help="在 dev 上网格搜索新信号的权重")
    parser.add_argument("--cache", help="句向量缓存目录（省略则冷启动，每次重新计算）")
    args = parser.parse_args()
    print(f"机器：{machine()}")
    started = time.perf_counter()
    _setup(args.cache)
    print(f"建库并导入目录：{time.perf_counter() - started:.1f} 秒")
    from chanjiao.crosswalk import classifier_dense
    from chanjiao.crosswalk.classifier import Signals

    rows = _rows(args.labels)
    print(
        f"标注标题：{len(rows)}（"
        + "，".join(f"{name} {sum(1 for r in rows if r['file'] == name)}" for name in LABEL_FILES)
        + "）"
    )
    baseline = _baseline()
    keyword = [baseline(row["title"]) for row in rows]
    combos = [
        ("TF-IDF（原分类器）", Signals(profiles=False, dense=False, labels=False)),
        ("+专业简介岗位群", Signals(profiles=True, dense=False, labels=False)),
        ("+句向量", Signals(profiles=False, dense=True, labels=False)),
        ("+专业简介+句向量", Signals(profiles=True, dense=True, labels=False)),
    ]
    results = []
    for name, signals in combos:
        results.append((name, *_evaluate(signals, rows, args.split, args.tune)))
    if classifier_dense.encoder_load_seconds is not None:
        print(f"句向量模型加载：{classifier_dense.encoder_load_seconds:.2f} 秒")
    added = _labels_from_dev(rows)
    print(f"把 {added} 条 dev 标题存为已确认标注（TitleLabel）后：")
    for name, signals in (
        ("+已确认标注（仅 TF-IDF）", Signals(profiles=False, dense=False, labels=True)),
        ("+专业简介+句向量+已确认标注", Signals(profiles=True, dense=True, labels=True)),
    ):
        tuned = next((r[4] for r in results if r[0] == "+专业简介+句向量"), None)
        from chanjiao.crosswalk import classifier

        if args.tune and tuned is not None and signals.dense:
            classifier.WEIGHTS = replace(
                tuned,
                label=classifier.WEIGHTS.label,
                label_exact=classifier.WEIGHTS.label_exact,
                dense_label=classifier.WEIGHTS.dense_label,
            )
        results.append((name, *_evaluate(signals, rows, args.split, False)))
    print(f"\n消融（{args.split} 划分；细类 / 小类 / 大类 准确率；每标题毫秒；构建秒数）")
    for name, figures, ms, build_s, weights, _ in results:
        cells = "；".join(
            f"{file}(n={n}) " + " / ".join(f"{acc[level]:.3f}" for level, _ in LEVELS)
            for file, (acc, n) in figures.items()
        )
        print(f"- {name}：{cells}；{ms:.1f} ms；{build_s:.1f} s")
        if args.tune:
            print(f"    权重：{weights}")
    keyword_figures = []
    for file in ("first", "more", "both"):
        chosen = [
            i
            for i, r in enumerate(rows)
            if (file == "both" or r["file"] == file)
            and (args.split == "all" or r["split"] == args.split)
        ]
        if chosen:
            acc = _accuracy([rows[i] for i in chosen], [keyword[i] for i in chosen])
            keyword_figures.append(f"{file} " + " / ".join(f"{acc[lv]:.3f}" for lv, _ in LEVELS))
    print(f"- 关键词基线：{'；'.join(keyword_figures)}")
    final = results[-1][5]
    chosen = [i for i, r in enumerate(rows) if args.split == "all" or r["split"] == args.split]
    print("\n最终组合 vs 关键词基线（全部标注文件）：")
    for level, width in LEVELS:
        sub = [rows[i] for i in chosen]
        ours = _hits(sub, [final[i] for i in chosen], level, width)
        theirs = _hits(sub, [keyword[i] for i in chosen], level, width)
        n = len(ours)
        print(
            f"{level}: n={n} 分类器 {sum(ours) / n:.3f} (95% CI {_wilson(sum(ours), n)})；"
            f"基线 {sum(theirs) / n:.3f}；McNemar p={_mcnemar(ours, theirs):.2g}"
        )


if __name__ == "__main__":
    main()
