# ruff: noqa: T201 - a console script
"""Draw the deterministic, stratified sample of posting titles that was hand-labelled.

Run from the repository root: ``.venv/bin/python benchmarks/data/make_label_sample.py``.
It writes title_sample.csv (id, title, tags, category, split); the labels were then added by hand
into title_occupation_labels.csv. See README.md for the method.
"""

import hashlib
from pathlib import Path

import pandas as pd

SOURCE = Path("/work/shared/data/jobs/boss_jobs_sample_onlynor.csv")
TARGET = Path(__file__).with_name("title_sample.csv")
SEED = 20261123
TARGET_SIZE = 330
FLOOR = 6


def _split(row_id: str) -> str:
    """One third of the rows (by a hash of the source id) are the development split."""
    digest = int(hashlib.sha256(f"{SEED}:{row_id}".encode()).hexdigest(), 16)
    return "dev" if digest % 3 == 0 else "test"


def main() -> None:
    data = pd.read_csv(SOURCE, dtype=str).fillna("")
    data = data.drop_duplicates(subset="title").sort_values("id", key=lambda c: c.astype(int))
    data["stratum"] = data["category_l1_by_repo"].replace("", "（未分类）")
    sizes = data["stratum"].value_counts()
    budget = TARGET_SIZE - FLOOR * len(sizes)
    parts = []
    for stratum, size in sorted(sizes.items()):
        take = min(size, FLOOR + round(budget * size / len(data)))
        rows = data[data["stratum"] == stratum].sample(n=take, random_state=SEED)
        parts.append(rows)
    sample = pd.concat(parts).sort_values("id", key=lambda c: c.astype(int))
    sample["split"] = sample["id"].map(_split)
    columns = ["id", "title", "requirement_tags", "stratum", "split"]
    sample[columns].to_csv(TARGET, index=False)
    print(len(sample), sample["split"].value_counts().to_dict())


if __name__ == "__main__":
    main()
