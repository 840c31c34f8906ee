"""Editing one's own name, e-mail and mobile."""

import pytest
from django.db import connection

from chanjiao.accounts.models import User
from chanjiao.accounts.tests.factories import UserFactory
from chanjiao.audit.models import AuditEvent
from chanjiao.common.crypto import blind_index
from chanjiao.common.exceptions import ApplicationError
from chanjiao.selfservice.profile import ProfileInput, profile_update

pytestmark = pytest.mark.django_db


def _post(client, **values):
    data = {"real_name": "张三丰", "email": "zsf@example.cn", "phone": "13700001111", **values}
    return client.post("/account/profile/", data, follow=True)


def test_edit_saves_and_audits_with_phone_masked(person, person_client):
    response = _post(person_client)
    assert response.redirect_chain[-1][0] == "/account/"
    assert "个人资料已保存。" in response.content.decode()
    person.refresh_from_db()
    assert (person.real_name, person.email, person.phone) == (
        "张三丰",
        "zsf@example.cn",
        "13700001111",
    )
    event = AuditEvent.objects.get(action="account.profile_update")
    assert event.actor_id == person.pk
    assert event.changes == {
        "real_name": ["张三", "张三丰"],
        "email": ["zhangsan@example.cn", "zsf@example.cn"],
        "phone": ["139****5678", "137****1111"],
    }
    assert "13912345678" not in str(event.changes)
    assert "13700001111" not in str(event.changes)


def test_duplicate_email_refused_case_insensitively(person, person_client):
    UserFactory(username="lisi", email="Lisi@Example.cn")
    response = _post(person_client, email="LISI@example.CN")
    assert response.status_code == 200
    assert "该电子邮箱已被其他账号使用，请换一个。" in response.content.decode()
    person.refresh_from_db()
    assert person.email == "zhangsan@example.cn"
    assert person.real_name == "张三"
    assert not AuditEvent.objects.filter(action="account.profile_update").exists()


@pytest.mark.parametrize("phone", ["1391234567", "23912345678", "139-1234-5678", "1391234567a"])
def test_bad_phone_refused(person, person_client, phone):
    response = _post(person_client, phone=phone)
    assert "手机号应为以 1 开头的 11 位数字。" in response.content.decode()
    person.refresh_from_db()
    assert person.phone == "13912345678"


def test_empty_name_and_bad_email_refused(person, person_client):
    assert "请填写姓名。" in _post(person_client, real_name="  ").content.decode()
    assert "电子邮箱格式不正确" in _post(person_client, email="zsf@").content.decode()
    person.refresh_from_db()
    assert person.real_name == "张三"


def test_unchanged_values_write_no_audit_row(person):
    profile_update(
        actor=person,
        data=ProfileInput(real_name="张三", email="zhangsan@example.cn", phone="13912345678"),
    )
    assert not AuditEvent.objects.filter(action="account.profile_update").exists()


def test_service_names_the_field(person):
    with pytest.raises(ApplicationError) as caught:
        profile_update(actor=person, data=ProfileInput(real_name="张三", email="", phone="12"))
    assert caught.value.extra["fields"] == {"phone": ["手机号应为以 1 开头的 11 位数字。"]}


def test_account_page_shows_masked_personal_numbers(person, person_client):
    body = person_client.get("/account/").content.decode()
    assert "账号与安全" in body
    assert "139****5678" in body
    assert "13912345678" not in body
    assert "4504**********1234" in body
    for path in (
        "/account/password/",
        "/account/profile/",
        "/account/logins/",
        "/account/consents/",
        "/account/data/",
        "/account/delete/",
        "/account/security/",
    ):
        assert f'href="{path}"' in body


def test_a_new_phone_is_stored_encrypted_and_found_by_its_blind_index(person):
    profile_update(
        actor=person,
        data=ProfileInput(real_name="张三", email="z@example.com", phone="13600003333"),
    )

    found = User.objects.get(phone_index=blind_index("13600003333", purpose="phone"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT phone FROM accounts_user WHERE id = %s", [person.pk])
        raw = cursor.fetchone()[0]
    assert found == person
    assert raw.startswith("sm4gcm:")
    assert "13600003333" not in raw
