"""Announcements from a lower app to the apps above it, without importing them.

An app that others derive data from (listings: the search index, recommendations, occupation
classification, subscriptions) may not import those apps. It owns a ``Hooks`` per announcement
and calls ``send``; each app above it registers a handler in its ``AppConfig.ready()``.

``send`` first calls the plain handlers, synchronously and inside the caller's transaction (for
marks that must commit or roll back with the change), then schedules each ``on_commit=True``
handler with ``transaction.on_commit`` (for background work a worker must not start before the
rows are committed). Within each group handlers run in registration order (INSTALLED_APPS).
"""

from collections.abc import Callable
from typing import Generic, TypeVar

from django.db import transaction

EventT = TypeVar("EventT")


class Hooks(Generic[EventT]):
    """The handlers registered for one announcement."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._now: list[Callable[[EventT], None]] = []
        self._on_commit: list[Callable[[EventT], None]] = []

    def register(
        self, handler: Callable[[EventT], None], *, on_commit: bool = False
    ) -> Callable[[EventT], None]:
        """Add a handler (once, however often ``ready()`` runs)."""
        handlers = self._on_commit if on_commit else self._now
        if handler not in handlers:
            handlers.append(handler)
        return handler

    def send(self, event: EventT) -> None:
        """Call the plain handlers now, then schedule the on-commit handlers, with the event."""
        for handler in list(self._now):
            handler(event)
        for handler in list(self._on_commit):
            transaction.on_commit(_bound(handler, event))

    def __repr__(self) -> str:
        return f"<Hooks {self.name}: {len(self._now)} now, {len(self._on_commit)} on commit>"


def _bound(handler: Callable[[EventT], None], event: EventT) -> Callable[[], None]:
    return lambda: handler(event)
