"""The /api/v1/me/ endpoints of 账号与安全."""

import pytest
from rest_framework.test import APIClient

from chanjiao.accounts.models import User
from chanjiao.accounts.tests.factories import TEST_PASSWORD, UserFactory
from chanjiao.audit.models import AuditEvent
from chanjiao.listings.services import profile_consent_grant
from chanjiao.selfservice.tests.conftest import NEW_PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(person) -> APIClient:
    client = APIClient()
    client.force_login(person)
    return client


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("put", "/api/v1/me/profile/"),
        ("post", "/api/v1/me/password/"),
        ("get", "/api/v1/me/logins/"),
        ("get", "/api/v1/me/consents/"),
        ("post", "/api/v1/me/consents/1/withdraw/"),
        ("get", "/api/v1/me/data/"),
        ("post", "/api/v1/me/delete/"),
    ],
)
def test_anonymous_refused(catalogs, method, path):
    response = getattr(APIClient(), method)(path, {}, format="json")
    assert response.status_code == 403
    assert not AuditEvent.objects.exclude(action__startswith="auth.").exists()


def test_profile_update_names_the_field(person, api):
    UserFactory(username="lisi", email="lisi@example.cn")
    data = {"real_name": "张三", "email": "LISI@example.cn", "phone": "13912345678"}
    response = api.put("/api/v1/me/profile/", data, format="json")
    assert response.status_code == 400
    assert response.json()["extra"]["fields"] == {
        "email": ["该电子邮箱已被其他账号使用，请换一个。"]
    }
    ok = api.put("/api/v1/me/profile/", {**data, "email": "zs@example.cn"}, format="json")
    assert ok.status_code == 200
    assert ok.json()["phone"] == "139****5678"
    assert User.objects.get(pk=person.pk).email == "zs@example.cn"


def test_password_change(person, api):
    wrong = api.post(
        "/api/v1/me/password/",
        {"old_password": "x", "new_password": NEW_PASSWORD, "new_password_again": NEW_PASSWORD},
        format="json",
    )
    assert wrong.status_code == 400
    assert wrong.json()["message"] == "原密码不正确，请重新输入。"
    ok = api.post(
        "/api/v1/me/password/",
        {
            "old_password": TEST_PASSWORD,
            "new_password": NEW_PASSWORD,
            "new_password_again": NEW_PASSWORD,
        },
        format="json",
    )
    assert ok.status_code == 204
    assert User.objects.get(pk=person.pk).check_password(NEW_PASSWORD)
    assert api.get("/api/v1/me/logins/").status_code == 200  # session kept


def test_logins_and_consents(person, api, job_profile, enterprise):
    consent = profile_consent_grant(actor=person, profile=job_profile, organization=enterprise)
    logins = api.get("/api/v1/me/logins/").json()
    assert logins["count"] == 1
    assert logins["results"][0]["what"] == "登录"
    consents = api.get("/api/v1/me/consents/").json()
    assert [c["organization"] for c in consents["results"]] == ["梧州六堡茶业有限公司"]
    withdrawn = api.post(f"/api/v1/me/consents/{consent.pk}/withdraw/")
    assert withdrawn.status_code == 200
    assert withdrawn.json()["withdrawn_at"] is not None
    again = api.post(f"/api/v1/me/consents/{consent.pk}/withdraw/")
    assert again.status_code == 400


def test_data_copy_is_audited(person, api):
    response = api.get("/api/v1/me/data/")
    assert response.status_code == 200
    assert response.json()["账号"]["手机号"] == "13912345678"
    assert AuditEvent.objects.get(action="personal_data.export").actor_id == person.pk


def test_delete(person, api):
    refused = api.post(
        "/api/v1/me/delete/", {"password": TEST_PASSWORD, "confirmation": "好"}, format="json"
    )
    assert refused.status_code == 400
    assert User.objects.get(pk=person.pk).is_active
    response = api.post(
        "/api/v1/me/delete/", {"password": TEST_PASSWORD, "confirmation": "确认注销"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["memberships_deactivated"] == 0
    assert not User.objects.get(pk=person.pk).is_active
    assert api.get("/api/v1/me/logins/").status_code == 403
