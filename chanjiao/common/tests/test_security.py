import os
import subprocess
import sys
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.utils import timezone
from rest_framework.authentication import BasicAuthentication
from rest_framework.settings import api_settings

from chanjiao.common.masking import mask_id_number, mask_phone

pytestmark = pytest.mark.django_db


PRODUCTION = {
    "DJANGO_SECRET_KEY": "p" * 20 + "-production-secret-" + "q9Z" * 10,
    "DJANGO_ALLOWED_HOSTS": "chanjiao.example.gov.cn",
    "CHANJIAO_DATA_KEYS": "index:" + "3c" * 32 + ",1:" + "9d" * 16,
}


def _check_deploy(tmp_path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """``chanjiao check --deploy`` in a fresh process with these settings (warnings fail it)."""
    base = {
        "PATH": os.environ["PATH"],
        # Packages installed outside the environment's site-packages (a developer's PYTHONPATH).
        **({"PYTHONPATH": os.environ["PYTHONPATH"]} if "PYTHONPATH" in os.environ else {}),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "CHANJIAO_DATA_DIR": str(tmp_path),
    }
    return subprocess.run(
        [sys.executable, "-m", "chanjiao", "check", "--deploy", "--fail-level", "WARNING"],
        env={**base, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_deploy_reports_no_issues_under_production_settings(tmp_path):
    result = _check_deploy(tmp_path, PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_plain_http_demo_settings_are_reported_by_check_deploy(tmp_path):
    result = _check_deploy(tmp_path, {"CHANJIAO_HTTPS": "0"})
    assert result.returncode != 0
    assert "security.W008" in result.stderr + result.stdout


@pytest.mark.parametrize(
    ("weakening", "check_id"),
    [
        ({"CHANJIAO_SECOND_FACTOR_REQUIRED": "0"}, "chanjiao.W001"),
        ({"CHANJIAO_BEHIND_PROXY": "1"}, "chanjiao.W002"),
        ({"CHANJIAO_DATA_KEYS": ""}, "chanjiao.W003"),
        ({"CHANJIAO_DATA_KEYS": "1:abcd"}, "chanjiao.E003"),
    ],
)
def test_weakened_identity_settings_are_reported_by_check_deploy(tmp_path, weakening, check_id):
    result = _check_deploy(tmp_path, {**PRODUCTION, **weakening})
    assert result.returncode != 0
    assert check_id in result.stderr + result.stdout
    # With a trusted proxy configured the proxy warning goes away.
    if check_id == "chanjiao.W002":
        trusted = {**PRODUCTION, **weakening, "CHANJIAO_TRUSTED_PROXIES": "10.0.0.0/8"}
        assert _check_deploy(tmp_path, trusted).returncode == 0


def test_rest_framework_defaults_are_closed():
    assert [p.__name__ for p in api_settings.DEFAULT_PERMISSION_CLASSES] == ["IsAuthenticated"]
    assert BasicAuthentication not in api_settings.DEFAULT_AUTHENTICATION_CLASSES
    assert api_settings.DEFAULT_PAGINATION_CLASS is not None
    assert {"anon", "user"} <= set(settings.REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"])


def test_basic_auth_is_not_accepted(api_client, recruiter):
    api_client.credentials(HTTP_AUTHORIZATION="Basic cmVjcnVpdGVyOkNoYW5qaWFvLVRlc3QtMjAyNg==")
    assert api_client.get("/api/v1/me").status_code == 403


def test_session_expires_after_thirty_idle_minutes_at_most(client, recruiter):
    client.force_login(recruiter)
    client.get("/")
    session = Session.objects.get(session_key=client.session.session_key)
    remaining = session.expire_date - timezone.now()
    assert timedelta(minutes=29) < remaining <= timedelta(minutes=30)

    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() - timedelta(seconds=1))

    assert client.get("/api/v1/me").status_code == 403


def test_login_is_locked_after_repeated_failures(client, recruiter):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/login/", {"username": "recruiter", "password": "not-the-password"})
    response = client.post("/login/", {"username": "recruiter", "password": "Chanjiao-Test-2026"})
    assert response.status_code == 429
    assert "登录失败次数过多" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_wrong_password_shows_a_chinese_message(client, recruiter):
    response = client.post("/login/", {"username": "recruiter", "password": "nope-nope-nope"})
    assert response.status_code == 200
    assert "请输入一个正确的用户名和密码。注意，两者都区分大小写。" in response.content.decode()


@pytest.mark.parametrize("password", ["short1!", "12345678901", "password123"])
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_masking():
    assert mask_phone("13812345678") == "138****5678"
    assert mask_id_number("45040320000101123X") == "4504**********123X"
    assert mask_phone("") == ""


def test_pages_send_security_headers(client, catalogs):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
