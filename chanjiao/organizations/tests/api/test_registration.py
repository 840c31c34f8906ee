"""机构入驻 through the API: one transaction writes the account, the organisation, the admin."""

import pytest

from chanjiao.accounts.models import Membership, Role, User
from chanjiao.audit.models import AuditEvent
from chanjiao.organizations.models import Organization
from chanjiao.organizations.selectors import organizations_pending_verification_count
from chanjiao.organizations.tests.factories import EnterpriseFactory, valid_credit_code

pytestmark = pytest.mark.django_db

URL = "/api/v1/organizations/register/"


def _payload(**overrides):
    payload = {
        "name": "梧州新材料有限公司",
        "org_type": "enterprise",
        "region": "450403",
        "credit_code": valid_credit_code(777001),
        "industry": "3041",
        "contact_phone": "0774-1234567",
        "username": "newadmin",
        "password": "Wuzhou-Signup-2026",
        "email": "Admin@NewCo.cn",
        "real_name": "李新",
        "phone": "13900001111",
    }
    payload.update(overrides)
    return payload


def _nothing_written():
    assert not User.objects.filter(username="newadmin").exists()
    assert not Organization.objects.filter(name="梧州新材料有限公司").exists()
    assert not AuditEvent.objects.filter(action="organization.register").exists()


def test_registration_writes_account_organisation_and_admin(api_client, wuzhou_gov):
    from chanjiao.listings.tests.factories import reviewer_for

    reviewer = reviewer_for(wuzhou_gov)
    before = organizations_pending_verification_count(reviewer)

    response = api_client.post(URL, _payload(), format="json")

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["verification_status"] == "unverified"
    assert body["verification_status_label"] == "未认证"
    organization = Organization.objects.get(pk=body["id"])
    user = User.objects.get(username="newadmin")
    assert user.check_password("Wuzhou-Signup-2026")
    assert user.email == "Admin@NewCo.cn"
    assert Membership.objects.filter(
        user=user, organization=organization, role=Role.ORG_ADMIN, is_active=True
    ).exists()
    assert organization.contact_name == "李新"
    assert organization.contact_email == "Admin@NewCo.cn"
    assert organizations_pending_verification_count(reviewer) == before + 1
    event = AuditEvent.objects.get(action="organization.register")
    assert event.actor == user
    assert AuditEvent.objects.filter(action="account.register", actor=user).count() == 1


def test_a_school_registers_with_its_school_code(api_client, catalogs):
    payload = _payload(
        name="梧州第二职业学校",
        org_type="secondary_vocational",
        credit_code=valid_credit_code(777002),
        industry=None,
        school_code="4145012345",
    )
    response = api_client.post(URL, payload, format="json")
    assert response.status_code == 201, response.json()
    assert response.json()["school_code"] == "4145012345"


def test_a_bad_school_code_is_refused(api_client, catalogs):
    payload = _payload(org_type="higher_vocational", industry=None, school_code="41450")
    response = api_client.post(URL, payload, format="json")
    assert response.status_code == 400
    assert response.json()["extra"]["fields"]["school_code"] == ["学校标识码应为10位数字。"]
    _nothing_written()


def test_a_credit_code_with_a_bad_check_character_is_refused(api_client, catalogs):
    good = valid_credit_code(777003)
    bad = good[:17] + ("0" if good[17] != "0" else "1")

    response = api_client.post(URL, _payload(credit_code=bad), format="json")

    assert response.status_code == 400
    assert response.json()["extra"]["fields"]["credit_code"] == [
        "统一社会信用代码校验位错误，请核对后重新输入。"
    ]
    _nothing_written()


def test_a_duplicate_credit_code_names_the_holder_and_its_status(api_client, catalogs):
    holder = EnterpriseFactory(name="梧州老字号有限公司", credit_code=valid_credit_code(777004))

    response = api_client.post(URL, _payload(credit_code=holder.credit_code), format="json")

    assert response.status_code == 400
    assert response.json()["message"] == (
        "该统一社会信用代码已由“梧州老字号有限公司”登记（已认证），请联系该机构的管理员邀请您加入。"
    )
    assert "credit_code" in response.json()["extra"]["fields"]
    _nothing_written()


def test_a_bad_account_writes_nothing(api_client, outsider):
    outsider.email = "taken@example.cn"
    outsider.save()

    response = api_client.post(URL, _payload(email="TAKEN@example.cn"), format="json")

    assert response.status_code == 400
    assert response.json()["extra"]["fields"]["email"] == [
        "该电子邮箱已注册过账号，请直接登录或找回密码。"
    ]
    _nothing_written()


def test_a_weak_password_writes_nothing(api_client, catalogs):
    response = api_client.post(URL, _payload(password="123"), format="json")
    assert response.status_code == 400
    assert "password" in response.json()["extra"]["fields"]
    _nothing_written()


def test_a_government_body_cannot_sign_itself_up(api_client, catalogs):
    response = api_client.post(URL, _payload(org_type="government"), format="json")
    assert response.status_code == 400
    assert "org_type" in response.json()["extra"]["fields"]
    _nothing_written()


def test_an_enterprise_needs_its_industry(api_client, catalogs):
    response = api_client.post(URL, _payload(industry=None), format="json")
    assert response.status_code == 400
    assert response.json()["extra"]["fields"]["industry"] == [
        "企业必须选择所属行业（GB/T 4754-2017）。"
    ]
    _nothing_written()
