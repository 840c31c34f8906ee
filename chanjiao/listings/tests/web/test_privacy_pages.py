"""What each visitor may see: drafts and profiles hidden, phones masked, resumes by consent."""

import pytest

from chanjiao.audit.models import AuditEvent, AuditResult
from chanjiao.listings.models import ListingReport, ListingStatus, ProfileConsent
from chanjiao.listings.tests.factories import listing_make

pytestmark = pytest.mark.django_db

RESUME = "2023—2026 梧州职业学院 数控技术专业；电话 13700001111。"


@pytest.fixture
def published_job(recruiter, enterprise, reviewer):
    return listing_make(kind="job", author=recruiter, organization=enterprise, reviewer=reviewer)


@pytest.fixture
def profile(student, reviewer):
    return listing_make(kind="jobseeker", author=student, reviewer=reviewer)


def test_anonymous_cannot_see_drafts_or_profiles(client, recruiter, enterprise, profile):
    draft = listing_make(kind="job", author=recruiter, organization=enterprise)

    assert client.get(f"/info/job/{draft.pk}/").status_code == 404
    assert client.get(f"/info/jobseeker/{profile.pk}/").status_code == 404
    assert "求职：数控车工" not in client.get("/info/jobseeker/").content.decode()
    # The kind in the address must match the item's.
    assert client.get(f"/info/internship/{draft.pk}/").status_code == 404


def test_anonymous_sees_masked_contacts(client, published_job):
    list_page = client.get("/info/job/").content.decode()
    detail = client.get(f"/info/job/{published_job.pk}/").content.decode()

    assert "139****5678" in detail
    for page in (list_page, detail):
        assert "13912345678" not in page
    assert "李*" in detail
    assert "李经理" not in detail


def test_publisher_sees_full_contacts(client, recruiter, published_job):
    client.force_login(recruiter)

    detail = client.get(f"/info/job/{published_job.pk}/").content.decode()

    assert "13912345678" in detail
    assert "李经理" in detail


def test_consent_opens_the_resume_and_withdrawal_closes_it(
    client, student, recruiter, enterprise, profile
):
    client.force_login(recruiter)
    summary = client.get(f"/info/jobseeker/{profile.pk}/").content.decode()
    assert "（需授权查看）" in summary
    assert RESUME not in summary
    assert "查看完整个人信息" not in summary
    refused = client.post(f"/info/jobseeker/{profile.pk}/personal-data/", follow=True)
    assert "您无权查看该信息的个人信息（需本人授权）。" in refused.content.decode()
    assert RESUME not in refused.content.decode()

    client.force_login(student)
    granted = client.post(
        f"/info/jobseeker/{profile.pk}/consents/", {"organization": enterprise.pk}, follow=True
    )
    assert f"已授权“{enterprise.name}”查看您的求职档案" in granted.content.decode()
    consent = ProfileConsent.objects.get(profile=profile, withdrawn_at__isnull=True)

    client.force_login(recruiter)
    assert "查看完整个人信息" in client.get(f"/info/jobseeker/{profile.pk}/").content.decode()
    shown = client.post(f"/info/jobseeker/{profile.pk}/personal-data/")
    assert shown.status_code == 200
    assert RESUME in shown.content.decode()
    assert student.phone in shown.content.decode()
    assert "no-store" in shown["Cache-Control"]

    client.force_login(student)
    client.post(f"/info/consents/{consent.pk}/withdraw/")

    client.force_login(recruiter)
    again = client.post(f"/info/jobseeker/{profile.pk}/personal-data/", follow=True)
    assert RESUME not in again.content.decode()
    assert "您无权查看该信息的个人信息（需本人授权）。" in again.content.decode()
    views = AuditEvent.objects.filter(action="personal_data.view", target_id=str(profile.pk))
    assert list(views.order_by("pk").values_list("result", flat=True)) == [
        AuditResult.DENIED,
        AuditResult.SUCCESS,
        AuditResult.DENIED,
    ]


def test_applying_for_a_post_grants_consent_to_its_publisher(
    client, student, enterprise, profile, published_job
):
    client.force_login(student)
    page = client.get(f"/info/job/{published_job.pk}/").content.decode()
    # The post's apply box is the applications app's now (its own consent per application);
    # the general consent endpoint still accepts ``application_for``.
    assert "投递“求职：数控车工”" not in page
    assert f"/applications/apply/{published_job.pk}/" in page

    response = client.post(
        f"/info/jobseeker/{profile.pk}/consents/",
        {"application_for": published_job.pk, "next": f"/info/job/{published_job.pk}/"},
    )

    assert response["Location"] == f"/info/job/{published_job.pk}/"
    consent = ProfileConsent.objects.get(profile=profile)
    assert consent.organization == enterprise
    assert consent.application_for == published_job


def test_only_the_person_manages_consents(client, recruiter, enterprise, student, profile):
    client.force_login(student)
    own = client.get(f"/info/jobseeker/{profile.pk}/").content.decode()
    assert "授权管理" in own
    assert RESUME in own  # the person sees their own profile in full

    client.force_login(recruiter)
    response = client.post(
        f"/info/jobseeker/{profile.pk}/consents/", {"organization": enterprise.pk}, follow=True
    )

    assert "只能由本人对自己的求职档案授权。" in response.content.decode()
    assert not ProfileConsent.objects.exists()
    assert "授权管理" not in response.content.decode()


def test_withdrawing_another_persons_consent_is_not_found(client, outsider, enterprise, profile):
    consent = ProfileConsent.objects.create(profile=profile, organization=enterprise)
    client.force_login(outsider)

    assert client.post(f"/info/consents/{consent.pk}/withdraw/").status_code == 404
    consent.refresh_from_db()
    assert consent.withdrawn_at is None


def test_report_takes_the_item_off_the_public_pages(client, outsider, published_job):
    client.force_login(outsider)
    assert "举报此信息" in client.get(f"/info/job/{published_job.pk}/").content.decode()

    response = client.post(
        f"/info/job/{published_job.pk}/report/",
        {"reason": "fees", "detail": "要求交培训费"},
        follow=True,
    )

    assert "已收到您的举报" in response.content.decode()
    published_job.refresh_from_db()
    assert published_job.status == ListingStatus.SUBMITTED
    assert ListingReport.objects.get().detail == "要求交培训费"
    client.logout()
    assert client.get(f"/info/job/{published_job.pk}/").status_code == 404


def test_report_needs_a_reason(client, outsider, published_job):
    client.force_login(outsider)

    response = client.post(f"/info/job/{published_job.pk}/report/", {"reason": ""}, follow=True)

    assert "请选择举报原因。" in response.content.decode()
    assert not ListingReport.objects.exists()
    published_job.refresh_from_db()
    assert published_job.status == ListingStatus.PUBLISHED


def test_reporter_is_shown_to_reviewers_not_to_the_publisher(
    client, outsider, recruiter, reviewer, published_job
):
    client.force_login(outsider)
    client.post(f"/info/job/{published_job.pk}/report/", {"reason": "fake"})

    client.force_login(recruiter)
    publisher_view = client.get(f"/info/job/{published_job.pk}/").content.decode()
    client.force_login(reviewer)
    reviewer_view = client.get(f"/info/job/{published_job.pk}/").content.decode()

    assert "被举报，退回审核" in publisher_view
    assert outsider.real_name not in publisher_view
    assert "待处理举报（1）" in reviewer_view
    assert outsider.real_name in reviewer_view


def test_anonymous_actions_need_sign_in(client, recruiter, enterprise):
    draft = listing_make(kind="job", author=recruiter, organization=enterprise)

    response = client.post(f"/info/job/{draft.pk}/submit/")

    assert response.status_code == 302
    assert response["Location"].startswith("/login/")
    draft.refresh_from_db()
    assert draft.status == ListingStatus.DRAFT


def test_organisations_see_profile_summaries_with_masked_names(client, recruiter, student, profile):
    client.force_login(recruiter)

    page = client.get("/info/jobseeker/").content.decode()

    assert "求职：数控车工" in page
    assert f"{student.real_name[0]}**" in page
    assert student.real_name not in page
    assert RESUME not in page
