import pytest

from chanjiao.audit.models import AuditEvent
from chanjiao.organizations.models import Organization
from chanjiao.organizations.tests.factories import valid_credit_code

pytestmark = pytest.mark.django_db

PAYLOAD = {
    "name": "梧州新材料有限公司",
    "org_type": "enterprise",
    "region": "450403",
    "credit_code": valid_credit_code(424242),
    "industry": "3041",
    "employee_count": 120,
}


@pytest.mark.parametrize(
    ("_case", "persona", "expected"),
    [
        ("anonymous", None, 403),
        ("enterprise user", "recruiter", 403),
        ("other locality's officer", "shuangyashan_officer", 403),
        ("locality's officer", "wuzhou_officer", 201),
        ("platform staff", "staff_user", 201),
    ],
)
def test_registering_an_organisation(request, api_client, client_for, _case, persona, expected):
    client = client_for(request.getfixturevalue(persona)) if persona else api_client
    response = client.post("/api/v1/organizations/", PAYLOAD, format="json")
    assert response.status_code == expected
    assert Organization.objects.filter(name=PAYLOAD["name"]).exists() is (expected == 201)
    if expected == 201:
        body = response.json()
        assert (body["region_code"], body["industry_code"]) == ("450403", "3041")
        assert (
            AuditEvent.objects.filter(action="organization.create", result="success").count() == 1
        )


def test_enterprise_needs_credit_code_and_industry(client_for, staff_user):
    payload = {"name": "无代码企业", "org_type": "enterprise", "region": "4504"}
    response = client_for(staff_user).post("/api/v1/organizations/", payload, format="json")
    assert response.status_code == 400
    fields = response.json()["extra"]["fields"]
    assert fields["credit_code"] == ["企业必须填写统一社会信用代码。"]
    assert fields["industry"] == ["企业必须选择所属行业（GB/T 4754-2017）。"]


def test_directory_is_public_and_filterable(
    api_client, enterprise, other_enterprise, wuzhou_school
):
    response = api_client.get("/api/v1/organizations", {"type": "enterprise", "region": "4504"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    assert body["results"][0]["name"] == enterprise.name
    assert set(body) == {"count", "next", "previous", "results"}


def test_directory_rejects_a_bad_filter(api_client, catalogs):
    response = api_client.get("/api/v1/organizations", {"type": "bank"})
    assert response.status_code == 400
    assert response.json()["extra"]["fields"]["type"] == ["机构类型 bank 无效。"]


def test_directory_query_count_is_constant(
    api_client, enterprise, other_enterprise, django_assert_max_num_queries
):
    with django_assert_max_num_queries(3):
        response = api_client.get("/api/v1/organizations")
    assert response.json()["count"] == 2
