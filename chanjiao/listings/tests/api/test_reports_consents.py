"""Reports send items back to review; personal profiles open only with the person's consent."""

import pytest

from chanjiao.audit.models import AuditEvent
from chanjiao.listings.models import Listing, ListingReport, ListingStatus, ProfileConsent
from chanjiao.listings.tests.factories import listing_make, reviewer_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewer(wuzhou_gov):
    return reviewer_for(wuzhou_gov)


@pytest.fixture
def published_job(recruiter, enterprise, reviewer):
    return listing_make(kind="job", author=recruiter, organization=enterprise, reviewer=reviewer)


@pytest.fixture
def profile(student, reviewer):
    return listing_make(kind="jobseeker", author=student, reviewer=reviewer)


def test_report_returns_item_to_review_queue(
    client_for, outsider, published_job, reviewer, api_client
):
    response = client_for(outsider).post(
        f"/api/v1/listings/{published_job.pk}/report/", {"reason": "fees", "detail": "要求交培训费"}
    )

    assert response.status_code == 201
    published_job.refresh_from_db()
    assert published_job.status == ListingStatus.SUBMITTED
    assert published_job.open_report_count == 1
    assert api_client.get(f"/api/v1/listings/{published_job.pk}/").status_code == 404
    queue = client_for(reviewer).get("/api/v1/listings/review-queue/").json()
    assert [item["id"] for item in queue["results"]] == [published_job.pk]
    assert queue["counts"] == {"job": 1, "reported": 1, "total": 1}


def test_reviewer_dismisses_or_upholds_reports(
    client_for, outsider, student, published_job, reviewer
):
    client_for(outsider).post(f"/api/v1/listings/{published_job.pk}/report/", {"reason": "fake"})

    client_for(reviewer).post(f"/api/v1/listings/{published_job.pk}/approve/")

    published_job.refresh_from_db()
    assert published_job.status == ListingStatus.PUBLISHED
    assert published_job.open_report_count == 0
    assert ListingReport.objects.get().status == ListingReport.Status.DISMISSED

    client_for(student).post(
        f"/api/v1/listings/{published_job.pk}/report/", {"reason": "discrimination"}
    )
    client_for(reviewer).post(
        f"/api/v1/listings/{published_job.pk}/reject/", {"reason": "存在性别歧视"}
    )
    assert ListingReport.objects.filter(status=ListingReport.Status.UPHELD).count() == 1
    assert Listing.objects.get(pk=published_job.pk).status == ListingStatus.REJECTED


def test_report_needs_sign_in_a_reason_and_no_repeat(
    client_for, api_client, outsider, published_job
):
    assert (
        api_client.post(
            f"/api/v1/listings/{published_job.pk}/report/", {"reason": "fake"}
        ).status_code
        == 403
    )
    bad = client_for(outsider).post(
        f"/api/v1/listings/{published_job.pk}/report/", {"reason": "boring"}
    )
    assert bad.status_code == 400
    client_for(outsider).post(f"/api/v1/listings/{published_job.pk}/report/", {"reason": "fake"})

    again = client_for(outsider).post(
        f"/api/v1/listings/{published_job.pk}/report/", {"reason": "fake"}
    )

    # Under review the item is hidden from the reporter, so a repeat finds nothing to report.
    assert again.status_code == 404
    assert ListingReport.objects.count() == 1


def test_profile_summary_hides_personal_data_without_consent(client_for, recruiter, profile):
    seen = client_for(recruiter).get(f"/api/v1/listings/{profile.pk}/").json()

    assert seen["details"]["resume"] == "（需授权查看）"
    assert "13700001111" not in str(seen)
    assert seen["publisher"].endswith("*")
    denied = client_for(recruiter).get(f"/api/v1/listings/{profile.pk}/personal-data/")
    assert denied.status_code == 403
    assert AuditEvent.objects.filter(action="personal_data.view", result="denied").count() == 1


def test_consent_opens_the_profile_to_one_organisation_until_withdrawn(
    client_for, student, recruiter, enterprise, other_enterprise, profile
):
    person = client_for(student)
    consent = person.post(
        f"/api/v1/listings/{profile.pk}/consents/", {"organization": enterprise.pk}
    ).json()

    full = client_for(recruiter).get(f"/api/v1/listings/{profile.pk}/personal-data/")
    assert full.status_code == 200
    assert "13700001111" in full.json()["resume"]
    assert AuditEvent.objects.filter(action="personal_data.view", result="success").count() == 1
    assert ProfileConsent.objects.filter(organization=other_enterprise).count() == 0

    person.post(f"/api/v1/consents/{consent['id']}/withdraw/")

    assert (
        client_for(recruiter).get(f"/api/v1/listings/{profile.pk}/personal-data/").status_code
        == 403
    )
    listed = client_for(recruiter).get("/api/v1/listings/?kind=jobseeker").json()["results"]
    assert listed[0]["details"]["resume"] == "（需授权查看）"


def test_consent_through_an_application(client_for, student, recruiter, published_job, profile):
    response = client_for(student).post(
        f"/api/v1/listings/{profile.pk}/consents/", {"application_for": published_job.pk}
    )

    assert response.status_code == 201
    assert response.json()["organization"] == published_job.organization_id
    assert (
        client_for(recruiter).get(f"/api/v1/listings/{profile.pk}/personal-data/").status_code
        == 200
    )


def test_only_the_person_grants_consent(client_for, recruiter, enterprise, profile):
    response = client_for(recruiter).post(
        f"/api/v1/listings/{profile.pk}/consents/", {"organization": enterprise.pk}
    )

    assert response.status_code == 403
    assert ProfileConsent.objects.count() == 0


@pytest.mark.parametrize(
    ("_case", "user_fixture", "expected"),
    [
        ("anonymous", None, 403),
        ("outsider", "outsider", 404),
        ("author", "recruiter", 403),
        ("other locality", "shuangyashan_officer", 404),
        ("reviewer", "reviewer", 200),
    ],
)
def test_approve_authorization(
    request, _case, user_fixture, expected, recruiter, enterprise, api_client, client_for
):
    listing = listing_make(kind="job", author=recruiter, organization=enterprise)
    from chanjiao.listings import services

    services.listing_submit(actor=recruiter, listing=listing)
    client = client_for(request.getfixturevalue(user_fixture)) if user_fixture else api_client

    response = client.post(f"/api/v1/listings/{listing.pk}/approve/")

    assert response.status_code == expected
    listing.refresh_from_db()
    expected_status = ListingStatus.PUBLISHED if expected == 200 else ListingStatus.SUBMITTED
    assert listing.status == expected_status


def test_public_list_query_count_does_not_grow(
    recruiter, enterprise, reviewer, api_client, django_assert_max_num_queries
):
    for n in range(6):
        listing_make(
            kind="job",
            author=recruiter,
            organization=enterprise,
            reviewer=reviewer,
            overrides={"title": f"岗位{n}", "major_codes": "460103"},
        )

    with django_assert_max_num_queries(4):
        response = api_client.get("/api/v1/listings/?kind=job")

    assert response.json()["count"] == 6
    assert response.json()["results"][0]["contact_phone"] == "139****5678"


def test_list_filters_and_sorting(recruiter, enterprise, reviewer, api_client):
    for title, salary in (("茶艺师", 4000), ("数控车工", 9000), ("电工", 6000)):
        listing_make(
            kind="job",
            author=recruiter,
            organization=enterprise,
            reviewer=reviewer,
            overrides={"title": title, "salary_min": salary - 1000, "salary_max": salary},
        )

    by_salary = api_client.get("/api/v1/listings/?kind=job&ordering=-salary_max").json()["results"]
    assert [r["title"] for r in by_salary] == ["数控车工", "电工", "茶艺师"]
    assert api_client.get("/api/v1/listings/?salary_at_least=6000").json()["count"] == 2
    assert api_client.get("/api/v1/listings/?region=4504&industry=C").json()["count"] == 3
    assert api_client.get("/api/v1/listings/?region=2305").json()["count"] == 0
    assert [r["title"] for r in api_client.get("/api/v1/listings/?q=茶艺").json()["results"]] == [
        "茶艺师"
    ]
    bad = api_client.get("/api/v1/listings/?ordering=random")
    assert bad.status_code == 400


def test_review_queue_lists_reported_items_first_then_oldest(
    client_for, recruiter, enterprise, outsider, published_job, reviewer
):
    from chanjiao.listings import services

    waiting = [
        listing_make(kind="job", author=recruiter, organization=enterprise) for _ in range(2)
    ]
    for listing in waiting:
        services.listing_submit(actor=recruiter, listing=listing)
    client_for(outsider).post(f"/api/v1/listings/{published_job.pk}/report/", {"reason": "fake"})

    queue = client_for(reviewer).get("/api/v1/listings/review-queue/").json()

    assert [item["id"] for item in queue["results"]] == [published_job.pk, *[w.pk for w in waiting]]
