"""The audit log's hash chain: each event carries the SM3 digest of its content and of the
previous event's digest, so changing, removing or inserting an event breaks every link after it.

Appending takes the chain's lock for the rest of the writer's transaction (PostgreSQL: an
advisory transaction lock; SQLite: the write lock every transaction takes at BEGIN IMMEDIATE), so
events are chained in primary-key order; ``prev_hash`` is unique, so the chain cannot fork even if
a writer skipped the lock. ``audit_chain_verify`` walks the log in that order and reports the first
broken link.
"""

import datetime
import hashlib
import ipaddress
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import connection

GENESIS = "0" * 64
# An arbitrary constant naming the chain's advisory lock on PostgreSQL ("cjaudit" in ASCII).
CHAIN_LOCK_KEY = 0x636A6175646974

# The fields a digest covers, in order. ``prev_hash`` is added last.
CHAINED_FIELDS = (
    "occurred_at",
    "actor_id",
    "actor_repr",
    "action",
    "target_type",
    "target_id",
    "target_repr",
    "changes",
    "result",
    "ip_address",
    "user_agent",
    "request_path",
)


def _sm3() -> Any:
    """An SM3 hash object (GB/T 32905), from OpenSSL through hashlib."""
    return hashlib.new("sm3")


def _number(value: Any) -> Any:
    # JSON numbers come back from PostgreSQL's jsonb as int when they have no fraction.
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, list):
        return [_number(item) for item in value]
    if isinstance(value, dict):
        return {key: _number(item) for key, item in value.items()}
    return value


def _canonical(name: str, value: Any) -> Any:
    if value is None:
        return None
    if name == "occurred_at":
        if not isinstance(value, datetime.datetime):
            raise TypeError(f"occurred_at must be a datetime, not {type(value).__name__}")
        return value.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    if name == "changes":
        # What the database gives back: JSON text parsed again (tuples become lists, keys text).
        return _number(json.loads(json.dumps(value)))
    if name == "ip_address":
        return str(ipaddress.ip_address(value))
    return value


def event_digest(values: Mapping[str, Any], prev_hash: str) -> str:
    """Return the hex SM3 digest of one event's content and the previous event's digest."""
    content = [_canonical(name, values.get(name)) for name in CHAINED_FIELDS]
    content.append(prev_hash)
    text = json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    digest = _sm3()
    digest.update(text.encode("utf-8"))
    return str(digest.hexdigest())


def chain_lock() -> None:
    """Hold the chain for the rest of the current transaction (call inside ``atomic``)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK_KEY])
    # SQLite: the project opens every transaction with BEGIN IMMEDIATE (config/settings.py), so
    # the writer already holds the database's only write lock.


@dataclass(frozen=True)
class ChainBreak:
    event_id: int
    reason: str


@dataclass(frozen=True)
class ChainReport:
    checked: int
    head_id: int | None
    head_hash: str
    broken: ChainBreak | None

    @property
    def intact(self) -> bool:
        return self.broken is None


def chain_walk(rows: Iterable[Mapping[str, Any]]) -> ChainReport:
    """Check rows (``id``, ``prev_hash``, ``entry_hash``, the chained fields) in id order."""
    expected_prev = GENESIS
    checked = 0
    head_id: int | None = None
    for row in rows:
        checked += 1
        if row["prev_hash"] != expected_prev:
            reason = (
                "链的开头被删除"
                if head_id is None
                else f"与前一条（编号 {head_id}）不相连：其间的记录被删除或插入"
            )
            return ChainReport(checked, head_id, expected_prev, ChainBreak(row["id"], reason))
        if event_digest(row, row["prev_hash"]) != row["entry_hash"]:
            return ChainReport(
                checked, head_id, expected_prev, ChainBreak(row["id"], "内容被改动（摘要不符）")
            )
        expected_prev = row["entry_hash"]
        head_id = row["id"]
    return ChainReport(checked, head_id, expected_prev, None)
