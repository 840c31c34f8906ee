"""Reads from a streaming replica (PostgreSQL), writes to the primary.

Active only when ``CHANJIAO_REPLICA_URL`` is set (config/settings.py adds the ``replica`` alias,
this router and the middleware). What reads the replica: the queries of a GET or HEAD request
outside any transaction. Everything else uses the primary: writes; reads inside a transaction
(locks, the audit chain); every query of a POST, PUT, PATCH or DELETE request; every query of the
visitor's requests for ``PIN_SECONDS`` after one of those (so a person reads what they just wrote
although the replica lags behind); and everything outside a request — the task worker, the
scheduler and commands, whose work must never be computed from a lagging copy.
"""

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.db import connections
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"
PIN_COOKIE = "chanjiao_primary"
PIN_SECONDS = 10
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

# True: this context reads the primary. Outside a request (worker, scheduler, commands) it stays so.
_read_primary: ContextVar[bool] = ContextVar("chanjiao_read_primary", default=True)


def read_alias() -> str:
    """The database alias a plain read uses here and now."""
    if REPLICA not in connections.settings:
        return "default"
    if _read_primary.get() or connections["default"].in_atomic_block:
        return "default"
    return REPLICA


class PrimaryReplicaRouter:
    def db_for_read(self, model: Any, **hints: Any) -> str:
        return read_alias()

    def db_for_write(self, model: Any, **hints: Any) -> str:
        return "default"

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # the replica is a copy of the primary: same rows

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == "default"


class ReplicaReadMiddleware:
    """Let a safe request read the replica unless the visitor wrote in the last PIN_SECONDS."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        writes = request.method not in SAFE_METHODS
        token = _read_primary.set(writes or PIN_COOKIE in request.COOKIES)
        try:
            response = self.get_response(request)
        finally:
            _read_primary.reset(token)
        if writes:
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=PIN_SECONDS,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response
