# ruff: noqa: T201, S311 - a console report; seeded synthetic data
"""Recommendation evaluation: title classification, ranking quality vs BM25, speed.

    .venv/bin/python benchmarks/recommend_eval.py                      # full size
    .venv/bin/python benchmarks/recommend_eval.py --posts 100000 --profiles 5000 --eval-posts 5000

Ranking data (labels independent of the ranker): every evaluation post is generated from a
real 大典 2022 细类 — its title is the occupation's official name or one of its catalogue
常用名称, with a seeded decoration (急聘/储备/学徒/城市名…) — so its occupation is known by
construction. The ranker never sees that label: it sees the post's text and the occupation
that the crosswalk classifier assigns to the title (``occupation_classify``), as in production.
A post is relevant to a major when its *true* occupation is linked to the major in the
national teaching standards (catalogs.MajorOccupationLink). 30% of posts carry a "…等相关专业
优先" sentence naming a major (70% a truly linked one, 30% a random one), as real postings do;
BM25 (k1=1.2, b=0.75) ranks the same posts' text with the major's name as the query.

Speed data: N synthetic posts as arrays (real occupation ids drawn Zipf-like, real county
codes, 8 tokens each, 30% with a major key), profiles from real majors with their crosswalk.
"""

import argparse
import multiprocessing
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from scipy import sparse

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DECORATIONS = ("", "", "急聘", "储备", "学徒", "高级", "初级", "熟练", "（双休）", "（五险一金）")
TODAY = 739_000  # a day number (proleptic ordinal) for freshness
SKILLS = ("吃苦耐劳", "团队合作", "沟通能力", "持证上岗", "有经验优先", "接受培训", "倒班")


def setup() -> None:
    """Start Django on a fresh SQLite file and load the national catalogues."""
    from benchmarks.search_bench import setup_django

    setup_django(Path(tempfile.mkdtemp(prefix="recommend-eval-")))
    from django.core.management import call_command

    from chanjiao.catalogs.loading import catalogs_load

    call_command("migrate", verbosity=0)
    catalogs_load()


def print_classification() -> None:
    """Print the classifier's accuracy (细类/小类/大类 vs a title-keyword baseline)."""
    from benchmarks.classify_eval import classification_eval

    result = classification_eval()
    print("分类评测（benchmarks/classify_eval.py）：")
    for key, value in result.items():
        print(f"  {key}: {value}")


def _occupations() -> list[tuple[int, str, list[str]]]:
    from chanjiao.catalogs.models import Occupation
    from chanjiao.search.text import normalize

    out = []
    rows = Occupation.objects.filter(level="细类", is_active=True).values_list(
        "pk", "name", "aliases"
    )
    for pk, name, aliases in rows:
        names = [name] + [
            a.strip()
            for a in normalize(aliases)
            .replace("；", ";")
            .replace("、", ";")
            .replace("，", ";")
            .split(";")
            if 1 < len(a.strip()) <= 12
        ]
        out.append((pk, name, names))
    return out


def _links() -> tuple[dict[int, set[int]], dict[int, str]]:
    from chanjiao.catalogs.models import Major, MajorOccupationLink

    major_occ: dict[int, set[int]] = {}
    for m, o in MajorOccupationLink.objects.filter(is_active=True).values_list(
        "major_id", "occupation_id"
    ):
        major_occ.setdefault(m, set()).add(o)
    names = dict(Major.objects.filter(pk__in=major_occ).values_list("pk", "name"))
    return major_occ, names


def _shortened(name: str, rng: random.Random) -> str:
    """Drop one word of a multi-word name, as job boards shorten titles."""
    import jieba

    words = jieba.lcut(name)
    if len(words) < 3:
        return name
    words.pop(rng.randrange(len(words)))
    return "".join(words)


def make_eval_posts(n: int, rng: random.Random) -> list[tuple[int, str, str]]:
    """Return (true occupation id, title, text) for n posts."""
    occs = _occupations()
    major_occ, major_names = _links()
    occ_majors: dict[int, list[int]] = {}
    for m, os_ in major_occ.items():
        for o in os_:
            occ_majors.setdefault(o, []).append(m)
    all_majors = sorted(major_names)
    cities = ("梧州", "南宁", "柳州", "上海", "成都", "双鸭山")
    posts = []
    for _ in range(n):
        occ_id, _name, names = rng.choice(occs)
        deco = rng.choice(DECORATIONS + cities)
        name = _shortened(rng.choice(names), rng) if rng.random() < 0.4 else rng.choice(names)
        title = f"{deco}{name}" if rng.random() < 0.5 else f"{name}{deco}"
        text = "、".join(rng.sample(SKILLS, 2))
        if rng.random() < 0.3:
            linked = occ_majors.get(occ_id)
            major = rng.choice(linked) if linked and rng.random() < 0.7 else rng.choice(all_majors)
            text += f"；{major_names[major]}等相关专业优先"
        posts.append((occ_id, title, text))
    return posts


def classify_posts(posts: list[tuple[int, str, str]]) -> list[tuple[int, float]]:
    """Return (classified occupation id or 0, confidence) per post, from the classifier."""
    from chanjiao.catalogs.models import Occupation
    from chanjiao.crosswalk.classifier import occupation_classify

    ids = dict(Occupation.objects.filter(level="细类").values_list("code", "pk"))
    cache: dict[tuple[str, str], tuple[int, float]] = {}
    for _, title, text in posts:
        if (title, text) not in cache:
            guess = occupation_classify(title, text)
            cache[(title, text)] = (ids.get(guess.code, 0), float(guess.confidence))
    return [cache[(title, text)] for _, title, text in posts]


def bm25_matrix(docs: list[list[str]], vocab: dict[str, int], k1: float = 1.2, b: float = 0.75):
    """Return the BM25 term-weight matrix (docs × vocab) for scoring a query by summation."""
    rows, cols, vals = [], [], []
    for i, doc in enumerate(docs):
        counts: dict[int, int] = {}
        for t in doc:
            counts[vocab.setdefault(t, len(vocab))] = counts.get(vocab[t], 0) + 1
        rows += [i] * len(counts)
        cols += list(counts)
        vals += list(counts.values())
    tf = sparse.csr_matrix(
        (np.array(vals, dtype=np.float32), (rows, cols)), shape=(len(docs), len(vocab))
    )
    lengths = np.array([len(d) for d in docs], dtype=np.float32)
    df = np.bincount(tf.indices, minlength=len(vocab))
    idf = np.log(1 + (len(docs) - df + 0.5) / (df + 0.5)).astype(np.float32)
    norm = k1 * (1 - b + b * lengths / max(lengths.mean(), 1e-9))
    tf = tf.tocoo()
    weight = tf.data * (k1 + 1) / (tf.data + norm[tf.row]) * idf[tf.col]
    return sparse.csr_matrix((weight, (tf.row, tf.col)), shape=tf.shape)


def ndcg_recall(ranked: list[int], relevant: set[int]) -> tuple[float, float, float]:
    """Return nDCG@10, recall@50 and recall@50 capped at min(|relevant|, 50)."""
    dcg = sum(1 / np.log2(i + 2) for i, p in enumerate(ranked[:10]) if p in relevant)
    ideal = sum(1 / np.log2(i + 2) for i in range(min(len(relevant), 10)))
    hits = len(set(ranked[:50]) & relevant)
    return dcg / ideal, hits / len(relevant), hits / min(len(relevant), 50)


def labelled_posts() -> list[tuple[int, str, str]]:
    """Return the hand-labelled real job-board titles labelled at 细类 (all splits)."""
    import csv

    from chanjiao.catalogs.models import Occupation

    path = ROOT / "benchmarks" / "data" / "title_occupation_labels.csv"
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["label_level"] == "细类"]
    ids = dict(Occupation.objects.filter(level="细类").values_list("code", "pk"))
    return [
        (ids[r["occupation_code"]], r["title"], "") for r in rows if r["occupation_code"] in ids
    ]


def ranking_eval(posts: list[tuple[int, str, str]], name: str, n_majors: int, seed: int) -> None:
    """Compare the recommender with BM25 on posts whose true occupation is known."""
    from chanjiao.recommendations.engine import IndexBuilder, SubjectVector
    from chanjiao.recommendations.features import tokens
    from chanjiao.recommendations.links import occupations_for_majors

    rng = random.Random(seed)
    n_posts = len(posts)
    started = time.perf_counter()
    classified = classify_posts(posts)
    correct = sum(1 for (o, _, _), (c, _) in zip(posts, classified, strict=True) if o == c)
    print(
        f"排序评测数据：{name}，{n_posts} 条（分类 {time.perf_counter() - started:.1f} 秒）；"
        f"分类器细类命中率 {correct / n_posts:.3f}（排序器只看分类结果，不看真实标签）"
    )
    docs = [sorted(tokens(title, text)) for _, title, text in posts]
    builder = IndexBuilder()
    for i, ((occ, conf), doc) in enumerate(zip(classified, docs, strict=True)):
        builder.add(
            target_id=i,
            keys=[(f"o:{occ}", max(conf, 0.1))] if occ else [],
            tokens=doc,
            region_code="",
        )
    index = builder.build()
    bm25 = bm25_matrix(docs, dict(builder.token_vocab))
    major_occ, major_names = _links()
    true_occ = np.array([o for o, _, _ in posts])
    majors = [m for m in sorted(major_occ) if np.isin(true_occ, list(major_occ[m])).any()]
    majors = rng.sample(majors, min(n_majors, len(majors)))
    edges = occupations_for_majors(majors)
    ours, base = [], []
    for m in majors:
        relevant = set(np.flatnonzero(np.isin(true_occ, list(major_occ[m]))).tolist())
        weights = {f"m:{m}": 1.0} | {
            f"o:{e.occupation_id}": float(e.weight) for e in edges.get(m, [])
        }
        query = tokens(major_names[m])
        ranked = [
            x.target_id for x in index.top(SubjectVector(key_weights=weights, tokens=query), 50)
        ]
        ours.append(ndcg_recall(ranked, relevant))
        qvec = np.zeros(bm25.shape[1], dtype=np.float32)
        for t in query:
            if t in builder.token_vocab:
                qvec[builder.token_vocab[t]] = 1.0
        scores = bm25 @ qvec
        top = np.argsort(-scores, kind="stable")[:50]
        base.append(ndcg_recall([int(i) for i in top if scores[i] > 0], relevant))
    _print_ranking(len(majors), np.array(ours), np.array(base))


def _print_ranking(n: int, ours: np.ndarray, base: np.ndarray) -> None:
    o, b = ours.mean(axis=0), base.mean(axis=0)
    print(f"排序质量（{n} 个专业，均值）：")
    print(f"  推荐引擎  nDCG@10 {o[0]:.3f}  recall@50 {o[1]:.3f}  recall@50(封顶) {o[2]:.3f}")
    print(f"  BM25 基线 nDCG@10 {b[0]:.3f}  recall@50 {b[1]:.3f}  recall@50(封顶) {b[2]:.3f}")
    gain = (o[0] / b[0] - 1) * 100 if b[0] > 0 else float("inf")
    print(
        f"  nDCG@10 相对 BM25 提高 {gain:.0f}%（目标 ≥ 20%）：{'达标' if gain >= 20 else '未达标'}"
    )


def synthetic_index(n: int, seed: int):
    """Build an n-post CandidateIndex straight from arrays (real occupation and region codes)."""
    from chanjiao.catalogs.models import Major, Occupation, Region
    from chanjiao.recommendations.engine import CandidateIndex
    from chanjiao.recommendations.engine.index import l2_normalize_rows

    rng = np.random.default_rng(seed)
    occ_ids = np.array(Occupation.objects.filter(level="细类").values_list("pk", flat=True))
    major_ids = np.array(Major.objects.filter(is_active=True).values_list("pk", flat=True))
    counties = np.array(
        [int(c) for c in Region.objects.filter(level="县级").values_list("code", flat=True)]
    )
    zipf = 1 / np.arange(1, len(occ_ids) + 1) ** 0.8
    occ = rng.choice(occ_ids, n, p=zipf / zipf.sum())
    keys_vocab = {f"o:{o}": i for i, o in enumerate(occ_ids)}
    keys_vocab |= {f"m:{m}": len(occ_ids) + i for i, m in enumerate(major_ids)}
    has_major = rng.random(n) < 0.3
    key_rows = np.concatenate([np.arange(n), np.flatnonzero(has_major)])
    key_cols = np.concatenate(
        [
            np.searchsorted(occ_ids, occ),
            len(occ_ids) + rng.integers(0, len(major_ids), has_major.sum()),
        ]
    )
    keys = sparse.csr_matrix(
        (np.ones(len(key_rows), dtype=np.float32), (key_rows, key_cols)), shape=(n, len(keys_vocab))
    )
    n_vocab = 20_000
    tok_cols = rng.integers(0, n_vocab, n * 8)
    toks = sparse.csr_matrix(
        (np.ones(n * 8, dtype=np.float32), (np.repeat(np.arange(n), 8), tok_cols)),
        shape=(n, n_vocab),
    )
    toks.data[:] = 1.0
    county = rng.choice(counties, n)
    return CandidateIndex(
        ids=np.arange(n, dtype=np.int64),
        keys=keys,
        tokens=l2_normalize_rows(toks),
        county=county.astype(np.int32),
        city=(county // 100).astype(np.int32),
        province=(county // 10000).astype(np.int32),
        education=rng.integers(0, 5, n).astype(np.int8),
        day=(TODAY - rng.integers(0, 90, n)).astype(np.int32),
        organization=rng.integers(1, 50_000, n),
        key_label=(rng.random(n) < 0.1).astype(np.int16),
        key_vocab=keys_vocab,
        token_vocab={f"w{i}": i for i in range(n_vocab)},
        labels=["", "重点产业"],
    )


def synthetic_profiles(n: int, index, seed: int) -> list:
    """Return n subject vectors from real majors (with their crosswalk) and random tokens."""
    from chanjiao.recommendations.engine import SubjectVector
    from chanjiao.recommendations.links import occupations_for_majors

    rng = random.Random(seed)
    edges = occupations_for_majors(
        sorted({int(k[2:]) for k in index.key_vocab if k.startswith("m:")})
    )
    majors = [m for m, es in edges.items() if es]
    counties = sorted({int(c) for c in index.county[:10_000]})
    out = []
    for _ in range(n):
        m = rng.choice(majors)
        weights = {f"m:{m}": 1.0} | {f"o:{e.occupation_id}": float(e.weight) for e in edges[m]}
        out.append(SubjectVector(
            key_weights=weights, tokens={f"w{rng.randrange(20_000)}" for _ in range(4)},
            region_code=str(rng.choice(counties)), edu_max=rng.randint(2, 4), today=TODAY,
        ))  # fmt: skip
    return out


_INDEX = None


def _recompute_slice(profiles: list) -> tuple[int, int]:
    done = 0
    for p in profiles:
        done += len(_INDEX.top(p, 50))
    return done, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def speed(n_posts: int, n_profiles: int, workers: int, seed: int) -> None:
    """Time top-20 for one profile, and a full recompute of n_profiles on `workers` processes."""
    global _INDEX
    started = time.perf_counter()
    _INDEX = synthetic_index(n_posts, seed)
    print(f"速度：{n_posts} 条岗位的数组索引构建 {time.perf_counter() - started:.1f} 秒")
    probes = synthetic_profiles(1000, _INDEX, seed + 1)
    _INDEX.top(probes[0], 20)
    times = []
    for p in probes:
        t = time.perf_counter()
        _INDEX.top(p, 20)
        times.append((time.perf_counter() - t) * 1000)
    q = statistics.quantiles(times, n=100)
    print(f"  单个档案 top-20：p50 {q[49]:.1f} ms，p95 {q[94]:.1f} ms（目标 p95 ≤ 100 ms）")
    profiles = synthetic_profiles(n_profiles, _INDEX, seed + 2)
    chunks = [profiles[i::workers] for i in range(workers)]
    started = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        results = pool.map(_recompute_slice, chunks)
    elapsed = time.perf_counter() - started
    parent = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = max(r[1] for r in results) / 1024
    print(
        f"  全量重算 {n_profiles} 个档案 × {n_posts} 条岗位（top-50，{workers} 进程）："
        f"{elapsed:.1f} 秒（{n_profiles / elapsed:.0f} 个/秒）；峰值内存 主进程 {parent:.0f} MiB，"
        f"单个工作进程 {child:.0f} MiB（fork 共享索引页）；不含写库。"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description="推荐评测：分类、排序质量（对比 BM25）、速度")
    parser.add_argument("--posts", type=int, default=1_000_000, help="速度测试的岗位数")
    parser.add_argument("--profiles", type=int, default=100_000, help="全量重算的档案数")
    parser.add_argument("--workers", type=int, default=2, help="全量重算的进程数")
    parser.add_argument("--eval-posts", type=int, default=10_000, help="排序评测的岗位数")
    parser.add_argument("--eval-majors", type=int, default=300, help="排序评测的专业数")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--skip",
        choices=("classification", "ranking", "speed", "demo"),
        action="append",
        default=[],
    )
    parser.add_argument(
        "--demo-db", help="演示数据评测用这个 SQLite 文件的副本（默认重新生成梧州演示数据）"
    )
    args = parser.parse_args()
    from benchmarks.search_bench import machine

    print(f"机器：{machine()}；其他任务可能同时占用 CPU。")
    setup()
    if "classification" not in args.skip:
        print_classification()
    if "ranking" not in args.skip:
        if args.eval_posts > 0:
            posts = make_eval_posts(args.eval_posts, random.Random(args.seed))
            ranking_eval(posts, "由大典职业名称/常用名称生成的岗位", args.eval_majors, args.seed)
        real = labelled_posts()
        if real:
            ranking_eval(real, "人工标注的真实招聘标题（细类）", args.eval_majors, args.seed)
        else:
            print("benchmarks/data/title_occupation_labels.csv 不存在，跳过人工标注集。")
    if "speed" not in args.skip:
        speed(args.posts, args.profiles, args.workers, args.seed)
    if "demo" not in args.skip:
        # Its own process: it runs Django on another temporary database (the 梧州 demo).
        print("\n梧州演示数据：每个学生前10条中给出专业/职业对口理由的条数")
        extra = ["--db", args.demo_db] if args.demo_db else []
        script = str(ROOT / "benchmarks" / "recommend_demo_eval.py")
        subprocess.run([sys.executable, script, *extra], check=True)  # noqa: S603


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
