"""Changing the password, and finding a forgotten one by e-mail (unlocking a locked account)."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client

from chanjiao.accounts.models import User
from chanjiao.accounts.tests.factories import TEST_PASSWORD
from chanjiao.audit.models import AuditEvent
from chanjiao.selfservice.tests.conftest import NEW_PASSWORD

pytestmark = pytest.mark.django_db

RESET_SENT_TEXT = "如果您输入的邮箱已在平台注册"


def _login(client: Client, username: str, password: str):
    return client.post("/login/", {"username": username, "password": password})


def test_wrong_old_password_is_refused_in_chinese(person, person_client):
    response = person_client.post(
        "/account/password/",
        {
            "old_password": "not-my-password",
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
    )
    assert response.status_code == 200
    assert "原密码不正确，请重新输入。" in response.content.decode()
    person.refresh_from_db()
    assert person.check_password(TEST_PASSWORD)
    assert not AuditEvent.objects.filter(action="account.password_change").exists()


def test_mismatched_new_passwords_are_refused(person, person_client):
    response = person_client.post(
        "/account/password/",
        {
            "old_password": TEST_PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD + "x",
        },
    )
    assert "两次输入的新密码不一致" in response.content.decode()
    person.refresh_from_db()
    assert person.check_password(TEST_PASSWORD)


def test_change_keeps_the_session_and_is_audited(person, person_client):
    before = person.password_changed_at
    response = person_client.post(
        "/account/password/",
        {
            "old_password": TEST_PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == "/account/"
    assert "密码已修改" in response.content.decode()
    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD)
    assert person.password_changed_at > before
    # Still signed in with the same session.
    assert person_client.get("/account/").status_code == 200
    event = AuditEvent.objects.get(action="account.password_change")
    assert event.actor_id == person.pk


def test_change_page_needs_sign_in():
    response = Client().get("/account/password/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def _reset_link(message) -> str:
    match = re.search(r"http://testserver(/account/password/reset/[^/\s]+/[^/\s]+/)", message.body)
    assert match is not None, message.body
    return match.group(1)


def test_reset_by_email_end_to_end(person):
    client = Client()
    page = client.get("/account/password/reset/")
    assert "找回密码" in page.content.decode()
    response = client.post(
        "/account/password/reset/", {"email": "ZhangSan@Example.cn"}, follow=True
    )
    assert RESET_SENT_TEXT in response.content.decode()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["zhangsan@example.cn"]
    assert message.subject == "产教融合信息服务平台：重置密码"
    assert "张三，您好" in message.body
    link = _reset_link(message)
    form_page = client.get(link, follow=True)
    assert "设置新密码" in form_page.content.decode()
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(
        set_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}, follow=True
    )
    assert done.redirect_chain[-1][0] == "/account/password/reset/done/"
    assert "新密码已设置" in done.content.decode()
    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD)
    event = AuditEvent.objects.get(action="account.password_reset")
    assert event.target_id == str(person.pk)
    # The link works once only.
    again = client.get(link, follow=True)
    assert "链接已失效" in again.content.decode()


def test_reset_weak_password_refused(person):
    client = Client()
    client.post("/account/password/reset/", {"email": person.email})
    form_page = client.get(_reset_link(mail.outbox[0]), follow=True)
    response = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": "123", "new_password2": "123"}
    )
    assert response.status_code == 200
    assert "新密码" in response.content.decode()
    assert 'class="errorlist' in response.content.decode()
    person.refresh_from_db()
    assert person.check_password(TEST_PASSWORD)


def test_unknown_email_gets_the_same_answer(person):
    client = Client()
    known = client.post("/account/password/reset/", {"email": person.email}, follow=True)
    unknown = client.post("/account/password/reset/", {"email": "nobody@example.cn"}, follow=True)
    assert unknown.redirect_chain == known.redirect_chain
    assert unknown.status_code == known.status_code == 200
    assert RESET_SENT_TEXT in unknown.content.decode()
    assert len(mail.outbox) == 1  # only the known address got a message


def test_bad_email_is_named(catalogs):
    response = Client().post("/account/password/reset/", {"email": "not-an-email"})
    assert "电子邮箱格式不正确" in response.content.decode()
    assert len(mail.outbox) == 0


def test_reset_unlocks_an_account_locked_by_wrong_passwords(person):
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, person.username, "wrong-password")
    locked = _login(client, person.username, TEST_PASSWORD)
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session
    client.post("/account/password/reset/", {"email": person.email})
    form_page = client.get(_reset_link(mail.outbox[0]), follow=True)
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    signed_in = _login(client, person.username, NEW_PASSWORD)
    assert signed_in.status_code == 302
    assert client.session["_auth_user_id"] == str(person.pk)
    assert User.objects.get(pk=person.pk).check_password(NEW_PASSWORD)
