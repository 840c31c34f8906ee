"""Organisation verification on the workflow: verify / revoke with history, is_verified in step."""

import pytest

from chanjiao.audit.models import AuditEvent, AuditResult
from chanjiao.listings.tests.factories import reviewer_for
from chanjiao.organizations.models import Organization, VerificationStatus
from chanjiao.organizations.tests.factories import EnterpriseFactory
from chanjiao.workflow.models import TransitionRecord

pytestmark = pytest.mark.django_db


@pytest.fixture
def new_enterprise(wuzhou):
    return EnterpriseFactory(name="梧州新注册企业", region=wuzhou, is_verified=False)


def _history(organization):
    return list(
        TransitionRecord.objects.filter(
            workflow="organization_verification", object_id=str(organization.pk)
        )
        .order_by("pk")
        .values_list("transition", "from_state", "to_state")
    )


def test_factories_and_old_writers_keep_the_state_in_step(new_enterprise, enterprise):
    assert enterprise.verification_status == VerificationStatus.VERIFIED
    assert new_enterprise.verification_status == VerificationStatus.UNVERIFIED
    enterprise.is_verified = False
    enterprise.save(update_fields=["verification_status"])
    assert Organization.objects.get(pk=enterprise.pk).verification_status == "unverified"


def test_verify_then_revoke_writes_history(new_enterprise, wuzhou_gov, client_for):
    client = client_for(reviewer_for(wuzhou_gov))
    url = f"/api/v1/organizations/{new_enterprise.pk}/verify/"

    assert client.post(url).json()["is_verified"] is True
    assert client.post(url, {"is_verified": False}, format="json").json()["is_verified"] is False
    assert client.post(url).status_code == 200

    saved = Organization.objects.get(pk=new_enterprise.pk)
    assert (saved.is_verified, saved.verification_status) == (True, "verified")
    assert _history(new_enterprise) == [
        ("verify", "unverified", "verified"),
        ("revoke", "verified", "revoked"),
        ("verify", "revoked", "verified"),
    ]
    actions = AuditEvent.objects.filter(
        target_type="organizations.Organization",
        target_id=str(new_enterprise.pk),
        result="success",
    )
    assert sorted(actions.values_list("action", flat=True)) == [
        "organization.revoke",
        "organization.verify",
        "organization.verify",
    ]


def test_refused_verification_is_audited(new_enterprise, enterprise_admin, client_for):
    response = client_for(enterprise_admin).post(
        f"/api/v1/organizations/{new_enterprise.pk}/verify/"
    )

    assert response.status_code == 403
    assert AuditEvent.objects.filter(
        action="organization.verify", result=AuditResult.DENIED
    ).exists()
    assert _history(new_enterprise) == []


def test_verifying_a_verified_organisation_is_refused_clearly(
    enterprise, wuzhou_officer, client_for
):
    response = client_for(wuzhou_officer).post(f"/api/v1/organizations/{enterprise.pk}/verify/")

    assert response.status_code == 400
    assert response.json()["message"] == (
        "该机构当前状态为“已认证”，不能执行“认证”（可能已被他人处理）。"
    )
    assert _history(enterprise) == []
