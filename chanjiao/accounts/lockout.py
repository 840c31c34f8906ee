"""Login lockout (GB/T 22239-2019 8.1.4.1 b, 登录失败处理): by account and by address, not for good.

django-axes records each failed sign-in as a row per (username, address, browser) with a failure
count and the time of the latest failure. Axes compares one number with one limit; we need two
limits, so ``PlatformAxesHandler`` (``AXES_HANDLER``) computes the locks itself:

- **account**: ``AXES_FAILURE_LIMIT`` failures for one username, from any addresses (stops
  guessing one account's password from many addresses);
- **address**: ``CHANJIAO_LOGIN_ADDRESS_FAILURE_LIMIT`` failures from one address, over any
  usernames (stops spraying one password over many accounts). It is higher: a school's
  computer room signs in from one address.

A lock lasts a cool-off from the latest failure that grows as failures go on: the steps of
``CHANJIAO_LOGIN_COOLOFF_MINUTES`` (1, 5, 15, 30), one step further for every further
``AXES_FAILURE_LIMIT`` failures beyond the limit. A request refused during a lock is not counted
(``AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False``), so the people sharing a locked
address do not make its lock longer by trying again. Failures are forgotten
``CHANJIAO_LOGIN_FAILURE_MEMORY`` after the latest one, or at a successful sign-in (that
account's failures only); a password reset by e-mail ends the account's lock at once
(``lockout_clear_for_username``).
"""

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Literal

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from chanjiao.audit.models import AuditResult
from chanjiao.audit.services import audit_event_record

LockKind = Literal["account", "address"]


@dataclass(frozen=True)
class LockoutPolicy:
    """The numbers of the lockout, from the settings."""

    account_limit: int
    address_limit: int
    cool_off_steps: tuple[timedelta, ...]
    memory: timedelta

    def cool_off(self, failures: int, limit: int) -> timedelta | None:
        """Return how long a lock lasts after ``failures`` (None: below the limit, no lock)."""
        if failures < limit or not self.cool_off_steps:
            return None
        step = (failures - limit) // max(self.account_limit, 1)
        return self.cool_off_steps[min(step, len(self.cool_off_steps) - 1)]


@dataclass(frozen=True)
class Lock:
    """A lock in force: what is locked, after how many failures, until when."""

    kind: LockKind
    failures: int
    cool_off: timedelta
    until: datetime

    def minutes_left(self, now: datetime) -> int:
        """Return the minutes left, rounded up (at least 1)."""
        return max(1, math.ceil((self.until - now).total_seconds() / 60))


def lockout_policy() -> LockoutPolicy:
    """Return the lockout numbers configured in the settings."""
    steps = tuple(
        timedelta(minutes=int(m)) for m in settings.CHANJIAO_LOGIN_COOLOFF_MINUTES if int(m) > 0
    )
    memory: timedelta = settings.CHANJIAO_LOGIN_FAILURE_MEMORY
    return LockoutPolicy(
        account_limit=int(settings.AXES_FAILURE_LIMIT),
        address_limit=int(settings.CHANJIAO_LOGIN_ADDRESS_FAILURE_LIMIT),
        cool_off_steps=steps,
        # Failures must be remembered longer than the longest lock, or it could not grow.
        memory=max(memory, *steps) if steps else memory,
    )


def lockout_notice(policy: LockoutPolicy | None = None) -> str:
    """One sentence for the login page: when sign-in is paused, for how long, how to end it."""
    policy = policy or lockout_policy()
    minutes = [str(int(step.total_seconds() // 60)) for step in policy.cool_off_steps] or ["1"]
    text = f"同一账号连续输错密码 {policy.account_limit} 次，将暂停登录 {minutes[0]} 分钟"
    if len(minutes) > 1:
        text += f"，之后再输错，暂停时间依次延长为 {'、'.join(minutes[1:])} 分钟"
    return text + "。忘记密码时，用“找回密码”重设后即可登录。"


def _tally(now: datetime, memory: timedelta, **match: str) -> tuple[int, datetime | None]:
    row = AccessAttempt.objects.filter(attempt_time__gt=now - memory, **match).aggregate(
        failures=Sum("failures_since_start"), last=Max("attempt_time")
    )
    return int(row["failures"] or 0), row["last"]


def _account_failures(username: str | None, now: datetime, policy: LockoutPolicy) -> int:
    if not username:
        return 0
    return _tally(now, policy.memory, username=username)[0]


def lockout_locks(
    username: str | None, ip_address: str | None, *, now: datetime | None = None
) -> list[Lock]:
    """Return the locks in force for a sign-in with this username from this address."""
    now = now or timezone.now()
    policy = lockout_policy()
    locks: list[Lock] = []
    checks: list[tuple[LockKind, str, str | None, int]] = [
        ("account", "username", username, policy.account_limit),
        ("address", "ip_address", ip_address, policy.address_limit),
    ]
    for kind, field, value, limit in checks:
        if not value:
            continue
        failures, last = _tally(now, policy.memory, **{field: value})
        cool_off = policy.cool_off(failures, limit)
        if cool_off is not None and last is not None and now < last + cool_off:
            locks.append(
                Lock(kind=kind, failures=failures, cool_off=cool_off, until=last + cool_off)
            )
    return locks


def lockout_clear_for_username(username: str) -> int:
    """End an account's lock and forget its failures (after a password reset by e-mail).

    Returns the number of failure records removed. An address lock stays: it guards other
    accounts too.
    """
    count, _ = AccessAttempt.objects.filter(username__iexact=username).delete()
    if count:
        audit_event_record(
            actor=None, action="auth.lockout.cleared", changes={"username": username[:150]}
        )
    return count


def _request_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str | None:
    return get_client_username(request, credentials or getattr(request, "axes_credentials", None))


def _request_locks(request: HttpRequest, credentials: dict[str, Any] | None) -> list[Lock]:
    return lockout_locks(
        _request_username(request, credentials), getattr(request, "axes_ip_address", None)
    )


def lockout_cool_off(request: HttpRequest | None = None) -> timedelta:
    """``AXES_COOLOFF_TIME``: the cool-off of the longest lock in force for this request."""
    policy = lockout_policy()
    first = policy.cool_off_steps[0] if policy.cool_off_steps else timedelta(minutes=1)
    if request is None:
        return first
    return max((lock.cool_off for lock in _request_locks(request, None)), default=first)


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """``AXES_LOCKOUT_CALLABLE``: the lockout page (429) saying what is locked and for how long."""
    now = timezone.now()
    locks = _request_locks(request, credentials)
    longest = max(locks, key=lambda lock: lock.until, default=None)
    policy = lockout_policy()
    context = {
        "failure_limit": policy.account_limit,
        "address_failure_limit": policy.address_limit,
        "username": _request_username(request, credentials) or "",
        "lock": longest,
        "locked_account": any(lock.kind == "account" for lock in locks),
        "locked_address": any(lock.kind == "address" for lock in locks),
        "cooloff_timedelta": longest.cool_off if longest else None,
        "cooloff_minutes": longest.minutes_left(now) if longest else 1,
        "locked_until": timezone.localtime(longest.until) if longest else None,
    }
    return render(
        request,
        settings.AXES_LOCKOUT_TEMPLATE,
        context,
        status=429,  # as axes answers (AXES_HTTP_RESPONSE_CODE): Too Many Requests
    )


class PlatformAxesHandler(AxesDatabaseHandler):
    """Axes' database handler with two limits (account, address) and growing cool-offs."""

    def get_failures(self, request: HttpRequest, credentials: dict[str, Any] | None = None) -> int:
        """Return the number axes compares with ``AXES_FAILURE_LIMIT``.

        At least the limit while an account or address lock is in force; below it otherwise
        (failures remembered after a lock has ended do not lock by themselves).
        """
        policy = lockout_policy()
        now = timezone.now()
        username = _request_username(request, credentials)
        account = _account_failures(username, now, policy)
        if lockout_locks(username, getattr(request, "axes_ip_address", None), now=now):
            return max(account, policy.account_limit)
        return min(account, policy.account_limit - 1)

    def clean_expired_user_attempts(
        self, request: HttpRequest | None = None, credentials: dict[str, Any] | None = None
    ) -> int:
        """Forget failures whose latest one is older than the memory (not the current lock)."""
        threshold = timezone.now() - lockout_policy().memory
        count, _ = AccessAttempt.objects.filter(attempt_time__lte=threshold).delete()
        return count

    def reset_user_attempts(
        self, request: HttpRequest, credentials: dict[str, Any] | None = None
    ) -> int:
        """After a successful sign-in, forget that account's failures only.

        Axes would also forget every failure from the address, which lets a sprayer holding one
        account of their own reset the address count by signing in between rounds.
        """
        username = _request_username(request, credentials)
        if not username:
            return 0
        count, _ = AccessAttempt.objects.filter(username=username).delete()
        return count

    def user_login_failed(
        self, sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any
    ) -> None:
        """Record the failure as axes does; put the start of a lock in the audit log."""
        was_locked = bool(getattr(request, "axes_locked_out", False))
        super().user_login_failed(sender, credentials, request, **kwargs)
        if request is None or was_locked or not getattr(request, "axes_locked_out", False):
            return
        locks = _request_locks(request, credentials)
        audit_event_record(
            actor=None,
            action="auth.lockout",
            changes={
                "username": str(_request_username(request, credentials) or "")[:150],
                "locks": [
                    {
                        "kind": lock.kind,
                        "failures": lock.failures,
                        "minutes": int(lock.cool_off.total_seconds() // 60),
                    }
                    for lock in locks
                ],
            },
            result=AuditResult.DENIED,
        )
