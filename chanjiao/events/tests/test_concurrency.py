"""Two people take the last seat at the same moment: exactly one gets it (PostgreSQL row lock)."""

import time

import pytest
from django.db import connection

from chanjiao.common.tests.concurrent_requests import post_at_once
from chanjiao.events.models import EventRegistration
from chanjiao.events.services import registrations as services

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="两个连接争用行锁，只在 PostgreSQL 上测试"
    ),
    pytest.mark.django_db(transaction=True),
]


def test_two_people_cannot_take_the_last_seat(make_event, student, outsider, monkeypatch):
    event = make_event(student_capacity=1)
    # Hold the event's lock a little longer, so the second request surely waits on it.
    record = services.audit_event_record

    def slow_record(**kwargs):
        time.sleep(0.3)
        return record(**kwargs)

    monkeypatch.setattr(services, "audit_event_record", slow_record)
    people = [student, outsider]
    results = post_at_once(people, f"/api/v1/events/{event.pk}/register/")

    codes = sorted(code for code, _ in results.values())
    assert codes == [201, 400], results
    loser = next(body for code, body in results.values() if code == 400)
    assert loser["message"] == "报名人数已满（上限 1 人）。"
    assert EventRegistration.objects.filter(event=event, state="registered").count() == 1
