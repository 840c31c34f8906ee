"""Hooks: a lower app announces, the apps above it registered handlers at start-up."""

import pytest

from chanjiao.common.hooks import Hooks
from chanjiao.crosswalk.tasks import enrich_listings_changed
from chanjiao.listings.hooks import (
    listing_change_handlers,
    listing_published_handlers,
    profile_consent_handlers,
)
from chanjiao.recommendations.services import (
    recommendations_listings_changed,
    recommendations_profile_consents_changed,
)
from chanjiao.search.services import search_listings_changed
from chanjiao.subscriptions.tasks import notify_subscribers_published


@pytest.mark.django_db
def test_handlers_run_in_order_and_on_commit_ones_wait_for_the_commit(
    django_capture_on_commit_callbacks,
):
    calls: list[str] = []
    hooks: Hooks[int] = Hooks("test")

    def now_a(event: int) -> None:
        calls.append(f"a{event}")

    def now_b(event: int) -> None:
        calls.append(f"b{event}")

    def later(event: int) -> None:
        calls.append(f"later{event}")

    hooks.register(now_a)
    hooks.register(later, on_commit=True)
    hooks.register(now_b)
    hooks.register(now_a)  # a second ready() adds nothing
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        hooks.send(1)
        assert calls == ["a1", "b1"]
    assert len(callbacks) == 1
    assert calls == ["a1", "b1", "later1"]


@pytest.mark.parametrize(
    ("hooks", "now", "on_commit"),
    [
        (
            listing_change_handlers,
            [search_listings_changed, recommendations_listings_changed],
            [enrich_listings_changed],
        ),
        (listing_published_handlers, [], [notify_subscribers_published]),
        (profile_consent_handlers, [recommendations_profile_consents_changed], []),
    ],
)
def test_the_apps_above_listings_register_their_handlers_at_start_up(hooks, now, on_commit):
    assert hooks._now == now
    assert hooks._on_commit == on_commit
