import datetime
from collections import Counter

import pytest
import time_machine
from django.utils import timezone

from chanjiao.accounts.models import Role, User
from chanjiao.catalogs.models import Occupation
from chanjiao.demo.services import demo_data_generate, demo_data_remove
from chanjiao.listings import services
from chanjiao.listings.kinds import KINDS, kind_spec
from chanjiao.listings.models import Listing, ListingEvent, ListingStatus
from chanjiao.listings.selectors import ListingFilters, review_queue
from chanjiao.listings.validation import CodeResolver, listing_form_data, listing_values_clean
from chanjiao.organizations.models import Organization, OrganizationType, SchoolMajor
from chanjiao.students.models import StudentProfile

pytestmark = pytest.mark.django_db

S = ListingStatus
# A fixed day, so a test that runs the generator twice never straddles midnight.
DAY = datetime.datetime(2026, 3, 16, 10, 0, tzinfo=datetime.UTC)
ARCHIVED = r"^demo-job-\d{4}-\d+$"
HANDFUL = ("cooperation", "rnd", "tech_service", "training", "mentor", "training_base")


def _demo_listings():
    """This year's demonstration items (not the earlier years' expired posts)."""
    return (
        Listing.objects.filter(is_demo=True)
        .exclude(external_id__regex=ARCHIVED)
        .select_related("organization", "author", "region", "occupation", "industry", "reviewed_by")
    )


@time_machine.travel(DAY, tick=False)
def test_every_kind_has_published_items(wuzhou_locality):
    summary = demo_data_generate(locality=wuzhou_locality, seed=1)

    published = Counter(
        Listing.objects.filter(is_demo=True, status=S.PUBLISHED).values_list("kind", flat=True)
    )
    assert set(published) == set(KINDS)
    archived = Listing.objects.filter(external_id__regex=ARCHIVED).count()
    assert archived > 0
    assert 140 <= summary.count("listing_job") - archived <= 150
    assert summary.count("listing_internship") == 40
    assert summary.count("listing_jobseeker") == 40
    for kind in HANDFUL:
        assert 5 <= summary.count(f"listing_{kind}") <= 15, kind
    assert (
        summary.count("listing_graduates")
        >= Organization.objects.filter(
            org_type__in=["secondary_vocational", "higher_vocational", "university"]
        ).count()
    )
    assert sum(summary.count(f"listing_{kind}") for kind in KINDS) == Listing.objects.count()


@time_machine.travel(DAY, tick=False)
def test_jobs_name_a_real_occupation_and_the_employer_industry(wuzhou_locality):
    demo_data_generate(locality=wuzhou_locality, seed=1)

    jobs = list(_demo_listings().filter(kind="job"))
    for job in jobs:
        occupation = job.occupation
        assert occupation.level == Occupation.Level.OCCUPATION
        assert occupation.is_active
        terms = [occupation.name, *occupation.aliases.split(",")]
        assert any(t.strip() and t.strip().lower() in job.title.lower() for t in terms), job.title
        assert job.organization.org_type == OrganizationType.ENTERPRISE
        assert job.industry_id == job.organization.industry_id is not None
        assert job.region_id == job.organization.region_id
        assert 0 < job.salary_min <= job.salary_max <= 30000
        assert job.details["employment_type"] in {"full_time", "part_time"}
        assert job.contact_phone == job.author.phone
    assert len({j.title for j in jobs}) > 50


@time_machine.travel(DAY, tick=False)
def test_internships_face_taught_majors(wuzhou_locality):
    demo_data_generate(locality=wuzhou_locality, seed=1)

    internships = _demo_listings().filter(kind="internship").prefetch_related("majors")
    for internship in internships:
        assert internship.majors.exists()
        assert internship.industry_id == internship.organization.industry_id
        period_start = datetime.date.fromisoformat(internship.details["period_start"])
        assert period_start > internship.valid_until
        assert internship.details["monthly_pay"] > 0
        assert internship.details["insurance"] is True


@time_machine.travel(DAY, tick=False)
def test_jobseeker_profiles_belong_to_demo_students(wuzhou_locality):
    demo_data_generate(locality=wuzhou_locality, seed=1)

    profiles = list(_demo_listings().filter(kind="jobseeker").prefetch_related("majors"))
    students = {p.user_id: p for p in StudentProfile.objects.filter(is_demo=True)}
    assert len({p.author_id for p in profiles}) == len(profiles) == 40
    for profile in profiles:
        student = students[profile.author_id]
        assert profile.organization is None
        assert profile.author.is_demo
        assert list(profile.majors.all()) == [student.major]
        assert profile.details["graduation_year"] == student.graduation_year
        resume = profile.details["resume"]
        assert student.school.name in resume
        for personal in (profile.author.real_name, profile.author.phone, profile.author.id_number):
            assert personal not in resume
            assert personal not in profile.description
        assert profile.region.code.startswith("4504")


@time_machine.travel(DAY, tick=False)
def test_graduates_come_from_the_schools_majors(wuzhou_locality):
    demo_data_generate(locality=wuzhou_locality, seed=1)

    items = _demo_listings().filter(kind="graduates").prefetch_related("majors")
    per_school = Counter(item.organization_id for item in items)
    assert set(per_school.values()) <= {1, 2}
    for item in items:
        (major,) = item.majors.all()
        assert SchoolMajor.objects.filter(school=item.organization, major=major).exists()
        assert item.details["graduation_year"] == 2026
        assert item.title == f"{item.organization.name} {major.name}专业毕业生（2026届）"


@time_machine.travel(DAY, tick=False)
def test_statuses_are_consistent_with_their_dates(wuzhou_locality):
    demo_data_generate(locality=wuzhou_locality, seed=1)

    today = timezone.localdate()
    reviewers = set(
        User.objects.filter(
            memberships__role=Role.GOV_ADMIN, memberships__organization__region__code="4504"
        ).values_list("pk", flat=True)
    )
    listings = list(_demo_listings())
    statuses = Counter(listing.status for listing in listings)
    assert statuses[S.PUBLISHED] > len(listings) * 0.6
    assert statuses[S.SUBMITTED] >= 10
    assert statuses[S.EXPIRED] == 2
    assert statuses[S.REJECTED] >= 1
    assert statuses[S.DRAFT] >= 1
    for listing in listings:
        _assert_consistent(listing, today, reviewers)


def _assert_consistent(listing, today, reviewers):
    assert listing.is_demo
    assert listing.version == 1
    assert listing.valid_from <= listing.valid_until
    assert listing.created_at <= listing.updated_at
    if listing.organization is not None and not listing.organization.is_verified:
        assert listing.status == S.DRAFT
    if listing.status in (S.PUBLISHED, S.EXPIRED, S.REJECTED):
        assert listing.reviewed_by_id in reviewers
        assert listing.created_at < listing.submitted_at < listing.reviewed_at
    else:
        assert listing.reviewed_by_id is None
    if listing.status == S.PUBLISHED:
        assert today - datetime.timedelta(days=60) <= timezone.localdate(listing.published_at)
        assert listing.published_at < timezone.now()
        assert listing.valid_until >= today
    if listing.status == S.EXPIRED:
        assert listing.valid_until < today
        assert timezone.localdate(listing.closed_at) > listing.valid_until
    assert (listing.status == S.REJECTED) == bool(listing.status_reason)
    assert (listing.status == S.DRAFT) == (listing.submitted_at is None)


@time_machine.travel(DAY, tick=False)
def test_history_follows_each_item_to_its_status(wuzhou_locality):
    demo_data_generate(locality=wuzhou_locality, seed=1)

    events: dict[int, list[ListingEvent]] = {}
    for event in ListingEvent.objects.order_by("pk"):
        events.setdefault(event.listing_id, []).append(event)
    for listing in Listing.objects.filter(is_demo=True):
        history = events[listing.pk]
        assert history[0].action == "create"
        assert history[0].snapshot["title"] == listing.title
        assert history[0].created_at == listing.created_at
        assert history[-1].to_status == listing.status
        assert [e.created_at for e in history] == sorted(e.created_at for e in history)
    expired = Listing.objects.filter(is_demo=True, status=S.EXPIRED).first()
    assert [e.action for e in events[expired.pk]] == ["create", "submit", "approve", "expire"]


@time_machine.travel(DAY, tick=False)
def test_every_item_passes_the_validation_users_face(wuzhou_locality):
    demo_data_generate(locality=wuzhou_locality, seed=1)

    resolver = CodeResolver().preload()
    for listing in _demo_listings().prefetch_related("majors"):
        values = listing_values_clean(listing.spec, listing_form_data(listing), resolver)
        assert values["title"] == listing.title
        assert values["details"] == listing.details


@time_machine.travel(DAY, tick=False)
def test_running_again_the_same_day_changes_no_item(wuzhou_locality):
    demo_data_generate(locality=wuzhou_locality, seed=1)
    before = list(Listing.objects.order_by("pk").values_list("pk", "updated_at", "status"))
    events = list(ListingEvent.objects.order_by("pk").values_list("pk", "created_at"))

    again = demo_data_generate(locality=wuzhou_locality, seed=1)

    assert (again.created, again.updated, again.deleted) == (0, 0, 0)
    assert list(Listing.objects.order_by("pk").values_list("pk", "updated_at", "status")) == before
    assert list(ListingEvent.objects.order_by("pk").values_list("pk", "created_at")) == events


def test_a_later_day_moves_the_dates_and_keeps_published_items_live(wuzhou_locality):
    with time_machine.travel(DAY, tick=False):
        demo_data_generate(locality=wuzhou_locality, seed=1)
    ids = set(Listing.objects.values_list("pk", flat=True))
    current = set(_demo_listings().values_list("pk", flat=True))

    with time_machine.travel(DAY + datetime.timedelta(days=30), tick=False):
        summary = demo_data_generate(locality=wuzhou_locality, seed=1)
        today = timezone.localdate()

    assert (summary.created, summary.deleted) == (0, 0)
    # This year's items move with the day; the earlier years' posts keep their dates.
    assert summary.updated == len(current)
    assert set(Listing.objects.values_list("pk", flat=True)) == ids
    assert not Listing.objects.filter(status=S.PUBLISHED, valid_until__lt=today).exists()


@time_machine.travel(DAY, tick=False)
def test_another_seed_gives_other_items(wuzhou_locality):
    demo_data_generate(locality=wuzhou_locality, seed=1)
    first = set(Listing.objects.values_list("kind", "title"))

    summary = demo_data_generate(locality=wuzhou_locality, seed=2)

    second = set(Listing.objects.values_list("kind", "title"))
    assert len(first & second) < len(first) / 2
    assert summary.deleted > 0
    assert Listing.objects.filter(is_demo=True).count() == sum(
        summary.count(f"listing_{kind}") for kind in KINDS
    )


@time_machine.travel(DAY, tick=False)
def test_remove_deletes_items_history_and_items_written_in_demo_accounts(wuzhou_locality):
    demo_data_generate(locality=wuzhou_locality, seed=1)
    info = User.objects.get(username="demo_wz_ent01_info")
    verified = Organization.objects.get(memberships__user=info)
    spec = kind_spec("cooperation")
    values = listing_values_clean(
        spec,
        {
            "title": "演示账号新建的合作需求",
            "direction": "demand",
            "region_code": "4504",
            "cooperation_type": "apprenticeship",
        },
    )
    services.listing_create(actor=info, spec=spec, organization=verified, values=values)

    demo_data_remove()

    assert Listing.objects.exists() is False
    assert ListingEvent.objects.exists() is False
    assert User.objects.filter(is_demo=True).exists() is False


@time_machine.travel(DAY, tick=False)
def test_submitted_items_wait_in_the_locality_review_queue(wuzhou_locality):
    demo_data_generate(locality=wuzhou_locality, seed=1)
    officer = User.objects.get(username="demo_wz_gov_rsj")

    queue = list(review_queue(fetched_by=officer, filters=ListingFilters()))

    submitted = Listing.objects.filter(is_demo=True, status=S.SUBMITTED)
    assert {listing.pk for listing in queue} == set(submitted.values_list("pk", flat=True))
    job = next(listing for listing in queue if listing.kind == "job")
    approved = services.listing_approve(actor=officer, listing=job)
    assert approved.status == S.PUBLISHED


@time_machine.travel(DAY, tick=False)
def test_the_public_api_lists_the_published_demo_jobs(wuzhou_locality, api_client):
    demo_data_generate(locality=wuzhou_locality, seed=1)

    response = api_client.get("/api/v1/listings/", {"kind": "job", "page_size": 200})

    assert response.status_code == 200
    published = Listing.objects.filter(is_demo=True, kind="job", status=S.PUBLISHED)
    assert response.data["count"] == published.count()
    assert {row["id"] for row in response.data["results"]} == set(
        published.values_list("pk", flat=True)
    )
    first = response.data["results"][0]
    assert first["occupation"]["code"]
    assert first["industry"]["code"]
    assert "*" in first["contact_phone"]
