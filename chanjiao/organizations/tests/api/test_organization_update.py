import pytest

from chanjiao.audit.models import AuditEvent
from chanjiao.organizations.models import Organization

pytestmark = pytest.mark.django_db


def _url(org):
    return f"/api/v1/organizations/{org.pk}/"


@pytest.mark.parametrize(
    ("_case", "persona", "expected"),
    [
        ("anonymous", None, 403),
        ("outsider", "outsider", 403),
        ("other locality's officer", "shuangyashan_officer", 403),
        ("own enterprise's info officer", "recruiter", 403),
        ("student", "student", 403),
        ("own enterprise's admin", "enterprise_admin", 200),
        ("locality's officer", "wuzhou_officer", 200),
        ("platform staff", "staff_user", 200),
    ],
)
def test_only_those_who_administer_it_can_change_an_enterprise(
    request, api_client, client_for, enterprise, _case, persona, expected
):
    client = client_for(request.getfixturevalue(persona)) if persona else api_client
    before_events = AuditEvent.objects.count()

    response = client.patch(_url(enterprise), {"description": "新的简介"}, format="json")

    assert response.status_code == expected
    enterprise.refresh_from_db()
    if expected == 200:
        assert enterprise.description == "新的简介"
        event = AuditEvent.objects.get(action="organization.update", result="success")
        assert event.changes == {"description": ["", "新的简介"]}
        assert event.ip_address == "127.0.0.1"
    else:
        assert enterprise.description == ""
        assert response.json()["message"]
        assert not AuditEvent.objects.filter(
            action="organization.update", result="success"
        ).exists()
    if persona and expected == 403:
        assert AuditEvent.objects.filter(action="organization.update", result="denied").count() == 1
    if not persona:
        assert AuditEvent.objects.count() == before_events


def test_enterprise_admin_cannot_act_for_another_enterprise(
    client_for, enterprise_admin, other_enterprise
):
    response = client_for(enterprise_admin).patch(
        _url(other_enterprise), {"name": "被篡改的名称"}, format="json"
    )
    assert response.status_code == 403
    assert Organization.objects.get(pk=other_enterprise.pk).name == "双鸭山煤化工有限公司"


def test_officer_cannot_move_an_organisation_out_of_their_region(
    client_for, wuzhou_officer, enterprise
):
    response = client_for(wuzhou_officer).patch(_url(enterprise), {"region": "2305"}, format="json")
    assert response.status_code == 403
    enterprise.refresh_from_db()
    assert enterprise.region.code == "4504"


def test_rejects_a_credit_code_with_a_wrong_check_character(
    client_for, enterprise_admin, enterprise
):
    good = enterprise.credit_code
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    response = client_for(enterprise_admin).patch(
        _url(enterprise), {"credit_code": bad}, format="json"
    )
    assert response.status_code == 400
    body = response.json()
    assert body["extra"]["fields"]["credit_code"] == [
        "统一社会信用代码校验位错误，请核对后重新输入。"
    ]
    enterprise.refresh_from_db()
    assert enterprise.credit_code == good


def test_unknown_region_code_names_the_field(client_for, staff_user):
    response = client_for(staff_user).post(
        "/api/v1/organizations/",
        {
            "name": "新机构",
            "org_type": "association",
            "region": "9999",
        },
        format="json",
    )
    assert response.status_code == 400
    assert response.json()["extra"]["fields"]["region"] == ["代码 9999 不存在。"]
    assert not Organization.objects.filter(name="新机构").exists()
