"""Posts recommended to a student, a job seeker's profile and a school's cohort."""

import datetime

from django.utils import timezone

from chanjiao.crosswalk.models import ListingOccupation
from chanjiao.listings.models import Listing
from chanjiao.recommendations.models import Recommendation

ME = "/api/v1/recommendations/me/"


def test_student_gets_post_with_concrete_reasons(client_for, machining_student, lathe_job):
    response = client_for(machining_student).get(ME)

    assert response.status_code == 200
    body = response.json()
    assert body["is_personalised"] is True
    item = body["items"][0]
    assert item["target_id"] == lathe_job.pk
    assert item["title"] == "数控车工"
    assert item["reasons"][:3] == [
        "专业对口：机械制造及自动化 → 车工（6-18-01-01，课标）",
        "同区县",
        "学历要求匹配（要求大专）",
    ]
    assert "技能重合：CAD制图" in item["reasons"] or any(
        r.startswith("技能重合：") and "CAD" in r for r in item["reasons"]
    )
    assert "今日发布" in item["reasons"]


def test_hard_constraints_exclude_wrong_education_expired_and_full(
    client_for, machining_student, publish, recruiter, enterprise, lathe_job
):
    bachelor = publish("job", recruiter, enterprise, title="数控车工（本科）", education="bachelor")
    expired = publish("job", recruiter, enterprise, title="数控车工（已截止）")
    full = publish("job", recruiter, enterprise, title="数控车工（满员）")
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    Listing.objects.filter(pk=expired.pk).update(valid_until=yesterday)
    Listing.objects.filter(pk=full.pk).update(quantity=0)

    ids = [i["target_id"] for i in client_for(machining_student).get(ME).json()["items"]]

    assert lathe_job.pk in ids
    assert bachelor.pk not in ids
    assert expired.pk not in ids
    assert full.pk not in ids


def test_job_seeker_profile_requires_its_expected_region(
    client_for, outsider, publish, recruiter, enterprise, other_enterprise, lathe_job
):
    from chanjiao.accounts.models import Role
    from chanjiao.accounts.tests.factories import MembershipFactory, UserFactory

    sys_recruiter = UserFactory(username="sys_recruiter")
    MembershipFactory(user=sys_recruiter, organization=other_enterprise, role=Role.INFO_OFFICER)
    far = publish("job", sys_recruiter, other_enterprise, title="数控车工", region_code="230502")
    profile = publish("jobseeker", outsider)

    body = client_for(outsider).get(f"/api/v1/recommendations/listings/{profile.pk}/").json()

    ids = [i["target_id"] for i in body["items"]]
    assert ids[0] == lathe_job.pk
    assert far.pk not in ids
    assert body["items"][0]["reasons"][0] == "职业匹配：车工（6-18-01-01）"


def test_cohort_gets_posts_for_school_members_only(
    client_for, school_admin, wuzhou_school, outsider, recruiter, lathe_job
):
    from chanjiao.recommendations.tests.conftest import major

    url = f"/api/v1/recommendations/cohorts/{wuzhou_school.pk}/{major('460104').pk}/2026/"

    body = client_for(school_admin).get(url).json()

    assert body["subject_title"] == "梧州职业学院 机械制造及自动化（460104）2026届毕业生"
    assert body["items"][0]["target_id"] == lathe_job.pk
    assert body["items"][0]["reasons"][0].startswith("专业对口：机械制造及自动化 → 车工")
    assert client_for(outsider).get(url).status_code == 404
    assert client_for(recruiter).get(url).status_code == 404


def test_officer_of_the_region_may_read_a_cohort(
    client_for, wuzhou_officer, shuangyashan_officer, wuzhou_school, lathe_job
):
    from chanjiao.recommendations.tests.conftest import major

    url = f"/api/v1/recommendations/cohorts/{wuzhou_school.pk}/{major('460104').pk}/2026/"

    assert client_for(wuzhou_officer).get(url).status_code == 200
    assert client_for(shuangyashan_officer).get(url).status_code == 404
    assert (
        not Recommendation.objects.filter(subject_type="cohort")
        .exclude(subject_key__startswith=f"{wuzhou_school.pk}:")
        .exists()
    )


def test_stored_list_is_read_with_a_fixed_number_of_queries(
    client_for,
    machining_student,
    publish,
    recruiter,
    enterprise,
    lathe_job,
    django_assert_max_num_queries,
):
    for n in range(5):
        publish("job", recruiter, enterprise, title=f"数控车工{n}号岗")
    client = client_for(machining_student)
    client.get(ME)

    with django_assert_max_num_queries(12):
        body = client.get(ME).json()

    assert len(body["items"]) == 6


def test_post_without_declared_occupation_is_matched_through_its_classified_one(
    client_for,
    machining_student,
    publish,
    recruiter,
    enterprise,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        internship = publish("internship", recruiter, enterprise, title="数控车工实习生")
    # The publisher gave no occupation: the classifier filled it (on the post itself, marked
    # "classified", or in the crosswalk's ListingOccupation after the commit).
    internship.refresh_from_db()
    stored = ListingOccupation.objects.filter(listing=internship).first()
    code = (
        internship.occupation.code if internship.occupation else stored and stored.occupation.code
    )
    assert internship.occupation_source in ("", "classified")
    assert code == "6-18-01-01"

    items = client_for(machining_student).get(ME).json()["items"]

    item = next(i for i in items if i["target_id"] == internship.pk)
    assert item["reasons"][0] == "专业对口：机械制造及自动化 → 车工（6-18-01-01，课标）"
