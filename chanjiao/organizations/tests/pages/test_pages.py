"""The pages through HTTP: sign-up, status, the verification queue, members, invitations,
government bodies."""

import re

import pytest
from django.core import mail

from chanjiao.accounts.models import Membership, Role, User
from chanjiao.accounts.tests.factories import UserFactory
from chanjiao.audit.models import AuditEvent
from chanjiao.catalogs.models import Industry, Region
from chanjiao.listings.tests.factories import reviewer_for
from chanjiao.organizations.models import Invitation, Organization, VerificationStatus
from chanjiao.organizations.tests.factories import EnterpriseFactory, valid_credit_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def web(client):
    return client


def _login(client, user):
    client.force_login(user)
    return client


def _form(**overrides):
    data = {
        "name": "梧州网页注册有限公司",
        "org_type": "enterprise",
        "region": str(Region.objects.get(code="450403").pk),
        "credit_code": valid_credit_code(888001),
        "industry": str(Industry.objects.get(code="15").pk),
        "address": "梧州市万秀区",
        "contact_phone": "0774-7654321",
        "real_name": "王注册",
        "phone": "13900002222",
        "email": "wang@example.cn",
        "username": "webadmin",
        "password": "Wuzhou-Web-2026",
        "password_again": "Wuzhou-Web-2026",
    }
    data.update(overrides)
    return data


class TestRegistrationPage:
    def test_regions_and_industries_are_picked_by_name(self, web, catalogs):
        page = web.get("/org/register/").content.decode()
        assert "梧州市 · 万秀区" in page
        assert '<optgroup label="广西壮族自治区">' in page
        assert "酒、饮料和精制茶制造业" in page
        assert 'name="region_code"' not in page

    def test_sign_up_signs_in_and_says_what_happens_next(self, web, wuzhou_gov):
        response = web.post("/org/register/", _form())

        organization = Organization.objects.get(name="梧州网页注册有限公司")
        assert response.status_code == 302
        assert response["Location"] == f"/org/{organization.pk}/"
        assert organization.verification_status == VerificationStatus.UNVERIFIED
        user = User.objects.get(username="webadmin")
        assert Membership.objects.filter(user=user, role=Role.ORG_ADMIN).exists()
        page = web.get(response["Location"]).content.decode()
        assert "认证状态：未认证" in page
        assert "正在等待" in page

        reviewer = reviewer_for(wuzhou_gov)
        queue = _login(web, reviewer).get("/org/verification/").content.decode()
        assert "梧州网页注册有限公司" in queue

    def test_a_bad_check_character_is_shown_at_the_field(self, web, catalogs):
        good = valid_credit_code(888002)
        bad = good[:17] + ("0" if good[17] != "0" else "1")
        response = web.post("/org/register/", _form(credit_code=bad))
        assert response.status_code == 200
        assert "统一社会信用代码校验位错误" in response.content.decode()
        assert not User.objects.filter(username="webadmin").exists()
        assert not Organization.objects.filter(name="梧州网页注册有限公司").exists()

    def test_a_duplicate_names_the_holder(self, web, catalogs):
        holder = EnterpriseFactory(
            name="梧州已登记企业", credit_code=valid_credit_code(888003), is_verified=False
        )
        response = web.post("/org/register/", _form(credit_code=holder.credit_code))
        page = response.content.decode()
        assert "该统一社会信用代码已由“梧州已登记企业”登记（未认证）" in page
        assert not User.objects.filter(username="webadmin").exists()

    def test_passwords_must_match(self, web, catalogs):
        response = web.post("/org/register/", _form(password_again="Other-Pass-2026"))
        assert "两次输入的密码不一致。" in response.content.decode()
        assert not User.objects.filter(username="webadmin").exists()


class TestVerificationQueue:
    @pytest.fixture
    def pending(self, wuzhou):
        return EnterpriseFactory(name="梧州排队企业", region=wuzhou, is_verified=False)

    def test_a_reviewer_verifies_and_returns(self, web, wuzhou_gov, pending, wuzhou):
        second = EnterpriseFactory(name="梧州第二家企业", region=wuzhou, is_verified=False)
        client = _login(web, reviewer_for(wuzhou_gov))
        page = client.get("/org/verification/").content.decode()
        assert page.index("梧州排队企业") < page.index("梧州第二家企业")
        assert pending.credit_code in page

        client.post(f"/org/verification/{pending.pk}/verify/")
        empty = client.post(f"/org/verification/{second.pk}/return/", {"reason": ""}, follow=True)
        assert "退回时必须填写原因" in empty.content.decode()
        client.post(f"/org/verification/{second.pk}/return/", {"reason": "请补充地址"})

        assert Organization.objects.get(pk=pending.pk).is_verified
        assert Organization.objects.get(pk=second.pk).verification_status == "returned"

    def test_another_regions_reviewer_sees_nothing_and_is_refused(
        self, web, shuangyashan_officer, pending
    ):
        client = _login(web, shuangyashan_officer)
        assert "梧州排队企业" not in client.get("/org/verification/").content.decode()
        assert client.post(f"/org/verification/{pending.pk}/verify/").status_code == 403
        assert not Organization.objects.get(pk=pending.pk).is_verified

    def test_others_may_not_open_the_queue(self, web, enterprise_admin):
        assert _login(web, enterprise_admin).get("/org/verification/").status_code == 403


class TestProfilePage:
    def test_renaming_tells_the_admin_about_reverification(self, web, enterprise_admin, enterprise):
        client = _login(web, enterprise_admin)
        data = {
            "name": "梧州六堡茶新名称有限公司",
            "credit_code": enterprise.credit_code,
            "address": "",
            "contact_name": "",
            "contact_phone": "",
            "contact_email": "",
            "website": "",
            "description": "",
        }
        response = client.post(f"/org/{enterprise.pk}/", data, follow=True)
        page = response.content.decode()
        assert "已回到“未认证”" in page
        assert "变更后重新认证" in page
        enterprise.refresh_from_db()
        assert (enterprise.name, enterprise.verification_status) == (
            "梧州六堡茶新名称有限公司",
            "unverified",
        )

    def test_a_returned_organisation_sees_the_reason_and_resubmits(
        self, web, enterprise_admin, enterprise, wuzhou_gov
    ):
        Organization.objects.filter(pk=enterprise.pk).update(verification_status="unverified")
        _login(web, reviewer_for(wuzhou_gov)).post(
            f"/org/verification/{enterprise.pk}/return/", {"reason": "执照照片不清晰"}
        )
        client = _login(web, enterprise_admin)
        page = client.get(f"/org/{enterprise.pk}/").content.decode()
        assert "执照照片不清晰" in page
        client.post(f"/org/{enterprise.pk}/", {"action": "resubmit"})
        assert Organization.objects.get(pk=enterprise.pk).verification_status == "unverified"

    def test_outsiders_may_not_look(self, web, outsider, enterprise):
        assert _login(web, outsider).get(f"/org/{enterprise.pk}/").status_code == 403


class TestMembersPage:
    def test_members_are_listed_with_masked_phones(
        self, web, enterprise_admin, recruiter, enterprise
    ):
        page = _login(web, enterprise_admin).get(f"/org/{enterprise.pk}/members/").content.decode()
        assert "招聘专员" in page
        assert "138****5678" in page
        assert "13812345678" not in page

    def test_invite_by_email_and_by_link(
        self, web, enterprise_admin, enterprise, django_capture_on_commit_callbacks
    ):
        client = _login(web, enterprise_admin)
        with django_capture_on_commit_callbacks(execute=True):
            client.post(
                f"/org/{enterprise.pk}/members/",
                {"action": "invite", "role": "info_officer", "email": "li@example.cn"},
            )
        assert mail.outbox[0].to == ["li@example.cn"]
        assert "/org/invitations/" in mail.outbox[0].body

        response = client.post(
            f"/org/{enterprise.pk}/members/", {"action": "invite", "role": "info_officer"}
        )
        page = response.content.decode()
        assert "此链接只显示这一次" in page
        assert re.search(r"/org/invitations/[\w-]{20,}/", page)
        again = client.get(f"/org/{enterprise.pk}/members/").content.decode()
        assert "此链接只显示这一次" not in again
        assert "一次性链接" in again
        assert Invitation.objects.count() == 2

    def test_role_change_remove_and_the_last_admin(
        self, web, enterprise_admin, recruiter, enterprise
    ):
        client = _login(web, enterprise_admin)
        url = f"/org/{enterprise.pk}/members/"
        own = Membership.objects.get(user=enterprise_admin)
        theirs = Membership.objects.get(user=recruiter)

        refused = client.post(url, {"action": "remove", "membership": own.pk}, follow=True)
        assert "不能移出该机构最后一位机构管理员" in refused.content.decode()
        client.post(url, {"action": "role", "membership": theirs.pk, "role": "reviewer"})
        assert Membership.objects.get(pk=theirs.pk).role == Role.REVIEWER
        client.post(url, {"action": "remove", "membership": theirs.pk})
        assert Membership.objects.get(pk=theirs.pk).is_active is False
        assert AuditEvent.objects.filter(action="membership.remove", result="success").count() == 1

    def test_only_admins_open_it(self, web, recruiter, enterprise):
        assert _login(web, recruiter).get(f"/org/{enterprise.pk}/members/").status_code == 403


class TestInvitationPage:
    def _link(self, web, admin, org, **data):
        response = _login(web, admin).post(f"/org/{org.pk}/members/", {"action": "invite", **data})
        path = re.search(r"/org/invitations/[\w-]+/", response.content.decode()).group(0)
        web.logout()
        return path

    def test_sign_up_and_accept_in_one_step(self, web, enterprise_admin, enterprise):
        path = self._link(web, enterprise_admin, enterprise, role="info_officer")
        page = web.get(path).content.decode()
        assert enterprise.name in page
        assert "信息员" in page
        assert "企业管理员" not in page

        response = web.post(
            path,
            {
                "action": "register",
                "real_name": "赵新人",
                "email": "zhao@example.cn",
                "username": "zhao_new",
                "password": "Zhao-New-2026",
                "password_again": "Zhao-New-2026",
            },
        )

        assert response.status_code == 302
        user = User.objects.get(username="zhao_new")
        assert Membership.objects.filter(user=user, organization=enterprise).exists()
        assert web.get("/org/verification/").wsgi_request.user == user

    def test_accept_and_decline_when_signed_in(self, web, enterprise_admin, enterprise, outsider):
        first = self._link(web, enterprise_admin, enterprise, role="info_officer")
        second = self._link(web, enterprise_admin, enterprise, role="reviewer")
        client = _login(web, outsider)

        client.post(first, {"action": "accept"})
        client.post(second, {"action": "decline"})

        roles = set(Membership.objects.filter(user=outsider).values_list("role", flat=True))
        assert roles == {Role.INFO_OFFICER}
        used = client.get(first).content.decode()
        assert "该邀请已不能使用" in used

    def test_an_email_invitation_for_someone_else(
        self, web, enterprise_admin, enterprise, outsider
    ):
        _login(web, enterprise_admin).post(
            f"/org/{enterprise.pk}/members/",
            {"action": "invite", "role": "info_officer", "email": "someone@example.cn"},
        )
        # The token went out by e-mail only; make a second link-less check through the API path.
        assert Invitation.objects.get().email == "someone@example.cn"
        response = _login(web, outsider).post(
            "/org/invitations/unknown-token/", {"action": "accept"}
        )
        assert response.status_code == 404


class TestGovernmentPage:
    def test_staff_open_a_top_body(self, web, staff_user):
        client = _login(web, staff_user)
        region = Region.objects.get(code="5301")
        client.post(
            "/org/government/", {"action": "create", "name": "昆明市教育局", "region": region.pk}
        )
        assert Organization.objects.filter(name="昆明市教育局", org_type="government").exists()

    def test_a_government_admin_sees_only_regions_below(self, web, wuzhou_officer):
        client = _login(web, wuzhou_officer)
        page = client.get("/org/government/").content.decode()
        assert "梧州市 · 万秀区" in page
        assert f'value="{Region.objects.get(code="4504").pk}"' not in page
        own = Region.objects.get(code="4504")
        response = client.post(
            "/org/government/", {"action": "create", "name": "梧州另一局", "region": own.pk}
        )
        assert response.status_code == 200
        assert "请从列表中选择地区" in response.content.decode()
        assert not Organization.objects.filter(name="梧州另一局").exists()

    def test_a_government_admin_invites_an_officer(self, web, wuzhou_officer, wuzhou_gov):
        response = _login(web, wuzhou_officer).post(
            "/org/government/", {"action": "invite", "body": wuzhou_gov.pk, "role": "reviewer"}
        )
        assert "此链接只显示这一次" in response.content.decode()
        assert Invitation.objects.get().organization == wuzhou_gov

    def test_others_are_refused(self, web, enterprise_admin):
        assert _login(web, enterprise_admin).get("/org/government/").status_code == 403


def test_workbench_counts(wuzhou_gov, wuzhou, outsider):
    from chanjiao.organizations.selectors import (
        invitations_pending_for_user,
        organizations_pending_verification_count,
    )

    reviewer = reviewer_for(wuzhou_gov)
    EnterpriseFactory(name="梧州计数企业", region=wuzhou, is_verified=False)
    assert organizations_pending_verification_count(reviewer) == 1
    assert organizations_pending_verification_count(outsider) == 0
    assert invitations_pending_for_user(UserFactory(username="noemail", email="")).count() == 0
