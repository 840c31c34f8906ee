import pytest
from django.db import connection

from chanjiao.audit.models import AuditEvent, AuditEventImmutableError
from chanjiao.audit.services import audit_event_record

pytestmark = pytest.mark.django_db


def test_events_cannot_be_changed_or_deleted(staff_user):
    event = audit_event_record(actor=staff_user, action="test.action")
    event.action = "tampered"
    with pytest.raises(AuditEventImmutableError):
        event.save()
    with pytest.raises(AuditEventImmutableError):
        event.delete()
    with pytest.raises(AuditEventImmutableError):
        AuditEvent.objects.filter(pk=event.pk).update(action="tampered")
    with pytest.raises(AuditEventImmutableError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.get(pk=event.pk).action == "test.action"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger is PostgreSQL's")
def test_database_refuses_raw_updates_on_postgresql(staff_user):
    from django.db import DatabaseError, transaction

    event = audit_event_record(actor=staff_user, action="test.action")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET action = 'x' WHERE id = %s", [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).action == "test.action"


def test_login_success_and_failure_are_recorded(client, recruiter):
    client.post("/login/", {"username": "recruiter", "password": "wrong-password-1"})
    client.post("/login/", {"username": "recruiter", "password": "Chanjiao-Test-2026"})
    failed = AuditEvent.objects.get(action="auth.login_failed")
    assert failed.changes == {"username": "recruiter"}
    assert failed.result == "failed"
    login = AuditEvent.objects.get(action="auth.login")
    assert (login.actor_id, login.ip_address) == (recruiter.pk, "127.0.0.1")


@pytest.mark.parametrize(
    ("_case", "persona", "expected"),
    [
        ("anonymous", None, 403),
        ("officer", "wuzhou_officer", 403),
        ("system administrator", "staff_user", 403),
        ("security administrator", "security_admin", 403),
        ("audit administrator", "audit_admin", 200),
    ],
)
def test_audit_api_is_for_the_audit_administrator_only(
    request, api_client, client_for, _case, persona, expected
):
    client = client_for(request.getfixturevalue(persona)) if persona else api_client
    audit_event_record(actor=None, action="test.visible")
    response = client.get("/api/v1/audit-events", {"action": "test.visible"})
    assert response.status_code == expected
    if expected == 200:
        assert response.json()["count"] == 1
    else:
        assert "test.visible" not in response.content.decode()
