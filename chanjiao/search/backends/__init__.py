"""Search backends behind one interface; the setting CHANJIAO_SEARCH_BACKEND picks one."""

import threading
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from chanjiao.search.backends.base import (
    FACETS,
    SORTS,
    EngineQuery,
    EngineResult,
    Filters,
    SearchBackend,
)

__all__ = [
    "FACETS",
    "SORTS",
    "EngineQuery",
    "EngineResult",
    "Filters",
    "SearchBackend",
    "backend_names",
    "get_backend",
]

_backends: dict[tuple[str, str], SearchBackend] = {}
_lock = threading.Lock()


def backend_names() -> list[str]:
    """Return the backends usable with the current database."""
    return ["tantivy", "postgresql"] if connection.vendor == "postgresql" else ["tantivy"]


def get_backend(name: str | None = None) -> SearchBackend:
    """Return the configured backend (or the named one), one instance per process."""
    name = name or str(getattr(settings, "CHANJIAO_SEARCH_BACKEND", "tantivy"))
    path = str(
        getattr(settings, "CHANJIAO_SEARCH_INDEX_DIR", Path(settings.DATA_DIR) / "search-index")
    )
    key = (name, path if name == "tantivy" else "")
    with _lock:
        if key not in _backends:
            _backends[key] = _make(name, Path(path))
        return _backends[key]


def _make(name: str, path: Path) -> SearchBackend:
    if name == "tantivy":
        # Only the configured backend is loaded (tantivy is a native extension).
        from chanjiao.search.backends.tantivy_backend import TantivyBackend

        return TantivyBackend(path)
    if name == "postgresql":
        from chanjiao.search.backends.postgres_backend import PostgresBackend  # as above

        return PostgresBackend()
    raise ImproperlyConfigured(
        f"CHANJIAO_SEARCH_BACKEND 应为 tantivy 或 postgresql，当前为 {name!r}。"
    )
