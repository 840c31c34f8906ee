"""Second factor: required of privileged accounts, set up with a first code, asked per session."""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.test import Client, override_settings
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from chanjiao.accounts.tests.factories import TEST_PASSWORD, UserFactory
from chanjiao.accounts.two_factor import (
    totp_code_now,
    totp_device_ensure,
    totp_device_pending,
    totp_provisioning_uri,
    user_is_privileged,
)
from chanjiao.audit.models import AuditEvent

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("catalogs")]

enforced = override_settings(CHANJIAO_SECOND_FACTOR_REQUIRED=True)
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
SETUP = "/account/security/two-factor/setup/"
VERIFY = "/account/security/two-factor/verify/"


def _signed_in(user) -> Client:
    client = Client()
    response = client.post("/login/", {"username": user.username, "password": TEST_PASSWORD})
    assert response.status_code == 302, "the password sign-in itself must succeed"
    return client


def _code(device: TOTPDevice, offset_steps: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = timezone.now().timestamp() + offset_steps * device.step
    return f"{totp.token():06d}"


def _events(action: str) -> int:
    return AuditEvent.objects.filter(action=action).count()


def test_who_is_privileged(wuzhou_officer, staff_user, audit_admin, recruiter, student):
    assert user_is_privileged(wuzhou_officer)  # 政府管理员
    assert user_is_privileged(staff_user)
    assert user_is_privileged(audit_admin)
    assert not user_is_privileged(recruiter)
    assert not user_is_privileged(student)


@enforced
def test_a_privileged_user_without_second_factor_is_held_until_set_up_and_verified(
    wuzhou_officer,
):
    client = _signed_in(wuzhou_officer)

    api = client.get("/api/v1/me")
    assert api.status_code == 403
    assert api.json() == {
        "message": "请先完成二次验证（动态口令）。",
        "extra": {"code": "second_factor_required"},
    }
    page = client.get("/info/?kind=job")
    assert page.status_code == 302
    assert page["Location"] == f"{SETUP}?next=%2Finfo%2F%3Fkind%3Djob"
    assert client.get("/admin/").status_code == 302

    setup = client.get(SETUP)
    assert setup.status_code == 200
    body = setup.content.decode()
    assert "<svg" in body
    assert 'inputmode="numeric"' in body
    assert "one-time-code" in body
    device = TOTPDevice.objects.get(user=wuzhou_officer, confirmed=False)
    secret = re.search(r'class="totp-secret"[^>]*>([A-Z2-7 ]+)<', body).group(1)
    assert secret.replace(" ", "") == device.config_url.split("secret=")[1].split("&")[0]

    wrong = client.post(SETUP, {"code": "000000" if _code(device) != "000000" else "111111"})
    assert wrong.status_code == 200
    assert "动态口令不正确" in wrong.content.decode()
    assert client.get("/api/v1/me").status_code == 403

    done = client.post(SETUP, {"code": _code(device), "next": "/info/"})
    assert done.status_code == 200
    codes = re.findall(r"<code>([a-z2-9]{4}-[a-z2-9]{4})</code>", done.content.decode())
    assert len(codes) == 10
    assert len(set(codes)) == 10
    assert _events("auth.second_factor.setup") == 1

    assert client.get("/api/v1/me").status_code == 200
    assert client.get("/info/").status_code == 200


@enforced
def test_the_next_sign_in_asks_for_the_code_refuses_a_wrong_one_accepts_the_right_one(
    wuzhou_officer,
):
    device = totp_device_ensure(wuzhou_officer, SECRET)
    client = _signed_in(wuzhou_officer)
    page = client.get("/")
    assert page.status_code == 302
    assert page["Location"] == f"{VERIFY}?next=%2F"

    wrong = _code(device, offset_steps=5)  # a real code, but from 2.5 minutes ahead
    response = client.post(VERIFY, {"code": wrong, "next": "/"})
    assert response.status_code == 200
    assert "验证码不正确，还可再试 4 次" in response.content.decode()
    assert (
        AuditEvent.objects.filter(action="auth.second_factor.failed", result="failed").count() == 1
    )
    assert client.get("/api/v1/me").status_code == 403

    response = client.post(VERIFY, {"code": totp_code_now(wuzhou_officer), "next": "/"})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert _events("auth.second_factor.verified") == 1
    assert client.get("/api/v1/me").status_code == 200


@enforced
def test_wrong_codes_are_limited_per_account(wuzhou_officer):
    totp_device_ensure(wuzhou_officer, SECRET)
    with time_machine.travel(timezone.now(), tick=False) as clock:
        client = _signed_in(wuzhou_officer)
        for _ in range(5):
            client.post(
                VERIFY,
                {"code": "999999" if totp_code_now(wuzhou_officer) != "999999" else "888888"},
            )
        right = client.post(VERIFY, {"code": totp_code_now(wuzhou_officer)})
        assert right.status_code == 200  # the form again: even the right code is refused
        assert "验证码错误次数过多，请 15 分钟后再试" in right.content.decode()
        assert client.get("/api/v1/me").status_code == 403
        assert _events("auth.second_factor.throttled") == 1

        clock.shift(timedelta(minutes=15, seconds=1))
        client = _signed_in(wuzhou_officer)
        response = client.post(VERIFY, {"code": totp_code_now(wuzhou_officer), "next": "/"})
        assert response.status_code == 302


@enforced
def test_a_recovery_code_works_once(wuzhou_officer):
    first = _signed_in(wuzhou_officer)
    device = totp_device_pending(wuzhou_officer)
    done = first.post(SETUP, {"code": _code(device)})
    code = re.findall(r"<code>([a-z2-9]{4}-[a-z2-9]{4})</code>", done.content.decode())[0]

    second = _signed_in(wuzhou_officer)
    response = second.post(VERIFY, {"recovery_code": code.upper(), "next": "/info/"})
    assert response.status_code == 302
    assert response["Location"] == "/info/"
    assert second.get("/api/v1/me").status_code == 200
    assert _events("auth.second_factor.recovery_used") == 1

    third = _signed_in(wuzhou_officer)
    again = third.post(VERIFY, {"recovery_code": code, "next": "/"})
    assert again.status_code == 200
    assert "验证码不正确" in again.content.decode()
    assert third.get("/api/v1/me").status_code == 403


@enforced
def test_a_password_alone_cannot_replace_an_existing_authenticator(wuzhou_officer):
    totp_device_ensure(wuzhou_officer, SECRET)
    client = _signed_in(wuzhou_officer)
    response = client.get(SETUP)
    assert response.status_code == 302
    assert response["Location"].startswith(VERIFY)
    assert not TOTPDevice.objects.filter(user=wuzhou_officer, confirmed=False).exists()


@enforced
def test_a_non_privileged_user_is_not_asked_and_may_turn_it_on_and_off(recruiter):
    client = _signed_in(recruiter)
    assert client.get("/").status_code == 200
    assert client.get("/api/v1/me").status_code == 200
    assert "开启二次验证" in client.get("/account/security/").content.decode()

    device = totp_device_pending(recruiter)
    client.post(SETUP, {"code": _code(device)})
    assert _signed_in(recruiter).get("/").status_code == 302  # turned on: asked from now on

    assert client.post("/account/security/two-factor/disable/").status_code == 302
    assert not TOTPDevice.objects.filter(user=recruiter).exists()
    assert _events("auth.second_factor.disabled") == 1
    assert _signed_in(recruiter).get("/").status_code == 200


@enforced
def test_a_privileged_user_cannot_turn_it_off(wuzhou_officer):
    client = _signed_in(wuzhou_officer)
    device = totp_device_pending(wuzhou_officer)
    client.post(SETUP, {"code": _code(device)})
    response = client.post("/account/security/two-factor/disable/")
    assert response.status_code == 403
    assert TOTPDevice.objects.filter(user=wuzhou_officer, confirmed=True).exists()
    assert AuditEvent.objects.filter(action="auth.second_factor.disable", result="denied").exists()


@enforced
def test_new_recovery_codes_replace_the_old_ones(recruiter):
    client = _signed_in(recruiter)
    device = totp_device_pending(recruiter)
    first = client.post(SETUP, {"code": _code(device)}).content.decode()
    old = re.findall(r"<code>([a-z2-9]{4}-[a-z2-9]{4})</code>", first)
    new_page = client.post("/account/security/two-factor/recovery-codes/").content.decode()
    new = re.findall(r"<code>([a-z2-9]{4}-[a-z2-9]{4})</code>", new_page)
    assert len(new) == 10
    assert not set(new) & set(old)
    other = _signed_in(recruiter)
    assert other.post(VERIFY, {"recovery_code": old[0]}).status_code == 200  # refused
    assert other.post(VERIFY, {"recovery_code": new[0]}).status_code == 302


def test_enforcement_can_be_switched_off(wuzhou_officer):
    client = _signed_in(wuzhou_officer)  # settings_testing: CHANJIAO_SECOND_FACTOR_REQUIRED off
    assert client.get("/api/v1/me").status_code == 200


def test_a_superuser_cannot_sign_in_on_the_web():
    root = UserFactory(username="root", is_staff=True, is_superuser=True)
    client = Client()
    response = client.post("/login/", {"username": root.username, "password": TEST_PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert root.check_password(TEST_PASSWORD)  # the password is right: the account is refused


def test_the_provisioning_address_names_the_issuer(wuzhou_officer):
    device = totp_device_ensure(wuzhou_officer, SECRET)
    issuer = "%E4%BA%A7%E6%95%99%E8%9E%8D%E5%90%88%E5%B9%B3%E5%8F%B0"  # 产教融合平台
    assert totp_provisioning_uri(device).startswith(
        f"otpauth://totp/{issuer}:{wuzhou_officer.username}?secret={SECRET}&issuer={issuer}"
    )


def test_totp_device_ensure_is_idempotent(wuzhou_officer):
    first = totp_device_ensure(wuzhou_officer, SECRET)
    second = totp_device_ensure(wuzhou_officer, SECRET.lower())
    assert first.pk == second.pk
    assert second.confirmed
    assert TOTPDevice.objects.filter(user=wuzhou_officer).count() == 1
    other = totp_device_ensure(wuzhou_officer, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
    assert TOTPDevice.objects.filter(user=wuzhou_officer).get().pk == other.pk
    assert totp_code_now(wuzhou_officer) == _code(other)


def test_demo_totp_prints_the_code_of_a_demo_account_only(capsys):
    demo = UserFactory(username="demo_officer", is_demo=True)
    totp_device_ensure(demo, SECRET)
    with time_machine.travel(timezone.now(), tick=False):
        call_command("demo_totp", "demo_officer")
        assert capsys.readouterr().out.strip() == totp_code_now(demo)

    real = UserFactory(username="real_officer")
    totp_device_ensure(real, SECRET)
    with pytest.raises(CommandError, match="只能显示演示账号的动态口令"):
        call_command("demo_totp", "real_officer")


@enforced
def test_a_held_user_still_reaches_the_security_pages_and_the_logout(wuzhou_officer):
    client = _signed_in(wuzhou_officer)
    overview = client.get("/account/security/")
    assert overview.status_code == 200
    assert "必须开启二次验证" in overview.content.decode()
    admin = client.get("/admin/")
    assert admin.status_code == 302
    assert admin["Location"].startswith(SETUP)
    assert client.post("/logout/").status_code == 302
    assert "_auth_user_id" not in client.session
