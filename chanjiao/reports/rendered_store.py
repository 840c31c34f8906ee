"""Rendered PDFs kept in storage by the digest of their HTML: rendered once per change of data.

A report's HTML is cheap to make from the count tables and identifies its data exactly (identical
data gives identical HTML and identical PDF bytes), so the PDF of an HTML already seen is read
back from storage instead of being rendered again. The hourly ``refresh_reports_task`` renders
each locality's current reports ahead of the downloads; when the data changed since, a download
only looks (``stored_pdf_find``) and queues ``render_report_pdf_task``, which renders one PDF at
a time per process, so nothing long runs inside a request.
"""

import threading
from collections.abc import Callable

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

STORE_DIR = "reports/rendered"
# WeasyPrint is CPU-bound: two renders in one process only slow each other and every other page.
_render_slot = threading.Lock()


def _path(digest: str) -> str:
    return f"{STORE_DIR}/{digest}.pdf"


def _read(path: str) -> bytes | None:
    if not default_storage.exists(path):
        return None
    with default_storage.open(path, "rb") as stored:
        return stored.read()


def stored_pdf_find(*, digest: str) -> bytes | None:
    """Return the PDF stored for this HTML digest, or None when it has not been rendered yet."""
    return _read(_path(digest))


def stored_pdf_exists(*, digest: str) -> bool:
    """Whether a PDF is stored for this HTML digest (nothing read)."""
    return default_storage.exists(_path(digest))


def stored_pdf(*, digest: str, render: Callable[[], bytes]) -> bytes:
    """Return the PDF stored for this HTML digest, rendering and storing it first if needed."""
    path = _path(digest)
    found = _read(path)
    if found is not None:
        return found
    with _render_slot:
        found = _read(path)  # rendered by another thread while this one waited
        if found is not None:
            return found
        pdf = render()
        if not default_storage.exists(path):
            default_storage.save(path, ContentFile(pdf))
    return pdf
