"""Password rules: complexity, Chinese weak passwords, repeats, history, change time."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.password_validation import (
    password_validators_help_texts,
    validate_password,
)
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from chanjiao.accounts.models import PasswordHistory, User
from chanjiao.accounts.passwords import password_base_forms
from chanjiao.accounts.tests.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

_CHINESE = re.compile(r"[\u4e00-\u9fff]")


def _refusal(password: str, user: User | None = None) -> list[str]:
    # Pages run in Chinese (LocaleMiddleware); Django's own validators speak it there too.
    with translation.override("zh-hans"), pytest.raises(ValidationError) as caught:
        validate_password(password, user=user)
    return list(caught.value.messages)


@pytest.mark.parametrize(
    ("password", "expected"),
    [
        ("aaaaaaaaaaaaaaaa", "同一个字符不能连续出现超过 3 次"),
        ("woaini1314520", "这个密码太常见"),
        ("1qaz2wsx", "这个密码太常见"),
        ("Aa123456", "这个密码太常见"),
        ("Woaini1314", "这个密码太常见"),
        ("Qq123456!", "这个密码太常见"),
        ("Zhangwei@1990", "这个密码太常见"),
        ("Password2025!", "这个密码太常见"),
        ("chanjiaopingtai2026", "至少 3 类"),  # two classes: lower-case letters and digits
        ("CHANJIAO-PINGTAI", "至少 3 类"),  # upper-case letters and a symbol
        ("Xy-1111-abcd", "同一个字符不能连续出现超过 3 次"),
        ("Ab-12cd", "密码太短，至少需要 8 个字符。"),
    ],
)
def test_weak_passwords_are_refused_in_chinese(password, expected):
    messages = _refusal(password)
    assert any(expected in message for message in messages), messages
    assert all(_CHINESE.search(message) for message in messages), messages


@pytest.mark.parametrize("password", ["Chanjiao-Demo-2025", TEST_PASSWORD, "Xuexiao-Rencai-88"])
def test_good_passwords_are_accepted(password):
    validate_password(password, user=User(username="zhanghua", email="zhanghua@example.cn"))


def test_base_forms_strip_digits_and_symbols_at_either_end():
    assert password_base_forms("Qq123456!") >= {"qq123456!", "qq"}
    assert "woaini" in password_base_forms("1314Woaini520")


def test_help_texts_are_chinese():
    texts = password_validators_help_texts()
    assert len(texts) == 8
    assert all(_CHINESE.search(text) for text in texts), texts


def test_the_last_five_passwords_cannot_be_reused_the_sixth_oldest_can(catalogs):
    user = UserFactory(username="reuse")
    passwords = [f"Huanxin-Mima-{n}x" for n in range(1, 7)]  # set in order: 1 (oldest) .. 6
    for password in passwords:
        validate_password(password, user=user)
        user.set_password(password)
        user.save()

    assert PasswordHistory.objects.filter(user=user).count() == 5
    for recent in passwords[1:]:
        messages = _refusal(recent, user)
        assert "不能与最近 5 次使用过的密码相同。" in messages
    validate_password(passwords[0], user=user)  # the sixth-oldest is free again


def test_setting_a_password_records_its_time(catalogs):
    user = UserFactory(username="timed")
    later = timezone.now() + timedelta(days=3)
    with time_machine.travel(later, tick=False):
        user.set_password("Xin-Mima-2099")
        user.save()
    user.refresh_from_db()
    assert user.password_changed_at == later
    assert PasswordHistory.objects.filter(user=user).first().created_at == later


def test_a_reused_password_is_refused_on_the_change_page(client, catalogs):
    user = UserFactory(username="changer")
    client.force_login(user)
    response = client.post(
        "/account/security/password/expired/",
        {
            "old_password": TEST_PASSWORD,
            "new_password1": TEST_PASSWORD,
            "new_password2": TEST_PASSWORD,
        },
    )
    assert response.status_code == 200
    assert "不能与最近 5 次使用过的密码相同。" in response.content.decode()
