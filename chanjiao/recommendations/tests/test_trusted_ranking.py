"""A student's list: the major's fit first, only vocabulary skills, no filling, fresh posts."""

import datetime

import pytest
from django.utils import timezone

from chanjiao.catalogs.models import Occupation
from chanjiao.catalogs.skills import skill_vocabulary
from chanjiao.crosswalk.models import ListingOccupation
from chanjiao.crosswalk.services.enrichment import listings_enrich_for
from chanjiao.listings.models import Listing, OccupationSource
from chanjiao.recommendations.models import Recommendation, SubjectState
from chanjiao.recommendations.orientation import orientation_forget
from chanjiao.recommendations.reasons import is_fit_reason
from chanjiao.recommendations.services import recommendations_mark_stale
from chanjiao.recommendations.tasks import recompute_stale_recommendations_task

ME = "/api/v1/recommendations/me/"
PAGE = "/recommendations/me/"


@pytest.fixture(autouse=True)
def _fresh_orientation():
    orientation_forget()
    yield
    orientation_forget()


@pytest.fixture
def unrelated_job(publish, recruiter, enterprise):
    """A sales post in the student's own county, published today, sharing words only."""
    return publish(
        "job",
        recruiter,
        enterprise,
        title="律所案源销售（实习）",
        occupation_code="4-01-02-01",
        skills="数据、销售，毕业生优先，专业不限",
        description="应届毕业生、技术专业均可，负责数据整理与销售。",
    )


def _age(listing, days):
    published = timezone.now() - datetime.timedelta(days=days)
    Listing.objects.filter(pk=listing.pk).update(published_at=published)


def test_fitting_post_ranks_first_even_when_unrelated_is_nearer_and_fresher(
    client_for, machining_student, publish, recruiter, enterprise, unrelated_job
):
    far_lathe = publish(
        "job", recruiter, enterprise, title="数控车工", region_code="450421", skills="PLC、CAD"
    )
    _age(far_lathe, 25)

    items = client_for(machining_student).get(ME).json()["items"]

    assert items[0]["target_id"] == far_lathe.pk
    assert is_fit_reason(items[0]["reasons"][0])
    assert items[0]["reasons"][0] == "专业对口：机械制造及自动化 → 车工（6-18-01-01，课标）"
    assert unrelated_job.pk not in [i["target_id"] for i in items]


def test_skill_overlap_lists_only_vocabulary_skills(client_for, machining_student, lathe_job):
    item = client_for(machining_student).get(ME).json()["items"][0]

    overlap = [r for r in item["reasons"] if r.startswith("技能重合：")]
    assert overlap, item["reasons"]
    skills = overlap[0].removeprefix("技能重合：").split("、")
    vocabulary = skill_vocabulary()
    assert 1 <= len(skills) <= 4
    assert all(s in vocabulary for s in skills)
    assert not {"毕业生", "专业", "业生", "技术", "毕业"} & set(skills)
    assert "CAD" in skills


def test_shortage_message_and_neighbouring_occupations(
    client, client_for, machining_student, lathe_job, unrelated_job, publish, recruiter, enterprise
):
    stamping = publish("job", recruiter, enterprise, title="冲压工", occupation_code="6-18-01-12")

    body = client_for(machining_student).get(ME).json()

    ids = [i["target_id"] for i in body["items"]]
    assert lathe_job.pk in ids
    assert unrelated_job.pk not in ids
    assert stamping.pk not in ids
    assert body["fitting_count"] == len(ids)
    assert f"与您专业对口的岗位目前只有 {len(ids)} 个" in body["shortage_message"]
    neighbour = next(n for n in body["neighbours"] if n["code"] == "6-18-01-12")
    assert neighbour["name"] == "冲压工"
    assert neighbour["posts"] == 1
    assert neighbour["url"] == "/search/?occupation=6-18-01-12"

    client.force_login(machining_student)
    html = client.get(PAGE).content.decode()
    assert f"与您专业对口的岗位目前只有 {len(ids)} 个" in html
    assert 'href="/search/?occupation=6-18-01-12"' in html
    assert "律所案源销售" not in html


def test_no_shortage_message_when_ten_posts_fit(
    client_for, machining_student, publish, recruiter, enterprise, unrelated_job
):
    for n in range(10):
        publish("job", recruiter, enterprise, title=f"数控车工{n}号", occupation_code="6-18-01-01")

    body = client_for(machining_student).get(ME).json()

    assert body["fitting_count"] >= 10
    assert body["shortage_message"] == ""
    assert all(is_fit_reason(i["reasons"][0]) for i in body["items"][:10])


def test_new_post_naming_the_major_reaches_the_list_through_the_stale_job(
    client_for, machining_student, publish, recruiter, enterprise, unrelated_job
):
    client = client_for(machining_student)
    assert client.get(ME).json()["items"] == []  # computed and stored: nothing fits yet

    new = publish(
        "job",
        recruiter,
        enterprise,
        title="设备维护（校招）",
        occupation_code="",
        major_codes="460104",
    )
    result = recompute_stale_recommendations_task.call()

    assert result["computed"] >= 1
    stored = Recommendation.objects.filter(subject_type="student", target_id=new.pk)
    assert stored.exists()
    item = client.get(ME).json()["items"][0]
    assert item["target_id"] == new.pk
    assert item["reasons"][0].startswith("专业匹配：机械制造及自动化")


def test_a_post_classified_later_marks_the_lists_stale_and_reaches_the_student(
    django_capture_on_commit_callbacks,
    client_for,
    machining_student,
    publish,
    recruiter,
    enterprise,
    unrelated_job,
):
    """A post the classifier once put in the wrong occupation (before a re-fit): once it is
    classified again, the lists that may show it are stale and the student's list shows it."""
    lathe = publish("job", recruiter, enterprise, title="数控车工", occupation_code="")
    Listing.objects.filter(pk=lathe.pk).update(
        occupation=Occupation.objects.get(code="4-01-02-01"),
        occupation_source=OccupationSource.CLASSIFIED,
        occupation_confidence=0.4,
    )
    ListingOccupation.objects.filter(listing=lathe).delete()
    with django_capture_on_commit_callbacks(execute=True):
        recommendations_mark_stale([lathe.pk])  # as the import that wrote it does
    recompute_stale_recommendations_task.call()
    client = client_for(machining_student)
    before = {i["target_id"]: i["reasons"] for i in client.get(ME).json()["items"]}
    assert not any(is_fit_reason(r) for r in before.get(lathe.pk, [])), before
    assert not SubjectState.objects.filter(subject_type="student", is_stale=True).exists()

    with django_capture_on_commit_callbacks(execute=True):
        assert listings_enrich_for([lathe.pk]) == 1

    lathe.refresh_from_db()
    assert lathe.occupation.code == "6-18-01-01"
    assert lathe.occupation_source == OccupationSource.CLASSIFIED
    assert SubjectState.objects.filter(subject_type="student", is_stale=True).exists()
    recompute_stale_recommendations_task.call()
    item = client.get(ME).json()["items"][0]
    assert item["target_id"] == lathe.pk
    assert is_fit_reason(item["reasons"][0])
