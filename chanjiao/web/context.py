"""What every page's frame needs: the user's menu, the locality switcher and the unread count."""

from collections.abc import Callable
from typing import Any, TypeVar

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from chanjiao.listings.permissions import user_is_reviewer
from chanjiao.listings.selectors import review_queue_counts
from chanjiao.localities.choice import locality_chosen, request_localities
from chanjiao.organizations.selectors import organizations_pending_verification_count
from chanjiao.students.selectors import student_claims_pending_count
from chanjiao.subscriptions.selectors import unread_count
from chanjiao.web.navigation import Navigation, Persona, navigation_for, user_personas

T = TypeVar("T")


def _memo(request: HttpRequest, name: str, compute: Callable[[], T]) -> T:
    """Compute a per-request value once (the frame and the page both show it)."""
    store: dict[str, Any] = request.__dict__.setdefault("_chanjiao_memo", {})
    if name not in store:
        store[name] = compute()
    return store[name]


def request_review_counts(request: HttpRequest) -> dict[str, int] | None:
    """The reviewer's waiting items per kind, or None for a user who reviews nothing."""
    user = request.user

    def compute() -> dict[str, int] | None:
        if user.is_authenticated and user_is_reviewer(user):
            return review_queue_counts(fetched_by=user)
        return None

    return _memo(request, "review_counts", compute)


def request_unread_count(request: HttpRequest) -> int:
    """The signed-in user's unread notices (0 for a visitor)."""
    user = request.user
    return _memo(request, "unread", lambda: unread_count(user) if user.is_authenticated else 0)


def request_pending_verifications(request: HttpRequest) -> int:
    """Organisations waiting for verification in the reviewer's regions (0 for anyone else)."""
    user = request.user
    return _memo(
        request,
        "pending_verifications",
        lambda: organizations_pending_verification_count(user) if user.is_authenticated else 0,
    )


def request_pending_claims(request: HttpRequest) -> int:
    """Students' claims waiting for the schools the user acts for (0 for anyone else)."""
    user = request.user
    return _memo(
        request,
        "pending_claims",
        lambda: student_claims_pending_count(user) if user.is_authenticated else 0,
    )


def _navigation(request: HttpRequest) -> Navigation:
    counts = request_review_counts(request)
    badges = {"review": counts["total"]} if counts else {}
    personas = set(user_personas(request.user))
    if personas & {Persona.REVIEWER, Persona.OFFICER, Persona.STAFF}:
        badges["verification"] = request_pending_verifications(request)
    if Persona.SCHOOL in personas:
        badges["claims"] = request_pending_claims(request)
    return navigation_for(request.user, request.path, badges)


def layout(request: HttpRequest) -> dict[str, Any]:
    """Context processor for ``base.html``; each part is computed only if the page uses it."""
    return {
        "nav": SimpleLazyObject(lambda: _navigation(request)),
        "switcher_localities": SimpleLazyObject(lambda: request_localities(request)),
        "current_locality": SimpleLazyObject(lambda: locality_chosen(request)),
        "unread_total": SimpleLazyObject(lambda: request_unread_count(request)),
    }
