# ruff: noqa: T201 - a console script
"""Draw the second, larger sample of posting titles for hand labelling (issue 16).

Run from the repository root: ``.venv/bin/python benchmarks/data/make_label_sample_more.py``.
It writes title_sample_more.csv (id, title, requirement_tags, company, stratum, split, source);
the labels were then added by hand into title_occupation_labels_more.csv. See README.md.

Every source id and every title already in title_occupation_labels.csv is excluded, so the two
files are disjoint. Strata are the source's ``category_l1_by_repo`` as in the first sample, but
blue-collar / vocational categories get four times the weight, because the platform's users
are vocational-school graduates. The split uses the first sampler's function and seed, so a
title's split does not depend on which file it is in.
"""

import sys
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).parent))
from make_label_sample import _split  # noqa: E402 - same split rule and seed as the first file

SOURCE = Path("/work/shared/data/jobs/boss_jobs_sample_onlynor.csv")
FIRST = Path(__file__).with_name("title_occupation_labels.csv")
TARGET = Path(__file__).with_name("title_sample_more.csv")
SEED = 20261206
TARGET_SIZE = 420
FLOOR = 4
VOCATIONAL_WEIGHT = 4
VOCATIONAL = {
    "机械/制造",
    "物流/运输",
    "建筑/土木",
    "电气/自动化",
    "医学/医疗",
    "新能源",
    "化工/日化",
    "汽车",
    "农林牧渔",
    "美容/养生",
    "餐饮/服务",
    "物业/安保",
    "酒店/旅游",
    "环保/环境",
    "家政/生活服务",
    "服装/纺织",
    "体育/健身",
}


def _quotas(sizes: pd.Series) -> dict[str, int]:
    """FLOOR rows per stratum plus a share of the rest proportional to weight x size."""
    weights = {s: (VOCATIONAL_WEIGHT if s in VOCATIONAL else 1) * n for s, n in sizes.items()}
    total = sum(weights.values())
    budget = TARGET_SIZE - FLOOR * len(sizes)
    return {s: min(int(n), FLOOR + round(budget * weights[s] / total)) for s, n in sizes.items()}


def main() -> None:
    first = pd.read_csv(FIRST, dtype=str).fillna("")
    data = pd.read_csv(SOURCE, dtype=str).fillna("")
    data = data.drop_duplicates(subset="title").sort_values("id", key=lambda c: c.astype(int))
    data = data[~data["id"].isin(first["id"]) & ~data["title"].isin(first["title"])]
    data["stratum"] = data["category_l1_by_repo"].replace("", "（未分类）")
    quotas = _quotas(data["stratum"].value_counts())
    parts = []
    for stratum in sorted(quotas):
        rows = data[data["stratum"] == stratum].sample(n=quotas[stratum], random_state=SEED)
        parts.append(rows)
    sample = pd.concat(parts).sort_values("id", key=lambda c: c.astype(int))
    sample["split"] = sample["id"].map(_split)
    sample["source"] = "boss"
    columns = ["id", "title", "requirement_tags", "company", "stratum", "split", "source"]
    sample[columns].to_csv(TARGET, index=False)
    print(len(sample), sample["split"].value_counts().to_dict())
    print(sample["stratum"].value_counts().to_dict())


if __name__ == "__main__":
    main()
