"""Deleting my account (PIPL Art. 47): refused when it must be, otherwise anonymised at once."""

import json

import pytest
from django.db.models import ProtectedError
from django.test import Client

from chanjiao.accounts.models import Membership, Role, User
from chanjiao.accounts.tests.factories import TEST_PASSWORD, MembershipFactory, UserFactory
from chanjiao.audit.models import AuditEvent, AuditResult
from chanjiao.common.exceptions import PermissionDeniedError
from chanjiao.listings.models import Listing, ListingStatus, ProfileConsent
from chanjiao.listings.services import profile_consent_grant
from chanjiao.listings.tests.factories import listing_make
from chanjiao.selfservice.deletion import account_delete
from chanjiao.students.models import StudentProfile
from chanjiao.students.tests.factories import StudentProfileFactory
from chanjiao.subscriptions.models import Notification, Subscription

pytestmark = pytest.mark.django_db

CONFIRM = "确认注销"


def _delete(client: Client, password: str = TEST_PASSWORD, confirmation: str = CONFIRM):
    return client.post(
        "/account/delete/", {"password": password, "confirmation": confirmation}, follow=True
    )


def _unchanged(user: User) -> None:
    user.refresh_from_db()
    assert user.is_active
    assert user.username != f"deleted_{user.pk}"
    assert user.check_password(TEST_PASSWORD)
    assert not AuditEvent.objects.filter(
        action="account.delete", result=AuditResult.SUCCESS
    ).exists()


def test_wrong_password_refused(person, person_client):
    response = _delete(person_client, password="not-my-password")
    assert "当前密码不正确，账号未注销。" in response.content.decode()
    _unchanged(person)
    assert person.real_name == "张三"
    assert AuditEvent.objects.get(action="account.delete").result == AuditResult.FAILED


def test_confirmation_must_be_typed(person, person_client):
    response = _delete(person_client, confirmation="确认")
    assert "请准确输入“确认注销”四个字" in response.content.decode()
    _unchanged(person)


def test_staff_refused(catalogs):
    staff = UserFactory(username="ops", is_staff=True)
    client = Client()
    client.force_login(staff)
    page = client.get("/account/delete/").content.decode()
    assert "平台工作人员的账号不能自行注销" in page
    response = _delete(client)
    assert "平台工作人员的账号不能自行注销" in response.content.decode()
    _unchanged(staff)
    with pytest.raises(PermissionDeniedError):
        account_delete(actor=staff, password=TEST_PASSWORD)
    denied = AuditEvent.objects.get(action="account.delete")
    assert denied.result == AuditResult.DENIED
    _unchanged(staff)


def test_last_org_admin_with_members_refused(school_admin, wuzhou_school):
    MembershipFactory(
        user=UserFactory(username="teacher"), organization=wuzhou_school, role=Role.INFO_OFFICER
    )
    client = Client()
    client.force_login(school_admin)
    assert "唯一的机构管理员" in client.get("/account/delete/").content.decode()
    with pytest.raises(PermissionDeniedError) as caught:
        account_delete(actor=school_admin, password=TEST_PASSWORD)
    assert "梧州职业学院" in caught.value.message
    _unchanged(school_admin)
    assert Membership.objects.get(user=school_admin).is_active


def test_org_admin_may_leave_when_another_admin_remains(school_admin, wuzhou_school):
    MembershipFactory(
        user=UserFactory(username="teacher"), organization=wuzhou_school, role=Role.INFO_OFFICER
    )
    MembershipFactory(
        user=UserFactory(username="second_admin"), organization=wuzhou_school, role=Role.ORG_ADMIN
    )
    summary = account_delete(actor=school_admin, password=TEST_PASSWORD)
    assert summary.memberships_deactivated == 1
    assert not Membership.objects.get(user=school_admin).is_active


def test_preview_says_what_goes_and_what_stays(person, person_client, job_profile, enterprise):
    profile_consent_grant(actor=person, profile=job_profile, organization=enterprise)
    body = person_client.get("/account/delete/").content.decode()
    assert "注销后将删除或停用" in body
    assert "您给出的 1 项个人信息授权将全部撤回" in body
    assert "您的 1 份求职档案" in body
    assert "依法保留" in body
    assert "《网络安全法》第二十一条" in body


def test_deletion_anonymises_and_keeps_the_log(
    person, person_client, job_profile, enterprise, wuzhou_school
):
    MembershipFactory(user=person, organization=enterprise, role=Role.INFO_OFFICER)
    StudentProfileFactory(user=person, school=wuzhou_school)
    consent = profile_consent_grant(actor=person, profile=job_profile, organization=enterprise)
    Subscription.objects.create(user=person, name="数控岗位")
    Notification.objects.create(user=person, title="有新岗位")
    events_before = AuditEvent.objects.filter(actor=person).count()
    assert events_before > 0

    response = _delete(person_client)

    assert response.redirect_chain[-1][0] == "/"
    assert "您的账号已注销" in response.content.decode()
    assert "_auth_user_id" not in person_client.session
    user = User.objects.get(pk=person.pk)
    assert user.username == f"deleted_{person.pk}"
    assert user.real_name == "已注销用户"
    assert (user.email, user.phone, user.id_number) == ("", "", "")
    assert not user.has_usable_password()
    assert not user.is_active
    assert not Membership.objects.filter(user=user, is_active=True).exists()
    assert not StudentProfile.objects.filter(user=user).exists()
    assert not Subscription.objects.filter(user=user).exists()
    assert not Notification.objects.filter(user=user).exists()
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None
    profile = Listing.objects.get(pk=job_profile.pk)
    assert profile.status == ListingStatus.CLOSED
    assert "resume" not in profile.details
    assert profile.details["graduation_year"] == job_profile.details["graduation_year"]

    # The audit log stays, and the deletion event holds counts, no personal value.
    assert AuditEvent.objects.filter(actor_id=person.pk).count() > events_before
    event = AuditEvent.objects.get(action="account.delete")
    assert event.result == AuditResult.SUCCESS
    assert event.changes == {
        "memberships_deactivated": 1,
        "consents_withdrawn": 1,
        "profiles_cleared": 1,
        "profiles_closed": 1,
        "student_profile_deleted": 1,
        "subscriptions_deleted": 1,
        "notifications_deleted": 1,
        "second_factor_devices_deleted": 0,
    }
    logged = json.dumps(event.changes, ensure_ascii=False) + event.target_repr + event.actor_repr
    for personal in ("张三", "zhangsan", "13912345678", "450403200001011234"):
        assert personal not in logged

    # Nobody can sign in as the person any more.
    for username in ("zhangsan", f"deleted_{person.pk}"):
        client = Client()
        client.post("/login/", {"username": username, "password": TEST_PASSWORD})
        assert "_auth_user_id" not in client.session
    assert ProfileConsent.objects.filter(withdrawn_at__isnull=True).count() == 0


def test_draft_profile_is_cleared_but_not_closable(person):
    draft = listing_make(kind="jobseeker", author=person)
    summary = account_delete(actor=person, password=TEST_PASSWORD)
    draft.refresh_from_db()
    assert draft.status == ListingStatus.DRAFT
    assert "resume" not in draft.details
    assert (summary.profiles_cleared, summary.profiles_closed) == (1, 0)


def test_protected_student_profile_is_emptied_instead(person, wuzhou_school, monkeypatch):
    StudentProfileFactory(user=person, school=wuzhou_school, skills="数控车床、电话 13912345678")

    def protected(self, *args, **kwargs):
        raise ProtectedError("被其他记录引用", set())

    monkeypatch.setattr(StudentProfile, "delete", protected)
    summary = account_delete(actor=person, password=TEST_PASSWORD)
    assert summary.student_profile_deleted == 1
    assert StudentProfile.objects.get(user=person).skills == ""
    assert not User.objects.get(pk=person.pk).is_active
