"""Privileged accounts must change their password every 90 days; others need not."""

from datetime import timedelta

import pytest
import time_machine
from django.test import override_settings
from django.utils import timezone

from chanjiao.accounts.passwords import password_expired
from chanjiao.accounts.tests.factories import TEST_PASSWORD

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.usefixtures("catalogs"),
]
ninety_days = override_settings(CHANJIAO_PASSWORD_MAX_AGE_DAYS=90)
EXPIRED_PAGE = "/account/security/password/expired/"


@ninety_days
def test_an_expired_privileged_password_must_be_changed_first(client, wuzhou_officer):
    with time_machine.travel(timezone.now() + timedelta(days=89), tick=False):
        client.force_login(wuzhou_officer)
        assert client.get("/info/").status_code == 200

    with time_machine.travel(timezone.now() + timedelta(days=90, minutes=1), tick=False):
        client.force_login(wuzhou_officer)
        page = client.get("/info/")
        assert page.status_code == 302
        assert page["Location"] == f"{EXPIRED_PAGE}?next=%2Finfo%2F"
        api = client.get("/api/v1/me")
        assert api.status_code == 403
        assert api.json()["extra"] == {"code": "password_expired"}
        assert "密码已超过有效期" in api.json()["message"]

        form = client.get(EXPIRED_PAGE)
        assert form.status_code == 200
        assert "您的密码已超过有效期" in form.content.decode()
        changed = client.post(
            EXPIRED_PAGE,
            {
                "old_password": TEST_PASSWORD,
                "new_password1": "Xin-Mima-Wuzhou-9",
                "new_password2": "Xin-Mima-Wuzhou-9",
                "next": "/info/",
            },
        )
        assert changed.status_code == 302
        assert changed["Location"] == "/info/"
        assert client.get("/info/").status_code == 200  # still signed in, no longer held
        wuzhou_officer.refresh_from_db()
        assert not password_expired(wuzhou_officer)


@ninety_days
def test_a_student_password_does_not_expire(client, student):
    with time_machine.travel(timezone.now() + timedelta(days=400), tick=False):
        client.force_login(student)
        assert client.get("/").status_code == 200
        assert client.get("/api/v1/me").status_code == 200
        assert not password_expired(student)


@ninety_days
def test_staff_passwords_expire_too(staff_user):
    assert not password_expired(staff_user)
    assert password_expired(staff_user, now=timezone.now() + timedelta(days=91))


@override_settings(CHANJIAO_PASSWORD_MAX_AGE_DAYS=0)
def test_zero_days_means_never(staff_user):
    assert not password_expired(staff_user, now=timezone.now() + timedelta(days=3650))
