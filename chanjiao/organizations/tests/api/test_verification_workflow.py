"""Verification with history: verify, return with a reason, resubmit, re-verify after a change."""

import pytest

from chanjiao.audit.models import AuditEvent
from chanjiao.listings.tests.factories import reviewer_for
from chanjiao.organizations.models import Organization, VerificationStatus
from chanjiao.organizations.selectors import (
    organization_history,
    organizations_pending_verification_count,
)
from chanjiao.organizations.tests.factories import EnterpriseFactory, GovernmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending(wuzhou):
    return EnterpriseFactory(name="梧州待认证企业", region=wuzhou, is_verified=False)


@pytest.fixture
def reviewer(wuzhou_gov):
    return reviewer_for(wuzhou_gov)


@pytest.fixture
def other_reviewer(shuangyashan):
    gov = GovernmentFactory(name="双鸭山市人社局", region=shuangyashan)
    return reviewer_for(gov, username="sys_reviewer")


def _status(org):
    return Organization.objects.get(pk=org.pk).verification_status


def test_a_reviewer_of_the_region_verifies(client_for, reviewer, pending):
    response = client_for(reviewer).post(f"/api/v1/organizations/{pending.pk}/verify/")
    assert response.status_code == 200
    assert _status(pending) == VerificationStatus.VERIFIED
    assert [r.transition for r in organization_history(pending)] == ["verify"]


def test_a_reviewer_returns_with_a_reason_and_the_organisation_resubmits(
    client_for, reviewer, pending, enterprise_admin
):
    enterprise_admin.memberships.update(organization=pending)
    url = f"/api/v1/organizations/{pending.pk}/return/"

    empty = client_for(reviewer).post(url, {"reason": " "}, format="json")
    assert empty.status_code == 400
    assert empty.json()["extra"]["fields"]["reason"]
    assert _status(pending) == VerificationStatus.UNVERIFIED

    response = client_for(reviewer).post(url, {"reason": "名称与执照不一致"}, format="json")
    assert response.status_code == 200
    assert response.json()["verification_status_label"] == "已退回"
    assert organizations_pending_verification_count(reviewer) == 0
    record = organization_history(pending)[0]
    assert (record.transition, record.reason) == ("return", "名称与执照不一致")
    assert AuditEvent.objects.get(action="organization.return").changes["reason"] == (
        "名称与执照不一致"
    )

    history = client_for(enterprise_admin).get(f"/api/v1/organizations/{pending.pk}/history/")
    assert history.json()[0]["reason"] == "名称与执照不一致"

    again = client_for(enterprise_admin).post(f"/api/v1/organizations/{pending.pk}/resubmit/")
    assert again.status_code == 200
    assert _status(pending) == VerificationStatus.UNVERIFIED
    assert organizations_pending_verification_count(reviewer) == 1


def test_a_reviewer_of_another_region_is_refused(client_for, other_reviewer, pending):
    for path, data in (("verify/", {}), ("return/", {"reason": "不符"})):
        response = client_for(other_reviewer).post(
            f"/api/v1/organizations/{pending.pk}/{path}", data, format="json"
        )
        assert response.status_code == 403
    assert _status(pending) == VerificationStatus.UNVERIFIED
    assert AuditEvent.objects.filter(action="organization.return", result="denied").count() == 1
    assert organizations_pending_verification_count(other_reviewer) == 0


def test_the_queue_lists_the_region_oldest_first(client_for, reviewer, pending, wuzhou):
    newer = EnterpriseFactory(name="梧州后来企业", region=wuzhou, is_verified=False)
    response = client_for(reviewer).get("/api/v1/organizations/verification-queue/")
    assert response.status_code == 200
    names = [row["name"] for row in response.json()["results"]]
    assert names == [pending.name, newer.name]


def test_renaming_a_verified_organisation_sends_it_back(client_for, enterprise_admin, enterprise):
    assert enterprise.is_verified
    response = client_for(enterprise_admin).patch(
        f"/api/v1/organizations/{enterprise.pk}/", {"name": "梧州六堡茶集团有限公司"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["verification_status"] == "unverified"
    record = organization_history(enterprise)[0]
    assert (record.transition, record.from_state, record.to_state) == (
        "reverify",
        "verified",
        "unverified",
    )
    assert record.actor == enterprise_admin


def test_other_edits_keep_the_verification(client_for, enterprise_admin, enterprise):
    response = client_for(enterprise_admin).patch(
        f"/api/v1/organizations/{enterprise.pk}/", {"address": "梧州市万秀区"}, format="json"
    )
    assert response.status_code == 200
    assert _status(enterprise) == VerificationStatus.VERIFIED
    assert organization_history(enterprise) == []
