"""The audit app's shared helpers: one audited refusal, one before/after diff."""

import datetime
from decimal import Decimal

import pytest

from chanjiao.audit.models import AuditEvent, AuditResult
from chanjiao.audit.services import audit_refusal, changes_between
from chanjiao.common.exceptions import PermissionDeniedError


def test_changes_between_keeps_only_changed_fields():
    before = {"name": "梧州", "count": 3, "day": datetime.date(2025, 1, 1)}
    after = {"name": "梧州", "count": 4, "day": datetime.date(2025, 2, 1), "new": "x"}

    assert changes_between(before, after) == {
        "count": [3, 4],
        "day": ["2025-01-01", "2025-02-01"],
        "new": [None, "x"],
    }


def test_changes_between_renders_values_as_asked():
    assert changes_between({"n": Decimal("1.50")}, {"n": Decimal("2")}, render=str) == {
        "n": ["1.50", "2"]
    }


@pytest.mark.django_db
def test_audit_refusal_records_then_raises(outsider):
    with pytest.raises(PermissionDeniedError, match="不可以"):
        audit_refusal(actor=outsider, action="demo.act", message="不可以", changes={"a": 1})

    event = AuditEvent.objects.get(action="demo.act")
    assert (event.result, event.actor_id, event.changes) == (
        AuditResult.DENIED,
        outsider.pk,
        {"a": 1},
    )
