"""Role changes and removals, audited; the last 机构管理员 always stays."""

import pytest

from chanjiao.accounts.models import Membership, Role
from chanjiao.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def _url(org, membership):
    return f"/api/v1/organizations/{org.pk}/memberships/{membership.pk}/"


def test_change_a_members_role(client_for, enterprise_admin, recruiter, enterprise):
    membership = Membership.objects.get(user=recruiter)

    response = client_for(enterprise_admin).patch(
        _url(enterprise, membership), {"role": "org_admin"}, format="json"
    )

    assert response.status_code == 200
    membership.refresh_from_db()
    assert membership.role == Role.ORG_ADMIN
    event = AuditEvent.objects.get(action="membership.role_change")
    assert event.changes == {"role": ["info_officer", "org_admin"]}


def test_the_last_admin_cannot_be_demoted_or_removed(client_for, enterprise_admin, enterprise):
    membership = Membership.objects.get(user=enterprise_admin)
    client = client_for(enterprise_admin)

    demote = client.patch(_url(enterprise, membership), {"role": "info_officer"}, format="json")
    remove = client.delete(_url(enterprise, membership))

    assert demote.status_code == 400
    assert "最后一位机构管理员" in demote.json()["message"]
    assert remove.status_code == 400
    membership.refresh_from_db()
    assert (membership.role, membership.is_active) == (Role.ORG_ADMIN, True)
    assert not AuditEvent.objects.filter(
        action__startswith="membership.", result="success"
    ).exists()


def test_an_admin_may_step_down_when_another_remains(
    client_for, enterprise_admin, recruiter, enterprise
):
    Membership.objects.filter(user=recruiter).update(role=Role.ORG_ADMIN)
    membership = Membership.objects.get(user=enterprise_admin)

    response = client_for(enterprise_admin).delete(_url(enterprise, membership))

    assert response.status_code == 204
    membership.refresh_from_db()
    assert membership.is_active is False
    assert AuditEvent.objects.filter(action="membership.remove", result="success").count() == 1


def test_remove_a_member(client_for, enterprise_admin, recruiter, enterprise):
    membership = Membership.objects.get(user=recruiter)
    response = client_for(enterprise_admin).delete(_url(enterprise, membership))
    assert response.status_code == 204
    listed = client_for(enterprise_admin).get(f"/api/v1/organizations/{enterprise.pk}/memberships/")
    assert "recruiter" not in [row["user"]["username"] for row in listed.json()["results"]]


def test_a_member_cannot_manage_others(client_for, enterprise_admin, recruiter, enterprise):
    membership = Membership.objects.get(user=enterprise_admin)
    response = client_for(recruiter).delete(_url(enterprise, membership))
    assert response.status_code == 403
    assert Membership.objects.get(pk=membership.pk).is_active is True
    assert AuditEvent.objects.get(action="membership.remove").result == "denied"


def test_a_membership_of_another_organisation_is_not_found(
    client_for, enterprise_admin, school_admin, wuzhou_school, enterprise
):
    other = Membership.objects.get(user=school_admin)
    response = client_for(enterprise_admin).delete(_url(enterprise, other))
    assert response.status_code == 404
    assert Membership.objects.get(pk=other.pk).is_active is True
