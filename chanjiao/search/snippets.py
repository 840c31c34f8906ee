"""Highlighted snippets: HTML-escaped text around the first match, query words in <mark>."""

import functools
import re
from collections.abc import Iterable
from html import escape

SNIPPET_LENGTH = 120
LEAD = 30


def _pattern(words: Iterable[str]) -> re.Pattern[str] | None:
    return _compiled(frozenset(w for w in words if w))


@functools.lru_cache(maxsize=1024)
def _compiled(words: frozenset[str]) -> re.Pattern[str] | None:
    if not words:
        return None
    ordered = sorted(words, key=lambda w: (-len(w), w))
    return re.compile("|".join(re.escape(w) for w in ordered), re.IGNORECASE)


def highlight(text: str, words: Iterable[str], length: int | None = None) -> str:
    """Return escaped HTML of (a window of) the text with every query word wrapped in <mark>."""
    text = " ".join((text or "").split())
    pattern = _pattern(words)
    start, end = 0, len(text)
    if length is not None and len(text) > length:
        first = pattern.search(text) if pattern else None
        start = max(0, (first.start() if first else 0) - LEAD)
        end = min(len(text), start + length)
    window = text[start:end]
    parts, last = [], 0
    for match in pattern.finditer(window) if pattern else ():
        parts += [escape(window[last : match.start()]), f"<mark>{escape(match.group())}</mark>"]
        last = match.end()
    parts.append(escape(window[last:]))
    return ("…" if start > 0 else "") + "".join(parts) + ("…" if end < len(text) else "")
