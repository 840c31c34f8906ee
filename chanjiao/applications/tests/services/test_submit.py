import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from chanjiao.accounts.tests.factories import UserFactory
from chanjiao.applications.models import Application, ApplicationState
from chanjiao.applications.services import (
    DAILY_APPLICATION_CAP,
    DUPLICATE,
    MAX_ATTACHMENT_BYTES,
    application_submit,
    application_withdraw,
)
from chanjiao.audit.models import AuditEvent, AuditResult
from chanjiao.common.exceptions import ApplicationError, PermissionDeniedError
from chanjiao.listings.tests.factories import listing_make
from chanjiao.subscriptions.models import NoticeCategory, Notification

pytestmark = pytest.mark.django_db


def test_submit_copies_cohort_grants_consent_and_tells_the_publisher(
    applicant, job, recruiter, enterprise_admin, pdf
):
    application = application_submit(actor=applicant, listing=job, message=" 你好 ", attachment=pdf)
    assert application.state == ApplicationState.SUBMITTED
    assert application.organization_id == job.organization_id
    assert application.school_id == applicant.student_profile.school_id
    assert application.major_id == applicant.student_profile.major_id
    assert application.graduation_year == applicant.student_profile.graduation_year
    assert application.message == "你好"
    assert application.attachment_name == "简历.pdf"
    assert application.attachment.name.endswith(".pdf")
    assert "简历" not in application.attachment.name  # stored under a random name
    assert application.consent_active
    event = AuditEvent.objects.get(action="application.submit")
    assert event.changes["consent"] == "granted"
    notified = set(
        Notification.objects.filter(category=NoticeCategory.APPLICATION).values_list(
            "user_id", flat=True
        )
    )
    assert notified == {recruiter.pk, enterprise_admin.pk}


def test_duplicate_refused_but_allowed_after_withdrawal(applicant, job):
    first = application_submit(actor=applicant, listing=job)
    with pytest.raises(ApplicationError) as error:
        application_submit(actor=applicant, listing=job)
    assert error.value.message == DUPLICATE
    assert "field" not in error.value.extra
    application_withdraw(actor=applicant, application=first)
    again = application_submit(actor=applicant, listing=job)
    assert again.pk != first.pk


def test_members_of_the_publisher_cannot_apply(recruiter, job):
    with pytest.raises(PermissionDeniedError, match="本单位"):
        application_submit(actor=recruiter, listing=job)
    assert AuditEvent.objects.filter(
        action="application.submit", result=AuditResult.DENIED
    ).exists()


def test_name_and_phone_required(job, catalogs):
    person = UserFactory(username="nophone", phone="")
    with pytest.raises(PermissionDeniedError, match="/account/profile/"):
        application_submit(actor=person, listing=job)


def test_only_live_jobs_and_internships(applicant, recruiter, enterprise, reviewer, internship):
    draft = listing_make(kind="job", author=recruiter, organization=enterprise)
    with pytest.raises(PermissionDeniedError, match="不在招聘中"):
        application_submit(actor=applicant, listing=draft)
    training = listing_make(
        kind="training", author=recruiter, organization=enterprise, reviewer=reviewer
    )
    with pytest.raises(PermissionDeniedError, match="只有岗位需求和实习岗位"):
        application_submit(actor=applicant, listing=training)
    assert application_submit(actor=applicant, listing=internship).pk


@pytest.mark.parametrize(
    ("name", "content", "text"),
    [
        ("cv.exe", b"MZ\x90\x00", "只能是 PDF"),
        ("cv.pdf", b"<html>not a pdf</html>", "不符"),
        ("cv.png", b"%PDF-1.4 pretending", "不符"),
    ],
)
def test_attachment_type_checked_by_extension_and_content(applicant, job, name, content, text):
    upload = SimpleUploadedFile(name, content)
    with pytest.raises(ApplicationError, match=text) as error:
        application_submit(actor=applicant, listing=job, attachment=upload)
    assert error.value.extra["field"] == "attachment"
    assert not Application.objects.exists()


def test_attachment_size_limited(applicant, job):
    upload = SimpleUploadedFile("big.pdf", b"%PDF-" + b"0" * MAX_ATTACHMENT_BYTES)
    with pytest.raises(ApplicationError, match="5 MB") as error:
        application_submit(actor=applicant, listing=job, attachment=upload)
    assert error.value.extra["field"] == "attachment"


def test_profile_must_be_own_jobseeker_profile(applicant, job, outsider, reviewer):
    foreign = listing_make(kind="jobseeker", author=outsider, reviewer=reviewer)
    with pytest.raises(ApplicationError) as error:
        application_submit(actor=applicant, listing=job, profile=foreign)
    assert error.value.extra["field"] == "profile"


def test_daily_cap(applicant, job, recruiter, enterprise, reviewer):
    for _ in range(DAILY_APPLICATION_CAP):
        Application.objects.create(
            listing=job, organization=enterprise, applicant=applicant, state="withdrawn"
        )
    other = listing_make(
        kind="internship", author=recruiter, organization=enterprise, reviewer=reviewer
    )
    with pytest.raises(ApplicationError, match="每日上限"):
        application_submit(actor=applicant, listing=other)


def test_event_must_offer_the_post(applicant, job, internship, fair):
    event = fair
    with pytest.raises(ApplicationError) as error:
        application_submit(actor=applicant, listing=internship, event=event)
    assert error.value.extra["field"] == "event"
    application = application_submit(actor=applicant, listing=job, event=event)
    assert application.event == event
