"""The start gates: the tripartite agreement (guardian under 18) and the liability insurance."""

import datetime

import pytest

from chanjiao.audit.models import AuditEvent
from chanjiao.internships.models import Placement
from chanjiao.internships.rules import rule_get
from chanjiao.internships.tests.conftest import END, START, URL
from chanjiao.workflow.models import TransitionRecord

pytestmark = pytest.mark.django_db


def _step(client, placement, name, **extra):
    return client.post(f"{URL}{placement.pk}/transitions/", {"name": name, **extra}, format="json")


def _confirm(client, placement, role, **extra):
    return client.post(
        f"{URL}{placement.pk}/agreement/confirm/", {"role": role, **extra}, format="json"
    )


def test_start_refused_until_agreement_and_insurance(
    client_for, school_admin, recruiter, intern, placement
):
    school = client_for(school_admin)
    refused = _step(school, placement, "start")
    assert refused.status_code == 400
    assert rule_get("agreement_required").label in refused.json()["message"]
    assert rule_get("insurance_required").label in refused.json()["message"]
    assert school.post(f"{URL}{placement.pk}/agreement/").status_code == 201
    assert _confirm(client_for(intern), placement, "student").status_code == 200
    assert _confirm(school, placement, "school").status_code == 200
    # The school cannot confirm for the enterprise.
    assert _confirm(school, placement, "enterprise").status_code == 403
    placement.refresh_from_db()
    assert placement.status == "planned"
    response = _confirm(client_for(recruiter), placement, "enterprise")
    assert response.status_code == 200
    assert response.json()["missing"] == []
    placement.refresh_from_db()
    assert placement.status == "signed"
    still = _step(school, placement, "start")
    assert still.status_code == 400
    assert "实习责任保险" in still.json()["message"]
    assert rule_get("agreement_required").label not in still.json()["message"]
    # A policy that ends a day early does not cover the whole period.
    insurance = {
        "kind": "liability",
        "insurer": "人保财险",
        "policy_number": "P-1",
        "start_date": START.isoformat(),
        "end_date": (END - datetime.timedelta(days=1)).isoformat(),
        "placements": [placement.pk],
    }
    assert (
        school.post("/api/v1/internships/insurance/", insurance, format="json").status_code == 201
    )
    assert _step(school, placement, "start").status_code == 400
    insurance["end_date"] = END.isoformat()
    assert (
        school.post("/api/v1/internships/insurance/", insurance, format="json").status_code == 201
    )
    started = _step(school, placement, "start")
    assert started.status_code == 200, started.json()
    assert started.json()["status"] == "active"
    names = [t["name"] for t in started.json()["available_transitions"]]
    assert names == ["complete", "terminate"]
    assert TransitionRecord.objects.filter(workflow="placement", transition="start").count() == 1
    assert AuditEvent.objects.filter(action="placement.start").count() == 1


def test_guardian_required_under_18(client_for, school_admin, recruiter, intern, placement):
    profile = intern.student_profile
    profile.birth_date = datetime.date(2013, 1, 1)  # 17 on the start date
    profile.save()
    school = client_for(school_admin)
    agreement = school.post(f"{URL}{placement.pk}/agreement/").json()
    assert [s["role"] for s in agreement["signatories"]] == [
        "school",
        "enterprise",
        "student",
        "guardian",
    ]
    _confirm(client_for(intern), placement, "student")
    _confirm(school, placement, "school")
    _confirm(client_for(recruiter), placement, "enterprise")
    placement.refresh_from_db()
    assert placement.status == "planned"
    nameless = _confirm(school, placement, "guardian")
    assert nameless.status_code == 400
    assert nameless.json()["extra"]["field"] == "guardian_name"
    # The student cannot record the guardian's consent.
    assert (
        _confirm(client_for(intern), placement, "guardian", guardian_name="王父").status_code == 403
    )
    done = _confirm(school, placement, "guardian", guardian_name="王父")
    assert done.status_code == 200
    guardian = next(s for s in done.json()["signatories"] if s["role"] == "guardian")
    assert guardian["signer_name"] == "王父"
    placement.refresh_from_db()
    assert placement.status == "signed"


def test_terminate_needs_reason_and_cancel_only_planned(client_for, school_admin, running):
    school = client_for(school_admin)
    nameless = _step(school, running, "terminate")
    assert nameless.status_code == 400
    assert nameless.json()["extra"]["field"] == "reason"
    assert _step(school, running, "cancel").status_code == 400
    done = _step(school, running, "terminate", reason="学生身体原因")
    assert done.status_code == 200
    assert Placement.objects.get().termination_reason == "学生身体原因"
