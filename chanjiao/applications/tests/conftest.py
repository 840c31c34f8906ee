"""A published job of the 梧州 enterprise, its members, an applicant, and people outside it."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from chanjiao.accounts.models import Role
from chanjiao.accounts.tests.factories import MembershipFactory, UserFactory
from chanjiao.applications.services import application_submit
from chanjiao.events.services import (
    event_create,
    event_enterprise_approve,
    event_enterprise_register,
)
from chanjiao.listings.tests.factories import listing_make, reviewer_for

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def reviewer(wuzhou_gov):
    return reviewer_for(wuzhou_gov)


@pytest.fixture
def job(recruiter, enterprise, reviewer):
    return listing_make(kind="job", author=recruiter, organization=enterprise, reviewer=reviewer)


@pytest.fixture
def internship(recruiter, enterprise, reviewer):
    return listing_make(
        kind="internship", author=recruiter, organization=enterprise, reviewer=reviewer
    )


@pytest.fixture
def applicant(student):
    """A confirmed student with a name, a phone and an e-mail."""
    student.real_name = "王小明"
    student.phone = "13711112222"
    student.email = "xiaoming@example.cn"
    student.save()
    return student


@pytest.fixture
def other_member(other_enterprise):
    user = UserFactory(username="other_hr", real_name="外企招聘")
    MembershipFactory(user=user, organization=other_enterprise, role=Role.INFO_OFFICER)
    return user


@pytest.fixture
def pdf():
    return SimpleUploadedFile("简历.pdf", PDF, content_type="application/pdf")


@pytest.fixture
def application(applicant, job):
    return application_submit(actor=applicant, listing=job, message="希望加入贵公司。")


@pytest.fixture
def fair(job, recruiter, school_admin, wuzhou_school):
    """A 双选会 of the school next week where the enterprise brings ``job`` (approved)."""
    start = timezone.localtime(timezone.now() + datetime.timedelta(days=7)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    event = event_create(
        actor=school_admin,
        organizer=wuzhou_school,
        values={
            "title": "冬季校园双选会",
            "kind": "mutual",
            "description": "校园双选会。",
            "starts_at": start,
            "ends_at": start + datetime.timedelta(hours=3),
            "is_online": False,
            "place": "体育馆",
            "online_url": "",
            "region": wuzhou_school.region,
            "audience": "all",
            "enterprise_capacity": None,
            "student_capacity": None,
            "registration_deadline": None,
        },
    )
    participation = event_enterprise_register(
        actor=recruiter, event=event, organization=job.organization, post_ids=[job.pk]
    )
    event_enterprise_approve(actor=school_admin, participation=participation)
    return event
