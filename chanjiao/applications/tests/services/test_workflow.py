import datetime

import pytest

from chanjiao.applications.models import ApplicationState
from chanjiao.applications.selectors import (
    application_contact,
    application_get_for_user,
    application_history,
    application_list_for_applicant,
)
from chanjiao.applications.services import (
    application_decline,
    application_hire,
    application_invite,
    application_submit,
    application_view_by_publisher,
    application_withdraw,
)
from chanjiao.audit.models import AuditEvent, AuditResult
from chanjiao.common.exceptions import ConflictError, NotFoundError, PermissionDeniedError
from chanjiao.listings.services import listing_close, listings_advance
from chanjiao.subscriptions.models import Notification

pytestmark = pytest.mark.django_db


def _titles(user):
    return list(
        Notification.objects.filter(user=user).order_by("pk").values_list("title", flat=True)
    )


def test_publisher_moves_states_and_applicant_hears_each(application, applicant, recruiter):
    application_view_by_publisher(actor=recruiter, application=application)
    assert application.state == ApplicationState.VIEWED
    assert application.viewed_at
    application_invite(actor=recruiter, application=application, message="周三上午十点面试")
    assert application.state == ApplicationState.INTERVIEW
    assert application.invited_at
    application_hire(actor=recruiter, application=application, message="欢迎加入")
    assert application.state == ApplicationState.HIRED
    assert application.decided_at
    assert application.state_message == "欢迎加入"
    titles = _titles(applicant)
    assert [t.rsplit("（", 1)[1] for t in titles] == ["已查看）", "邀请面试）", "录用）"]
    body = Notification.objects.filter(user=applicant).order_by("pk")[1].body
    assert "周三上午十点面试" in body
    steps = [row["transition"] for row in application_history(application)]
    assert steps == ["submit", "view", "invite", "hire"]
    listed = application_list_for_applicant(fetched_by=applicant).get()
    assert listed.state == ApplicationState.HIRED
    assert AuditEvent.objects.filter(action="application.hire").exists()


def test_decline_straight_from_new(application, recruiter):
    application_decline(actor=recruiter, application=application, message="专业不符")
    assert application.state == ApplicationState.DECLINED
    with pytest.raises(ConflictError):
        application_invite(actor=recruiter, application=application)


def test_applicant_cannot_move_and_publisher_cannot_withdraw(application, applicant, recruiter):
    with pytest.raises(PermissionDeniedError):
        application_invite(actor=applicant, application=application)
    with pytest.raises(PermissionDeniedError):
        application_withdraw(actor=recruiter, application=application)
    assert AuditEvent.objects.filter(
        action="application.invite", result=AuditResult.DENIED
    ).exists()


def test_withdraw_revokes_the_consent(application, applicant, recruiter, enterprise_admin):
    assert application_contact(actor=recruiter, application=application) is not None
    application_withdraw(actor=applicant, application=application)
    assert application.state == ApplicationState.WITHDRAWN
    assert application.consent_withdrawn_at is not None
    fresh = application_get_for_user(recruiter, application.pk)
    assert application_contact(actor=recruiter, application=fresh) is None
    event = AuditEvent.objects.get(action="application.withdraw")
    assert event.changes["consent"] == "withdrawn"
    assert any("撤回" in t for t in _titles(enterprise_admin))


def test_contact_view_is_audited_and_full(application, recruiter, applicant):
    contact = application_contact(actor=recruiter, application=application)
    assert contact.phone == applicant.phone
    assert contact.real_name == applicant.real_name
    assert contact.email == applicant.email
    assert contact.school == applicant.student_profile.school.name
    event = AuditEvent.objects.get(action="application.personal_data.view")
    assert "phone" in event.changes["fields"]
    assert event.actor_id == recruiter.pk


def test_nobody_outside_the_publisher_sees_it(
    application, applicant, recruiter, other_member, school_admin, staff_user, outsider
):
    assert application_get_for_user(applicant, application.pk) == application
    assert application_get_for_user(recruiter, application.pk) == application
    for user in (other_member, school_admin, staff_user, outsider):
        with pytest.raises(NotFoundError):
            application_get_for_user(user, application.pk)
    assert application_contact(actor=staff_user, application=application) is None


def test_closing_the_post_closes_open_applications_with_notice(
    job, application, recruiter, catalogs
):
    from chanjiao.accounts.tests.factories import UserFactory

    decided = application_submit(actor=UserFactory(username="second"), listing=job)
    application_decline(actor=recruiter, application=decided)
    listing_close(actor=recruiter, listing=job, reason="已招满")
    application.refresh_from_db()
    decided.refresh_from_db()
    assert application.state == ApplicationState.CLOSED
    assert application.decided_at is not None
    assert decided.state == ApplicationState.DECLINED
    notice = Notification.objects.filter(user=application.applicant).last()
    assert "岗位已关闭" in notice.title
    record = application_history(application)[-1]
    assert record["transition"] == "close"


def test_expiry_leaves_applications_open(job, application):
    counts = listings_advance(today=job.valid_until + datetime.timedelta(days=1))
    assert counts["expired"] == 1
    application.refresh_from_db()
    assert application.state == ApplicationState.SUBMITTED
