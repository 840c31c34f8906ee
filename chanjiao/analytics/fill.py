"""The fill job: recompute the count tables for the years whose source rows changed.

Idempotent: a statistic's rows for a year are replaced as a whole in one transaction, so a second
run with no new data changes nothing, and a failed run leaves the previous rows in place.
"""

import datetime
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from chanjiao.analytics.models import FillState
from chanjiao.analytics.stats import COUNT_STATS, CountStat, Rows

logger = logging.getLogger(__name__)

# Rows committed while a fill runs may carry an earlier updated_at; re-read a little overlap.
WATERMARK_OVERLAP = datetime.timedelta(minutes=10)
BATCH_SIZE = 5000

Progress = Callable[[str], None]


@dataclass
class FillResult:
    """What one fill run did for one statistic."""

    stat: str
    years: list[int] | None  # None: every year (full rebuild)
    rows_written: int
    skipped: bool = False
    errors: list[str] = field(default_factory=list)


def _silent(_message: str) -> None:
    return None


def stat_rows_write(*, stat: CountStat, years: set[int] | None, rows: Rows) -> int:
    """Replace a statistic's rows of the given years (all years for None); skip zero rows."""
    table = connection.ops.quote_name(stat.model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(column) for column in stat.columns)
    marks = ", ".join(["%s"] * len(stat.columns))
    sql = f"INSERT INTO {table} ({names}) VALUES ({marks})"  # noqa: S608 - names from the model
    written = 0
    with transaction.atomic():
        existing = stat.model._default_manager.all()
        if years is not None:
            existing = existing.filter(year__in=sorted(years))
        existing.delete()  # one DELETE: nothing refers to count rows
        with connection.cursor() as cursor:
            for batch in _batches(rows):
                cursor.executemany(sql, batch)
                written += len(batch)
    return written


def _batches(rows: Rows) -> Iterator[list[tuple[Any, ...]]]:
    """Yield the non-zero rows as (key..., measures...) tuples in key order, in batches."""
    batch: list[tuple[Any, ...]] = []
    for key in sorted(rows, key=_sort_key):
        values = rows[key]
        if not any(values):
            continue
        batch.append((*key, *values))
        if len(batch) >= BATCH_SIZE:
            yield batch
            batch = []
    if batch:
        yield batch


def _sort_key(key: tuple[Any, ...]) -> tuple[tuple[bool, Any], ...]:
    # None (no major) sorts first and is never compared with a number.
    return tuple((False, 0) if part is None else (True, part) for part in key)


def _years_to_fill(stat: CountStat, state: FillState | None, full: bool) -> set[int] | None:
    if full or state is None or state.watermark is None or state.status != FillState.Status.DONE:
        return None
    return stat.changed_years(state.watermark - WATERMARK_OVERLAP)


def _state_record(stat: CountStat, **values: Any) -> None:
    FillState.objects.update_or_create(stat=stat.name, defaults=values)


def stat_fill(
    *,
    stat: CountStat,
    full: bool = False,
    compute: Callable[[set[int] | None], Rows] | None = None,
    progress: Progress = _silent,
) -> FillResult:
    """Fill one statistic: the changed years, or everything when ``full`` or never filled."""
    started = timezone.now()
    state = FillState.objects.filter(stat=stat.name).first()
    years = _years_to_fill(stat, state, full)
    if years is not None and not years:
        _state_record(
            stat,
            status=FillState.Status.DONE,
            finished_at=started,
            watermark=started,
            years_filled=[],
            rows_written=0,
            last_error="",
        )
        progress(f"{stat.label}：无新数据，跳过")
        return FillResult(stat=stat.name, years=[], rows_written=0, skipped=True)
    scope = "全部年度" if years is None else "、".join(str(y) for y in sorted(years)) + " 年"
    progress(f"{stat.label}：正在计算（{scope}）……")
    _state_record(stat, status=FillState.Status.RUNNING, started_at=started)
    try:
        rows = (compute or stat.compute)(years)
        written = stat_rows_write(stat=stat, years=years, rows=rows)
    except Exception as error:
        _state_record(stat, status=FillState.Status.FAILED, last_error=repr(error)[:2000])
        logger.exception("analytics fill of %s failed", stat.name)
        raise
    filled = sorted({key[1] for key in rows}) if years is None else sorted(years)
    _state_record(
        stat,
        status=FillState.Status.DONE,
        finished_at=timezone.now(),
        watermark=started,
        years_filled=filled,
        rows_written=written,
        last_error="",
    )
    progress(f"{stat.label}：写入 {written} 行")
    return FillResult(stat=stat.name, years=None if years is None else filled, rows_written=written)


def analytics_fill(
    *, full: bool = False, stats: list[str] | None = None, progress: Progress = _silent
) -> list[FillResult]:
    """Fill every statistic (or the named ones) in dependency order."""
    return [
        stat_fill(stat=stat, full=full, progress=progress)
        for stat in COUNT_STATS
        if stats is None or stat.name in stats
    ]
