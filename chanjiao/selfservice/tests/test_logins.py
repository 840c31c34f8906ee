"""My login history: only the person's own sign-ins, sign-outs and failures, newest first."""

import datetime

import pytest
import time_machine
from django.test import Client

from chanjiao.accounts.tests.factories import UserFactory
from chanjiao.audit.models import AuditEvent, AuditResult
from chanjiao.audit.services import audit_event_record
from chanjiao.selfservice.logins import login_events

pytestmark = pytest.mark.django_db


def test_only_own_events_newest_first(person):
    other = UserFactory(username="lisi")
    client = Client()
    client.post("/login/", {"username": "zhangsan", "password": "wrong-password"})
    client.post("/login/", {"username": "lisi", "password": "wrong-password"})
    audit_event_record(actor=other, action="auth.login", target=other)
    audit_event_record(actor=person, action="auth.login", target=person)
    audit_event_record(actor=person, action="listing.create")  # not a sign-in event
    person_client = Client()
    person_client.force_login(person)  # signs in: one more auth.login
    audit_event_record(actor=person, action="auth.second_factor.failed", result=AuditResult.FAILED)

    events = list(login_events(user=person))
    assert [e.action for e in events] == [
        "auth.second_factor.failed",
        "auth.login",
        "auth.login",
        "auth.login_failed",
    ]
    assert {e.actor_id for e in events[:3]} == {person.pk}
    body = person_client.get("/account/logins/").content.decode()
    assert body.count("<li>") >= 3
    assert '<strong>登录（密码错误）</strong> · <span class="result-failed">失败</span>' in body
    assert '<strong>二次验证</strong> · <span class="result-failed">失败</span>' in body
    assert "lisi" not in body
    assert "来源地址：127.0.0.1" in body


def test_time_shown_in_china(person, person_client):
    moment = datetime.datetime(2026, 3, 1, 17, 30, tzinfo=datetime.UTC)  # 01:30 on 2 March in China
    with time_machine.travel(moment, tick=False):
        audit_event_record(actor=person, action="auth.logout", target=person)
    body = person_client.get("/account/logins/").content.decode()
    assert "2026-03-02 01:30:00" in body
    assert "退出登录" in body


def test_paginated_twenty_a_page(person, person_client):
    for _ in range(24):  # and the sign-in of person_client: 25
        audit_event_record(actor=person, action="auth.login", target=person)
    assert AuditEvent.objects.filter(action="auth.login", actor=person).count() == 25
    first = person_client.get("/account/logins/").content.decode()
    assert first.count("<strong>登录</strong>") == 20
    assert "第 1 / 2 页，共 25 条" in first
    second = person_client.get("/account/logins/?page=2").content.decode()
    assert second.count("<strong>登录</strong>") == 5
