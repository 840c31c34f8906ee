"""Password rules (GB/T 22239-2019 8.1.4.1 a: 口令具有复杂度要求并定期更换).

Validators listed in ``AUTH_PASSWORD_VALIDATORS`` beside Django's own: at least three of four
character classes, a list of passwords common in Chinese leaks (also with digits or symbols
added at either end), no long run of one character, none of the last five passwords. The last
validator also records each new password (``password_changed``, which Django calls from
``User.save()`` after ``set_password``) and its time in ``User.password_changed_at``.

Privileged accounts (``two_factor.user_is_privileged``) must change their password every
``CHANJIAO_PASSWORD_MAX_AGE_DAYS`` days (0: never); ``middleware.AccountSecurityMiddleware``
sends them to the change page.
"""

import re
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.contrib.auth.password_validation import (
    CommonPasswordValidator,
    MinimumLengthValidator,
)
from django.core.exceptions import ValidationError
from django.utils import timezone

from chanjiao.accounts.models import PasswordHistory, User
from chanjiao.accounts.two_factor import user_is_privileged

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

COMMON_PASSWORDS_ZH = Path(__file__).resolve().parent / "data" / "common-passwords-zh.txt"

_UPPER = re.compile(r"[A-Z]")
_LOWER = re.compile(r"[a-z]")
_DIGIT = re.compile(r"[0-9]")
_SYMBOL = re.compile(r"[^A-Za-z0-9]")
_TRAILING = re.compile(r"[\d\W_]+$")
_LEADING = re.compile(r"^[\d\W_]+")


class ChineseMinimumLengthValidator(MinimumLengthValidator):
    """Django's length rule, with its message in Chinese (Django 5.2's is not translated)."""

    def get_error_message(self) -> str:
        return f"密码太短，至少需要 {self.min_length} 个字符。"

    def get_help_text(self) -> str:
        return f"密码至少 {self.min_length} 个字符。"


class CharacterClassValidator:
    """At least ``min_classes`` of: upper-case letters, lower-case letters, digits, symbols."""

    def __init__(self, min_classes: int = 3) -> None:
        self.min_classes = min_classes

    def validate(self, password: str, user: User | None = None) -> None:
        classes = sum(
            bool(pattern.search(password)) for pattern in (_UPPER, _LOWER, _DIGIT, _SYMBOL)
        )
        if classes < self.min_classes:
            raise ValidationError(self._message(), code="password_too_simple")

    def get_help_text(self) -> str:
        return self._message()

    def _message(self) -> str:
        return (
            f"密码须包含大写字母、小写字母、数字、符号这四类中的至少 {self.min_classes} 类，"
            "例如 Chanjiao-2026。"
        )


@lru_cache(maxsize=4)
def _word_list(path: Path) -> frozenset[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(
        line.strip().lower() for line in lines if line.strip() and not line.startswith("#")
    )


@lru_cache(maxsize=1)
def _django_common_passwords() -> frozenset[str]:
    return frozenset(CommonPasswordValidator().passwords)


def password_base_forms(password: str) -> set[str]:
    """Return the lower-cased password and what is left once digits and symbols at its ends go.

    ``Woaini1314`` gives ``woaini1314`` and ``woaini``; ``Qq123456!`` gives ``qq123456!``, ``qq``.
    """
    lowered = password.lower()
    forms = {lowered}
    stripped_end = _TRAILING.sub("", lowered)
    stripped_both = _LEADING.sub("", stripped_end)
    forms.update(form for form in (stripped_end, stripped_both, _LEADING.sub("", lowered)) if form)
    return forms


class ChineseCommonPasswordValidator:
    """Refuse passwords common in Chinese leaks: pinyin phrases and names, keyboard walks, 520/1314.

    A password is refused when, lower-cased, it is on the list, or when what is left after
    removing digits and symbols at its ends is on this list or on Django's common-password list
    (``Woaini1314``, ``Qq123456!``, ``Password2025!``).
    """

    def __init__(self, password_list_path: str | Path = COMMON_PASSWORDS_ZH) -> None:
        self.password_list_path = Path(password_list_path)

    def validate(self, password: str, user: User | None = None) -> None:
        words = _word_list(self.password_list_path)
        lowered = password.lower()
        bases = password_base_forms(password) - {lowered}
        common = _django_common_passwords()
        if lowered in words or any(base in words or base in common for base in bases):
            raise ValidationError(
                "这个密码太常见，容易被猜中（如拼音词语、姓名、键盘顺序、520/1314 这类数字组合，"
                "或在它们前后加数字、符号），请换一个。",
                code="password_too_common",
            )

    def get_help_text(self) -> str:
        return "不能使用常见密码，如 woaini1314、Aa123456、1qaz2wsx，或姓名拼音加生日。"


class RepeatedCharacterValidator:
    """Refuse a run of more than ``max_run`` identical characters (``aaaa``, ``1111``)."""

    def __init__(self, max_run: int = 3) -> None:
        self.max_run = max_run
        self._pattern = re.compile(rf"(.)\1{{{max_run}}}", re.DOTALL)

    def validate(self, password: str, user: User | None = None) -> None:
        if self._pattern.search(password):
            raise ValidationError(self._message(), code="password_repeats")

    def get_help_text(self) -> str:
        return self._message()

    def _message(self) -> str:
        return f"同一个字符不能连续出现超过 {self.max_run} 次。"


class PasswordHistoryValidator:
    """Refuse any of the user's last ``keep`` passwords; record each new one."""

    def __init__(self, keep: int = 5) -> None:
        self.keep = keep

    def validate(self, password: str, user: User | None = None) -> None:
        if user is None or user.pk is None:
            return
        hashes = set(
            PasswordHistory.objects.filter(user_id=user.pk).values_list("password", flat=True)[
                : self.keep
            ]
        )
        hashes.update(User.objects.filter(pk=user.pk).values_list("password", flat=True))
        if any(check_password(password, encoded) for encoded in hashes if encoded):
            raise ValidationError(self._message(), code="password_reused")

    def password_changed(self, password: str, user: User | None = None) -> None:
        """Keep the new password's hash and note when it was set."""
        if user is None or user.pk is None:
            return
        now = timezone.now()
        PasswordHistory.objects.create(user_id=user.pk, password=user.password, created_at=now)
        stale = list(
            PasswordHistory.objects.filter(user_id=user.pk).values_list("pk", flat=True)[
                self.keep :
            ]
        )
        if stale:
            PasswordHistory.objects.filter(pk__in=stale).delete()
        User.objects.filter(pk=user.pk).update(password_changed_at=now)
        user.password_changed_at = now

    def get_help_text(self) -> str:
        return self._message()

    def _message(self) -> str:
        return f"不能与最近 {self.keep} 次使用过的密码相同。"


def password_max_age() -> timedelta | None:
    """Return how long a privileged account's password lasts (None: no expiry)."""
    days = int(getattr(settings, "CHANJIAO_PASSWORD_MAX_AGE_DAYS", 0))
    return timedelta(days=days) if days > 0 else None


def password_expires_at(user: "User | AnonymousUser") -> datetime | None:
    """Return when the user's password must be changed (None: it never has to be)."""
    max_age = password_max_age()
    if max_age is None or not isinstance(user, User) or not user_is_privileged(user):
        return None
    return user.password_changed_at + max_age


def password_expired(user: "User | AnonymousUser", *, now: datetime | None = None) -> bool:
    """Tell whether a privileged user's password is too old to be used any longer.

    The age is looked at first: most requests decide without a query.
    """
    max_age = password_max_age()
    if max_age is None or not isinstance(user, User) or not user.is_authenticated:
        return False
    if (now or timezone.now()) < user.password_changed_at + max_age:
        return False
    return user_is_privileged(user)
