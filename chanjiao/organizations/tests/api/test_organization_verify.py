"""Account verification: a reviewer of its region approves; an enterprise needs a credit code."""

import pytest

from chanjiao.audit.models import AuditEvent
from chanjiao.listings.tests.factories import reviewer_for
from chanjiao.organizations.models import Organization
from chanjiao.organizations.tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def new_enterprise(wuzhou):
    return EnterpriseFactory(name="梧州新注册企业", region=wuzhou, is_verified=False)


@pytest.mark.parametrize(
    ("_case", "user_fixture", "expected"),
    [
        ("enterprise's own admin", "enterprise_admin", 403),
        ("other locality officer", "shuangyashan_officer", 403),
        ("outsider", "outsider", 403),
        ("locality reviewer", "reviewer", 200),
        ("locality government admin", "wuzhou_officer", 200),
    ],
)
def test_only_a_reviewer_of_the_region_verifies(
    request, _case, user_fixture, expected, new_enterprise, wuzhou_gov, client_for
):
    if user_fixture == "reviewer":
        user = reviewer_for(wuzhou_gov)
    else:
        user = request.getfixturevalue(user_fixture)

    response = client_for(user).post(f"/api/v1/organizations/{new_enterprise.pk}/verify/")

    assert response.status_code == expected
    assert Organization.objects.get(pk=new_enterprise.pk).is_verified is (expected == 200)


def test_enterprise_without_credit_code_is_not_verified(new_enterprise, wuzhou_officer, client_for):
    Organization.objects.filter(pk=new_enterprise.pk).update(credit_code=None)

    response = client_for(wuzhou_officer).post(f"/api/v1/organizations/{new_enterprise.pk}/verify/")

    assert response.status_code == 400
    assert response.json()["message"] == "企业须先登记统一社会信用代码才能认证。"
    assert Organization.objects.get(pk=new_enterprise.pk).is_verified is False
    assert not AuditEvent.objects.filter(action="organization.verify", result="success").exists()
