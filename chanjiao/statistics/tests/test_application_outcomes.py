"""Platform outcomes of a school's students: exact for those who read the school's figures,
counts below 5 suppressed for everyone else (page and API)."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from chanjiao.accounts.tests.factories import UserFactory
from chanjiao.applications.models import Application, ApplicationState
from chanjiao.catalogs.models import Major
from chanjiao.listings.tests.factories import listing_make
from chanjiao.statistics.outcomes import ApplicationOutcome, application_outcomes

pytestmark = pytest.mark.django_db
API = "/api/v1/statistics/application-outcomes/"
COHORT = 2026


@pytest.fixture
def outcomes(wuzhou_school, shuangyashan_school, recruiter, enterprise):
    """460103: 7 applicants (5 invited, 2 hired); 530701: 3 applicants (1 invited)."""
    jobs = [listing_make(kind="job", author=recruiter, organization=enterprise) for _ in range(2)]
    numerical, commerce = Major.objects.get(code="460103"), Major.objects.get(code="530701")
    invited = timezone.now() - datetime.timedelta(days=1)

    def apply(major, *, job=0, applicant=None, was_invited=False, **extra):
        values = {"school": wuzhou_school, "graduation_year": COHORT, **extra}
        return Application.objects.create(
            listing=jobs[job],
            organization=enterprise,
            applicant=applicant or UserFactory(),
            major=major,
            invited_at=invited if was_invited else None,
            **values,
        )

    hired = [apply(numerical, state=ApplicationState.HIRED, was_invited=True) for _ in range(2)]
    for _ in range(3):
        apply(numerical, state=ApplicationState.DECLINED, was_invited=True)
    for _ in range(2):
        apply(numerical)
    apply(numerical, job=1, applicant=hired[0].applicant)  # applied twice: one person
    apply(numerical, state=ApplicationState.WITHDRAWN, was_invited=True)  # taken back
    apply(commerce, state=ApplicationState.INTERVIEW, was_invited=True)
    for _ in range(2):
        apply(commerce, state=ApplicationState.DECLINED)
    apply(numerical, school=shuangyashan_school)  # another school's student
    apply(numerical, graduation_year=COHORT - 1)  # another cohort


def _client(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_counts_distinct_applicants_per_major_and_cohort(outcomes, wuzhou_school):
    rows = application_outcomes(school=wuzhou_school, year=COHORT)

    assert rows == [
        ApplicationOutcome("460103", rows[0].major_name, COHORT, applied=7, invited=5, hired=2),
        ApplicationOutcome("530701", rows[1].major_name, COHORT, applied=3, invited=1, hired=0),
    ]
    assert len(application_outcomes(school=wuzhou_school)) == 3  # with the 2025 cohort


EXACT = {
    "rows": [(7, 5, 2), (3, 1, 0)],
    "total": (10, 6, 2),
}
SUPPRESSED = {
    "rows": [(7, 5, None), (None, None, None)],
    "total": (None, None, None),
}


def _counts(body):
    rows = [(r["applied"], r["invited"], r["hired"]) for r in body["rows"]]
    total = body["total"]
    return {"rows": rows, "total": (total["applied"], total["invited"], total["hired"])}


@pytest.mark.parametrize(
    ("_case", "viewer", "exact"),
    [
        ("anonymous", None, False),
        ("other_organisation", "recruiter", False),
        ("student_of_the_school", "student", False),
        ("officer_elsewhere", "shuangyashan_officer", False),
        ("school_member", "school_info_officer", True),
        ("officer_of_the_region", "wuzhou_officer", True),
        ("platform_staff", "staff_user", True),
    ],
)
def test_api_shows_exact_counts_only_to_those_who_read_the_school(
    _case, viewer, exact, outcomes, wuzhou_school, api_client, client_for, request
):
    client = client_for(request.getfixturevalue(viewer)) if viewer else api_client

    response = client.get(API, {"school": wuzhou_school.pk, "year": COHORT})

    assert response.status_code == 200
    body = response.json()
    assert body["exact"] is exact
    assert body["school"] == {"id": wuzhou_school.pk, "name": "梧州职业学院"}
    assert [r["major_code"] for r in body["rows"]] == ["460103", "530701"]
    assert _counts(body) == (EXACT if exact else SUPPRESSED)


def test_api_refuses_unknown_school_and_bad_year(api_client, outcomes, recruiter, enterprise):
    missing = api_client.get(API, {"school": 999_999})
    not_a_school = api_client.get(API, {"school": enterprise.pk})
    bad_year = api_client.get(API, {"school": 1, "year": "明年"})

    assert missing.status_code == 404
    assert not_a_school.status_code == 404
    assert bad_year.status_code == 400
    assert "year" in bad_year.json()["extra"]["fields"]


def test_public_total_shows_when_no_cell_is_hidden(
    api_client, wuzhou_school, recruiter, enterprise
):
    job = listing_make(kind="job", author=recruiter, organization=enterprise)
    major = Major.objects.get(code="460103")
    for _ in range(6):
        Application.objects.create(
            listing=job,
            organization=enterprise,
            applicant=UserFactory(),
            school=wuzhou_school,
            major=major,
            graduation_year=COHORT,
            invited_at=timezone.now(),
            state=ApplicationState.HIRED,
        )

    body = api_client.get(API, {"school": wuzhou_school.pk}).json()

    assert _counts(body) == {"rows": [(6, 6, 6)], "total": (6, 6, 6)}


def test_page_shows_exact_table_to_the_school(outcomes, school_admin):
    page = _client(school_admin).get("/statistics/", {"year": COHORT}).content.decode()

    assert "平台投递去向（本平台数据）" in page
    assert "这不是学校导入的毕业去向统计" in page
    assert "<td>3</td><td>1</td><td>0</td>" in page
    assert "<td>10</td><td>6</td><td>2</td>" in page
    assert 'id="outcomes-suppressed"' not in page


def test_page_suppresses_small_counts_for_other_organisations(outcomes, recruiter, wuzhou_school):
    page = _client(recruiter).get("/statistics/", {"school": wuzhou_school.pk, "year": COHORT})
    html = page.content.decode()

    assert 'id="outcomes-suppressed"' in html
    assert "<td>7</td><td>5</td><td>&lt;5</td>" in html
    assert "<td>&lt;5</td><td>&lt;5</td><td>&lt;5</td>" in html
    assert "<td>—</td><td>—</td><td>&lt;5</td>" in html
    assert "<td>3</td>" not in html


def test_page_asks_which_school_when_none_is_chosen(outcomes, recruiter):
    html = _client(recruiter).get("/statistics/").content.decode()

    assert 'id="outcomes-choose"' in html


def test_page_says_when_a_cohort_has_no_applications(outcomes, school_admin):
    html = _client(school_admin).get("/statistics/", {"year": 2030}).content.decode()

    assert 'id="outcomes-empty"' in html
    assert "2030 届学生还没有通过本平台投递岗位" in html
