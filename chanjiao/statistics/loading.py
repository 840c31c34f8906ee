"""Load the real 人社 求人倍率 excerpts shipped in chanjiao/statistics/data (idempotent)."""

import csv
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction

from chanjiao.catalogs.models import Region
from chanjiao.common.exceptions import ApplicationError
from chanjiao.statistics.models import LaborMarketStat

DATA_DIR = Path(__file__).resolve().parent / "data"
DEFAULT_FILE = DATA_DIR / "mohrss_vacancy_ratio_quarterly_excerpts.csv"
TEN_THOUSAND = Decimal(10_000)
BLOCS = (("east_ratio", "东部"), ("central_ratio", "中部"), ("west_ratio", "西部"))
REQUIRED = ("year", "quarter", "region", "demand_10k_persons", "jobseekers_10k_persons")


@dataclass(frozen=True)
class LoadCounts:
    """What loading a file did."""

    rows: int
    created: int
    updated: int
    unchanged: int


def _persons(text: str) -> int | None:
    text = text.strip()
    return int((Decimal(text) * TEN_THOUSAND).to_integral_value()) if text else None


def _note(row: dict[str, str]) -> str:
    parts = [f"{label}求人倍率 {row[key]}" for key, label in BLOCS if row.get(key, "").strip()]
    if row.get("note", "").strip():
        parts.append(row["note"].strip())
    return "；".join(parts)


def _values(row: dict[str, str]) -> dict[str, Any]:
    label = row["region"].strip()
    region = Region.objects.filter(name=label, is_active=True).first()
    ratio = row.get("vacancy_ratio", "").strip()
    cities = row.get("cities_monitored", "").strip()
    return {
        "region": region,
        "demand_persons": _persons(row["demand_10k_persons"]),
        "jobseekers_persons": _persons(row["jobseekers_10k_persons"]),
        "vacancy_ratio": Decimal(ratio) if ratio else None,
        "cities_monitored": int(cities) if cities else None,
        "source_url": row.get("source_url", "").strip(),
        "source_kind": row.get("source_kind", "").strip(),
        "note": _note(row),
        "is_demo": False,
    }


def _read(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        raise ApplicationError(f"文件 {path} 不存在。")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    missing = [name for name in REQUIRED if rows and name not in rows[0]]
    if not rows or missing:
        raise ApplicationError(f"文件 {path.name} 缺少列：{'、'.join(missing) or '全部'}。")
    return rows


@transaction.atomic
def labor_market_stats_load(*, path: Path = DEFAULT_FILE) -> LoadCounts:
    """Upsert a 求人倍率 excerpt file by (region, year, quarter); unchanged rows stay."""
    created = updated = unchanged = 0
    rows = _read(path)
    for row in rows:
        key = {
            "region_label": row["region"].strip(),
            "year": int(row["year"]),
            "quarter": int(row["quarter"].strip().upper().removeprefix("Q") or 0),
            "occupation_label": "",
        }
        values = _values(row)
        current = LaborMarketStat.objects.filter(**key).first()
        if current is None:
            LaborMarketStat.objects.create(**key, **values)
            created += 1
        elif any(getattr(current, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(current, name, value)
            current.save()
            updated += 1
        else:
            unchanged += 1
    return LoadCounts(rows=len(rows), created=created, updated=updated, unchanged=unchanged)
