"""Idempotent upsert of catalogue rows: create new, update changed, retire missing, never delete."""

import csv
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import models

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

ProgressFn = Callable[[int], object]


@dataclass
class SyncCounts:
    created: int = 0
    updated: int = 0
    retired: int = 0
    unchanged: int = 0


def read_csv(file_name: str) -> list[dict[str, str]]:
    """Read one shipped CSV file (UTF-8, header row) into a list of dicts."""
    with (DATA_DIR / file_name).open(encoding="utf-8-sig", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def file_checksum(file_name: str) -> str:
    """Return the SHA-256 of a shipped data file."""
    return hashlib.sha256((DATA_DIR / file_name).read_bytes()).hexdigest()


def sync_rows(
    *,
    model: type[models.Model],
    scope: dict[str, Any],
    key_fields: tuple[str, ...],
    rows: Iterable[tuple[tuple[Any, ...], dict[str, Any]]],
    progress: ProgressFn | None = None,
    retire: bool = True,
) -> tuple[SyncCounts, dict[tuple[Any, ...], Any]]:
    """Make the rows of ``model`` within ``scope`` match ``rows`` (key → field values).

    A key is the tuple of the values of ``key_fields``; rows absent from ``rows`` are retired.

    Returns the counts and every current instance by key, for linking parents afterwards.
    """

    def key(obj: Any) -> tuple[Any, ...]:
        return tuple(getattr(obj, name) for name in key_fields)

    existing = {key(obj): obj for obj in model.objects.filter(**scope)}  # type: ignore[attr-defined]
    counts = SyncCounts()
    to_create: list[Any] = []
    to_update: list[Any] = []
    changed_fields: set[str] = set()
    seen: set[tuple[Any, ...]] = set()
    for row_key, values in rows:
        seen.add(row_key)
        obj = existing.get(row_key)
        if obj is None:
            obj = model(**scope, **dict(zip(key_fields, row_key, strict=True)), **values)
            to_create.append(obj)
            existing[row_key] = obj
            counts.created += 1
        else:
            diff = {f for f, v in values.items() if getattr(obj, f) != v}
            if diff:
                for field in diff:
                    setattr(obj, field, values[field])
                changed_fields |= diff
                to_update.append(obj)
                counts.updated += 1
            else:
                counts.unchanged += 1
        if progress:
            progress(1)
    model.objects.bulk_create(to_create, batch_size=500)  # type: ignore[attr-defined]
    if to_update:
        model.objects.bulk_update(to_update, sorted(changed_fields), batch_size=500)  # type: ignore[attr-defined]
    if retire:
        gone = [k for k, obj in existing.items() if k not in seen and obj.is_active]
        if gone:
            ids = [existing[k].pk for k in gone]
            model.objects.filter(pk__in=ids).update(is_active=False)  # type: ignore[attr-defined]
            for k in gone:
                existing[k].is_active = False
            counts.retired = len(gone)
    return counts, existing


def link_parents(
    *,
    model: type[models.Model],
    instances: dict[tuple[Any, ...], Any],
    parent_key: Callable[[Any], tuple[Any, ...] | None],
    field: str = "parent",
) -> int:
    """Point each instance's ``field`` at the instance whose key ``parent_key`` gives."""
    changed = []
    for obj in instances.values():
        wanted_key = parent_key(obj)
        wanted = instances.get(wanted_key) if wanted_key else None
        wanted_id = wanted.pk if wanted is not None else None
        if getattr(obj, f"{field}_id") != wanted_id:
            setattr(obj, f"{field}_id", wanted_id)
            changed.append(obj)
    if changed:
        model.objects.bulk_update(changed, [field], batch_size=500)  # type: ignore[attr-defined]
    return len(changed)
