"""Evidence counts equal the platform records in the window; the credit estimate through the API;
the directory hides what left it."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from chanjiao.internships.models import Placement, PlacementState
from chanjiao.listings.models import Listing
from chanjiao.listings.tests.factories import listing_make, reviewer_for
from chanjiao.organizations.tests.factories import SchoolFactory
from chanjiao.recognition.models import Programme, Recognition, RecognitionState
from chanjiao.recognition.services import recognitions_lapse
from chanjiao.recognition.tests.conftest import BASE, apply, step
from chanjiao.students.tests.factories import StudentProfileFactory

pytestmark = pytest.mark.django_db


def _publish(kind, org, author, reviewer, *, days_ago=30, **overrides):
    listing = listing_make(
        kind=kind,
        author=author,
        organization=org,
        reviewer=reviewer,
        overrides={"region_code": "310107", **overrides},
    )
    moment = timezone.now() - datetime.timedelta(days=days_ago)
    Listing.objects.filter(pk=listing.pk).update(published_at=moment)
    return listing


def _placement(org, school, *, days_ago, status=PlacementState.ACTIVE):
    student = StudentProfileFactory(school=school).user
    start = timezone.now() - datetime.timedelta(days=days_ago)
    return Placement.objects.create(
        student=student,
        school=school,
        enterprise=org,
        source="school",
        kind="post",
        post_name="运维",
        address="普陀区",
        start_date=start.date(),
        end_date=start.date() + datetime.timedelta(days=90),
        daily_hours=8,
        weekly_hours=40,
        status=status,
        started_at=start,
    )


def _evidence(client, rid):
    detail = client.get(f"{BASE}recognitions/{rid}/").json()
    return {item["condition"]["key"]: item for item in detail["evidence"]}, detail


def test_counts_equal_the_records_in_the_window(
    client_for, programme, putuo, pt_enterprise, pt_applicant, district_reviewer
):
    school = SchoolFactory(name="普陀职校", region=putuo.region)
    # In the window (the last 3 years): two cooperation items, one of them 订单培养; one mentor.
    _publish("cooperation", pt_enterprise, pt_applicant, district_reviewer)
    _publish(
        "cooperation",
        pt_enterprise,
        pt_applicant,
        district_reviewer,
        cooperation_type="apprenticeship",
    )
    _publish("mentor", pt_enterprise, pt_applicant, district_reviewer)
    # Outside the window, and a draft: not counted.
    _publish("cooperation", pt_enterprise, pt_applicant, district_reviewer, days_ago=4 * 365)
    listing_make(kind="cooperation", author=pt_applicant, organization=pt_enterprise)
    _placement(pt_enterprise, school, days_ago=10)
    _placement(pt_enterprise, school, days_ago=40, status=PlacementState.COMPLETED)
    _placement(pt_enterprise, school, days_ago=5, status=PlacementState.CANCELLED)
    _placement(pt_enterprise, school, days_ago=5 * 365)
    recognition = Recognition.objects.create(programme=programme, organization=pt_enterprise)
    applicant = client_for(pt_applicant)
    apply(applicant, recognition.pk)

    evidence, detail = _evidence(applicant, recognition.pk)

    assert evidence["cooperation"]["count"] == 2
    assert evidence["order-class"]["count"] == 1
    assert evidence["mentors"]["count"] == 1
    assert evidence["internships"]["count"] == 2
    # No training, no R&D on the platform: “暂无记录”, never a zero achievement.
    assert evidence["training"]["count"] is None
    assert evidence["training"]["display"] == "暂无记录"
    assert evidence["rnd"]["count"] is None
    assert "开展职工和社会培训" in detail["missing"]
    assert "与高校、职业院校开展校企合作，深度参与教育教学改革" not in detail["missing"]


def test_an_attachment_fills_a_condition_the_platform_cannot_know(
    client_for, programme, pt_enterprise, pt_applicant
):
    recognition = Recognition.objects.create(programme=programme, organization=pt_enterprise)
    applicant = client_for(pt_applicant)
    evidence, detail = _evidence(applicant, recognition.pk)
    condition = evidence["investment"]["condition"]["id"]
    assert "兴办职业教育的投资（投资凭证）" in detail["missing"]

    upload = SimpleUploadedFile("投资凭证.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    response = applicant.post(
        f"{BASE}recognitions/{recognition.pk}/attachments/",
        {"file": upload, "condition": condition},
        format="multipart",
    )
    bad = applicant.post(
        f"{BASE}recognitions/{recognition.pk}/attachments/",
        {"file": SimpleUploadedFile("x.exe", b"MZ"), "condition": condition},
        format="multipart",
    )

    assert response.status_code == 201
    assert bad.status_code == 400
    assert bad.json()["extra"]["field"] == "file"
    evidence, detail = _evidence(applicant, recognition.pk)
    assert evidence["investment"]["count"] == 1
    assert evidence["investment"]["attachments"] == ["投资凭证.pdf"]
    assert "兴办职业教育的投资（投资凭证）" not in detail["missing"]


def test_credit_estimate_through_the_api(client_for, programme, pt_enterprise, pt_applicant):
    recognition = Recognition.objects.create(programme=programme, organization=pt_enterprise)
    applicant = client_for(pt_applicant)
    url = f"{BASE}recognitions/{recognition.pk}/investments/"
    year = timezone.localdate().year

    applicant.post(
        url,
        {"year": year - 1, "investment": "1000000", "surcharge_due": "120000"},
        format="json",
    )
    response = applicant.post(
        url, {"year": year, "investment": "0", "surcharge_due": "250000"}, format="json"
    )
    future = applicant.post(
        url, {"year": year + 1, "investment": "1", "surcharge_due": "1"}, format="json"
    )

    assert response.status_code == 201
    body = response.json()
    assert [y["credited"] for y in body["years"]] == ["120000.00", "180000.00"]
    assert body["years"][0]["carried_out"] == "180000.00"
    assert body["carried_now"] == "0.00"
    assert body["rule"]["clause"] == "三2"
    assert body["rule"]["carry_forward_verified"] is False
    assert "税务机关" in body["notice"]
    assert future.status_code == 400
    assert future.json()["extra"]["field"] == "year"


def test_credit_refused_where_the_programme_has_no_such_rule(
    client_for, putuo, pt_enterprise, pt_applicant
):
    base = putuo.programmes.get(key="district-cooperation-base")
    recognition = Recognition.objects.create(programme=base, organization=pt_enterprise)

    response = client_for(pt_applicant).post(
        f"{BASE}recognitions/{recognition.pk}/investments/",
        {"year": 2024, "investment": "10", "surcharge_due": "10"},
        format="json",
    )

    assert response.status_code == 400
    assert not recognition.investments.exists()


@pytest.mark.parametrize(
    ("_case", "status", "valid_days"),
    [
        ("certified", RecognitionState.CERTIFIED, 100),
        ("revoked", RecognitionState.REVOKED, 100),
        ("withdrawn", RecognitionState.WITHDRAWN, 100),
        ("lapsed", RecognitionState.LAPSED, -1),
        ("expired, not yet lapsed", RecognitionState.CERTIFIED, -1),
    ],
)
def test_directory_shows_only_certified_and_valid(
    api_client, programme, pt_enterprise, _case, status, valid_days
):
    today = timezone.localdate()
    Recognition.objects.create(
        programme=programme,
        organization=pt_enterprise,
        status=status,
        certificate_number="PT-1",
        certified_on=today - datetime.timedelta(days=300),
        valid_until=today + datetime.timedelta(days=valid_days),
    )

    body = api_client.get(f"{BASE}directory/", {"q": "普陀智造"}).json()

    expected = 1 if _case == "certified" else 0
    assert body["count"] == expected


def test_lapse_takes_expired_certificates_out(programme, pt_enterprise):
    today = timezone.localdate()
    recognition = Recognition.objects.create(
        programme=programme,
        organization=pt_enterprise,
        status=RecognitionState.CERTIFIED,
        certified_on=today - datetime.timedelta(days=1200),
        valid_until=today - datetime.timedelta(days=1),
    )

    assert recognitions_lapse() == 1
    recognition.refresh_from_db()
    assert recognition.status == RecognitionState.LAPSED
    assert recognition.status_reason == "有效期届满"


def test_objection_only_during_notice(client_for, outsider, programme, pt_enterprise, pt_applicant):
    recognition = Recognition.objects.create(programme=programme, organization=pt_enterprise)
    apply(client_for(pt_applicant), recognition.pk)

    response = client_for(outsider).post(
        f"{BASE}recognitions/{recognition.pk}/objections/", {"text": "异议"}, format="json"
    )

    assert response.status_code == 404
    assert not recognition.objections.exists()
    assert step(client_for(outsider), recognition.pk, "publish").status_code == 404


def test_wuzhou_quota_shows_required_offered_and_filled(
    client_for, loaded, enterprise, enterprise_admin, wuzhou_gov
):
    enterprise.employee_count = 1000
    enterprise.is_above_designated_size = True
    enterprise.save()
    officer = reviewer_for(wuzhou_gov, username="wz_reviewer")
    listing_make(
        kind="internship",
        author=enterprise_admin,
        organization=enterprise,
        reviewer=officer,
        overrides={"quantity": 5},
    )
    programme = Programme.objects.get(locality__name="梧州市", key="integration-enterprise")
    recognition = Recognition.objects.create(programme=programme, organization=enterprise)

    evidence, _ = _evidence(client_for(enterprise_admin), recognition.pk)

    quota = evidence["internship-quota"]
    assert quota["count"] == 5
    assert "应安排 20 个，已提供 5 个、已接收 0 人" in quota["display"]
    assert evidence["internships"]["count"] is None
    assert evidence["internships"]["display"] == "暂无记录"
