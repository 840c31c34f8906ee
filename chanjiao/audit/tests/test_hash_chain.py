"""The audit log's hash chain: every change, removal or insertion is found by audit_verify."""

import threading
import uuid

import psycopg
import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext

from chanjiao.audit.chain import GENESIS, event_digest
from chanjiao.audit.models import AuditEvent
from chanjiao.audit.selectors import audit_chain_verify
from chanjiao.audit.services import audit_event_record

pytestmark = pytest.mark.django_db
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="roles and advisory locks are PostgreSQL's"
)


def _tamper(sql: str, params: list[object]) -> None:
    """Change the table behind the application's back, as the table's owner would."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "ALTER TABLE audit_auditevent DISABLE TRIGGER audit_auditevent_append_only"
            )
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute(
                "ALTER TABLE audit_auditevent ENABLE TRIGGER audit_auditevent_append_only"
            )


def _events(staff_user, count=5):
    return [
        audit_event_record(
            actor=staff_user if i % 2 else None,
            action=f"test.step{i}",
            target=staff_user,
            changes={"n": i, "名称": ["旧", "新"], "ratio": 2.0, "nested": {"b": 1, "a": (1, 2)}},
        )
        for i in range(count)
    ]


def test_each_event_links_to_the_previous_one(staff_user):
    before = AuditEvent.objects.order_by("-pk").first()
    events = _events(staff_user)
    assert events[0].prev_hash == (before.entry_hash if before else GENESIS)
    for previous, event in zip(events, events[1:], strict=False):
        assert event.prev_hash == previous.entry_hash
    stored = AuditEvent.objects.get(pk=events[2].pk)
    fields = {name: getattr(stored, name) for name in ("occurred_at", "action", "changes")}
    assert fields["changes"]["nested"]["a"] == [1, 2]
    # The digest recomputed from what the database gives back equals the one stored.
    row = AuditEvent.objects.filter(pk=stored.pk).values().get()
    assert event_digest(row, row["prev_hash"]) == stored.entry_hash
    report = audit_chain_verify()
    assert report.intact
    assert report.head_id == events[-1].pk
    assert report.head_hash == events[-1].entry_hash


def test_a_changed_event_is_reported_with_its_id(staff_user):
    events = _events(staff_user)
    _tamper("UPDATE audit_auditevent SET action = %s WHERE id = %s", ["test.forged", events[2].pk])
    report = audit_chain_verify()
    assert report.broken is not None
    assert report.broken.event_id == events[2].pk
    assert "内容被改动" in report.broken.reason
    with pytest.raises(CommandError, match=f"编号 {events[2].pk} "):
        call_command("audit_verify")


def test_a_removed_event_breaks_the_next_link(staff_user):
    events = _events(staff_user)
    _tamper("DELETE FROM audit_auditevent WHERE id = %s", [events[1].pk])
    report = audit_chain_verify()
    assert report.broken is not None
    assert report.broken.event_id == events[2].pk
    assert "删除或插入" in report.broken.reason


def test_a_cut_tail_is_found_against_the_saved_head(staff_user, capsys):
    events = _events(staff_user)
    call_command("audit_verify")
    assert events[-1].entry_hash in capsys.readouterr().out
    _tamper("DELETE FROM audit_auditevent WHERE id >= %s", [events[3].pk])
    call_command("audit_verify")  # what is left is a valid chain...
    with pytest.raises(CommandError, match="链尾被截去"):  # ...but the saved head is gone
        call_command("audit_verify", expect_head=events[-1].entry_hash)


def test_the_chain_cannot_fork(staff_user):
    from django.db import IntegrityError, transaction

    event = _events(staff_user, 1)[0]
    with pytest.raises(IntegrityError), transaction.atomic():
        AuditEvent.objects.create(action="test.fork", prev_hash=event.prev_hash, entry_hash="x")


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_keep_one_chain(staff_user):
    errors: list[BaseException] = []

    def write(worker: int) -> None:
        try:
            for i in range(15):
                audit_event_record(actor=None, action=f"test.concurrent{worker}.{i}")
        except BaseException as error:  # noqa: BLE001  (reported by the assertion below)
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert AuditEvent.objects.filter(action__startswith="test.concurrent").count() == 60
    report = audit_chain_verify()
    assert report.intact, report.broken


@postgres_only
def test_appending_takes_the_chain_lock(staff_user):
    with CaptureQueriesContext(connection) as queries:
        audit_event_record(actor=None, action="test.locked")
    assert any("pg_advisory_xact_lock" in q["sql"] for q in queries.captured_queries)


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_the_application_role_can_append_but_never_change_the_log():
    role = f"chanjiao_app_{uuid.uuid4().hex[:8]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE ROLE "{role}" LOGIN')
    try:
        call_command("audit_grant_app_role", role)
        audit_event_record(actor=None, action="test.before_app_role")
        settings_dict = connection.settings_dict
        conninfo = {
            "dbname": settings_dict["NAME"],
            "host": settings_dict["HOST"] or None,
            "port": settings_dict["PORT"] or None,
            "user": role,
        }
        with psycopg.connect(**conninfo, autocommit=True) as app:
            # What the application needs still works: reading, appending, other tables.
            assert app.execute("SELECT count(*) FROM audit_auditevent").fetchone()[0] >= 1
            app.execute(
                "INSERT INTO audit_auditevent (occurred_at, actor_repr, action, target_type, "
                "target_id, target_repr, changes, result, user_agent, request_path, "
                "prev_hash, entry_hash) "
                "VALUES (now(), '', 'test.app_insert', '', '', '', '{}', 'success', '', '', "
                "%s, %s)",
                [uuid.uuid4().hex, uuid.uuid4().hex],
            )
            app.execute("SELECT count(*) FROM accounts_user").fetchone()
            refused = [
                "UPDATE audit_auditevent SET action = 'x'",
                "DELETE FROM audit_auditevent",
                "TRUNCATE audit_auditevent",
                "ALTER TABLE audit_auditevent DISABLE TRIGGER audit_auditevent_append_only",
                "ALTER TABLE audit_auditevent DISABLE TRIGGER ALL",
                "DROP TRIGGER audit_auditevent_append_only ON audit_auditevent",
                "DROP TABLE audit_auditevent",
            ]
            for statement in refused:
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    app.execute(statement)
        with pytest.raises(CommandError, match="没有角色"):
            call_command("audit_grant_app_role", "chanjiao_no_such_role")
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP OWNED BY "{role}"')
            cursor.execute(f'DROP ROLE "{role}"')


def _csv(response) -> list[list[str]]:
    import csv
    import io

    body = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(body)))


def test_the_audit_administrator_exports_the_log_with_its_digests(
    client_for, audit_admin, staff_user
):
    events = _events(staff_user, 3)
    client = client_for(audit_admin)
    response = client.get("/api/v1/audit-events/export/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = _csv(response)
    assert rows[0][0] == "编号"
    by_id = {row[0]: row for row in rows[1:]}
    for event in events:
        row = by_id[str(event.pk)]
        assert (row[4], row[-2], row[-1]) == (event.action, event.prev_hash, event.entry_hash)
    # The export itself is in the log.
    exported = AuditEvent.objects.filter(action="audit.export", actor=audit_admin).get()
    assert set(exported.changes) == {"since", "until"}


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"since": "2026-02-01", "until": "2026-01-01"}, "until"),
        ({"since": "2024-01-01", "until": "2026-01-01"}, "until"),
        ({"since": "not-a-date"}, "since"),
    ],
)
def test_a_bad_export_range_names_the_field(client_for, audit_admin, params, field):
    response = client_for(audit_admin).get("/api/v1/audit-events/export/", params)
    assert response.status_code == 400
    assert field in str(response.json())


@pytest.mark.parametrize("persona", ["staff_user", "security_admin", "wuzhou_officer"])
def test_only_the_audit_administrator_exports(request, client_for, persona):
    user = request.getfixturevalue(persona)
    response = client_for(user).get("/api/v1/audit-events/export/")
    assert response.status_code == 403
    assert not AuditEvent.objects.filter(action="audit.export").exists()


def test_the_daily_check_records_a_break_as_a_failure(staff_user):
    from chanjiao.audit.tasks import verify_audit_chain_task

    events = _events(staff_user, 3)
    assert verify_audit_chain_task.call()["checked"] >= 3
    _tamper("UPDATE audit_auditevent SET target_repr = %s WHERE id = %s", ["伪造", events[1].pk])
    outcome = verify_audit_chain_task.call()
    assert outcome["broken_at"] == events[1].pk
    checks = AuditEvent.objects.filter(action="audit.chain_verified").order_by("pk")
    assert [c.result for c in checks] == ["success", "failed"]
