"""People join only with consent: invitations by e-mail or one-time link; no username lookup."""

import datetime
import re

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from chanjiao.accounts.models import Membership, Role
from chanjiao.accounts.tests.factories import UserFactory
from chanjiao.audit.models import AuditEvent
from chanjiao.organizations.models import Invitation, InvitationStatus
from chanjiao.organizations.selectors import invitations_pending_for_user
from chanjiao.organizations.tasks import expire_invitations_task
from chanjiao.organizations.tokens import token_hash

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def _invite(client, org, **data):
    return client.post(f"/api/v1/organizations/{org.pk}/invitations/", data, format="json")


def _token(link):
    return link.rstrip("/").rsplit("/", 1)[-1]


def test_the_old_add_by_username_is_gone(client_for, enterprise_admin, enterprise, outsider):
    response = client_for(enterprise_admin).post(
        f"/api/v1/organizations/{enterprise.pk}/memberships/",
        {"username": "outsider", "role": "info_officer"},
        format="json",
    )
    assert response.status_code == 405
    assert not Membership.objects.filter(user=outsider).exists()


def test_an_email_invitation_is_accepted_by_the_matching_account_only(
    client_for, enterprise_admin, enterprise, django_capture_on_commit_callbacks
):
    invitee = UserFactory(username="invitee", email="Zhang.San@Example.cn")
    stranger = UserFactory(username="stranger", email="other@example.cn")

    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(
            client_for(enterprise_admin),
            enterprise,
            role="info_officer",
            email="zhang.san@example.cn",
        )

    assert response.status_code == 201
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["zhang.san@example.cn"]
    assert enterprise.name in message.subject
    assert "信息员" in message.body
    assert "企业管理员" not in message.body  # nobody's name travels before acceptance
    link = re.search(r"https?://\S+/org/invitations/\S+/", message.body).group(0)
    token = _token(link)
    invitation = Invitation.objects.get()
    assert invitation.token_hash == token_hash(token)
    assert token not in invitation.token_hash
    assert list(invitations_pending_for_user(invitee)) == [invitation]
    assert list(invitations_pending_for_user(stranger)) == []

    refused = client_for(stranger).post(f"/api/v1/invitations/{token}/accept/")
    assert refused.status_code == 403
    assert not Membership.objects.filter(user=stranger).exists()
    assert AuditEvent.objects.get(action="invitation.accept", result="denied").actor == stranger

    accepted = client_for(invitee).post(f"/api/v1/invitations/{token}/accept/")
    assert accepted.status_code == 200
    assert Membership.objects.filter(
        user=invitee, organization=enterprise, role=Role.INFO_OFFICER, is_active=True
    ).exists()
    invitation.refresh_from_db()
    assert (invitation.status, invitation.accepted_by) == (InvitationStatus.ACCEPTED, invitee)
    assert AuditEvent.objects.filter(action="invitation.accept", result="success").count() == 1
    assert AuditEvent.objects.filter(action="invitation.create", result="success").count() == 1


def test_the_link_shows_the_organisation_and_role_but_no_name(
    api_client, client_for, enterprise_admin, enterprise
):
    link = _invite(client_for(enterprise_admin), enterprise, role="info_officer").json()["link"]
    body = api_client.get(f"/api/v1/invitations/{_token(link)}/").json()
    assert body["organization_name"] == enterprise.name
    assert body["role_label"] == "信息员"
    assert "企业管理员" not in str(body)
    assert "enterprise_admin" not in str(body)


def test_a_one_time_link_cannot_be_used_twice(client_for, enterprise_admin, enterprise, outsider):
    link = _invite(client_for(enterprise_admin), enterprise, role="info_officer").json()["link"]
    assert not mail.outbox
    token = _token(link)
    second = UserFactory(username="second_person")

    assert client_for(outsider).post(f"/api/v1/invitations/{token}/accept/").status_code == 200
    again = client_for(second).post(f"/api/v1/invitations/{token}/accept/")

    assert again.status_code == 400
    assert again.json()["message"] == "该邀请已被使用，不能再次使用。"
    assert not Membership.objects.filter(user=second).exists()


def test_a_person_without_an_account_signs_up_and_accepts(
    api_client, client_for, enterprise_admin, enterprise
):
    data = _invite(
        client_for(enterprise_admin), enterprise, role="org_admin", email="new@example.cn"
    ).json()
    token = _token(data["link"])

    response = api_client.post(
        f"/api/v1/invitations/{token}/register/",
        {
            "username": "newcomer",
            "password": "Newcomer-Pass-2026",
            "email": "someone.else@example.cn",
            "real_name": "新同事",
        },
        format="json",
    )

    assert response.status_code == 201
    membership = Membership.objects.get(user__username="newcomer")
    assert (membership.organization, membership.role) == (enterprise, Role.ORG_ADMIN)
    assert membership.user.email == "new@example.cn"  # the invited address, not another


def test_sign_up_with_a_bad_password_writes_nothing(
    api_client, client_for, enterprise_admin, enterprise
):
    token = _token(
        _invite(client_for(enterprise_admin), enterprise, role="info_officer").json()["link"]
    )
    response = api_client.post(
        f"/api/v1/invitations/{token}/register/",
        {"username": "newcomer", "password": "123", "email": "n@example.cn", "real_name": "新"},
        format="json",
    )
    assert response.status_code == 400
    assert "password" in response.json()["extra"]["fields"]
    assert Invitation.objects.get().status == InvitationStatus.PENDING


def test_decline(client_for, enterprise_admin, enterprise, outsider):
    token = _token(
        _invite(client_for(enterprise_admin), enterprise, role="info_officer").json()["link"]
    )

    response = client_for(outsider).post(f"/api/v1/invitations/{token}/decline/")

    assert response.status_code == 200
    assert Invitation.objects.get().status == InvitationStatus.DECLINED
    assert client_for(outsider).post(f"/api/v1/invitations/{token}/accept/").status_code == 400
    assert not Membership.objects.filter(user=outsider).exists()
    assert AuditEvent.objects.filter(action="invitation.decline").count() == 1


def test_revoke(client_for, enterprise_admin, enterprise, outsider):
    data = _invite(client_for(enterprise_admin), enterprise, role="info_officer").json()

    response = client_for(enterprise_admin).delete(
        f"/api/v1/organizations/{enterprise.pk}/invitations/{data['id']}/"
    )

    assert response.status_code == 200
    assert response.json()["status_label"] == "已撤回"
    accept = client_for(outsider).post(f"/api/v1/invitations/{_token(data['link'])}/accept/")
    assert accept.status_code == 400
    assert accept.json()["message"] == "该邀请已被机构撤回。"
    assert AuditEvent.objects.filter(action="invitation.revoke").count() == 1


def test_an_outsider_cannot_revoke(client_for, enterprise_admin, enterprise, recruiter):
    data = _invite(client_for(enterprise_admin), enterprise, role="info_officer").json()
    response = client_for(recruiter).delete(
        f"/api/v1/organizations/{enterprise.pk}/invitations/{data['id']}/"
    )
    assert response.status_code == 403
    assert Invitation.objects.get().status == InvitationStatus.PENDING


def test_an_expired_invitation_is_refused(client_for, enterprise_admin, enterprise, outsider):
    token = _token(
        _invite(client_for(enterprise_admin), enterprise, role="info_officer").json()["link"]
    )

    with time_machine.travel(timezone.now() + datetime.timedelta(days=7, minutes=1)):
        response = client_for(outsider).post(f"/api/v1/invitations/{token}/accept/")
        shown = client_for(outsider).get(f"/api/v1/invitations/{token}/").json()

    assert response.status_code == 400
    assert "已过期" in response.json()["message"]
    assert shown["status_label"] == "已过期"
    assert not Membership.objects.filter(user=outsider).exists()


def test_only_those_who_manage_members_may_invite(client_for, recruiter, enterprise):
    response = _invite(client_for(recruiter), enterprise, role="org_admin")
    assert response.status_code == 403
    assert not Invitation.objects.exists()
    assert AuditEvent.objects.get(action="invitation.create").result == "denied"


def test_an_enterprise_cannot_invite_a_government_admin(client_for, enterprise_admin, enterprise):
    response = _invite(client_for(enterprise_admin), enterprise, role="gov_admin")
    assert response.status_code == 400
    assert response.json()["extra"]["fields"]["role"]
    assert not Invitation.objects.exists()


def test_an_unknown_token_is_not_found(api_client, catalogs):
    response = api_client.get("/api/v1/invitations/not-a-real-token/")
    assert response.status_code == 404
    assert response.json()["message"] == "该邀请链接无效，请向邀请您的机构管理员索取新的链接。"


def test_the_periodic_job_marks_old_invitations_expired(client_for, enterprise_admin, enterprise):
    _invite(client_for(enterprise_admin), enterprise, role="info_officer")
    fresh = _invite(client_for(enterprise_admin), enterprise, role="org_admin").json()

    with time_machine.travel(timezone.now() + datetime.timedelta(days=7, minutes=1)):
        Invitation.objects.filter(pk=fresh["id"]).update(expires_at=timezone.now() + DAY)
        assert expire_invitations_task.call() == 1

    statuses = dict(Invitation.objects.values_list("pk", "status"))
    assert statuses.pop(fresh["id"]) == InvitationStatus.PENDING
    assert list(statuses.values()) == [InvitationStatus.EXPIRED]
