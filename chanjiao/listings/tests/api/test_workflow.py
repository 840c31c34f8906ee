"""Every kind through the API: create → submit → approve → public; rejection; refusals."""

import pytest

from chanjiao.audit.models import AuditEvent
from chanjiao.listings.models import Listing, ListingStatus
from chanjiao.listings.tests.factories import reviewer_for, valid_input

pytestmark = pytest.mark.django_db

# kind → (author fixture, organisation fixture or None)
PUBLISHERS = {
    "job": ("recruiter", "enterprise"),
    "internship": ("recruiter", "enterprise"),
    "cooperation": ("school_admin", "wuzhou_school"),
    "rnd": ("recruiter", "enterprise"),
    "tech_service": ("school_admin", "wuzhou_school"),
    "training": ("recruiter", "enterprise"),
    "graduates": ("school_admin", "wuzhou_school"),
    "jobseeker": ("student", None),
    "mentor": ("recruiter", "enterprise"),
    "training_base": ("school_admin", "wuzhou_school"),
}


@pytest.fixture
def reviewer(wuzhou_gov):
    return reviewer_for(wuzhou_gov)


def _publisher(request, kind):
    author_name, org_name = PUBLISHERS[kind]
    author = request.getfixturevalue(author_name)
    organization = request.getfixturevalue(org_name) if org_name else None
    return author, organization


def _create(client, kind, organization, **overrides):
    body = {"kind": kind, **valid_input(kind), **overrides}
    if organization is not None:
        body["organization"] = organization.pk
    return client.post("/api/v1/listings/", body, format="json")


@pytest.mark.parametrize("kind", list(PUBLISHERS))
def test_item_is_public_after_approval(request, kind, client_for, reviewer, api_client):
    author, organization = _publisher(request, kind)
    client = client_for(author)

    created = _create(client, kind, organization)
    assert created.status_code == 201, created.json()
    listing_id = created.json()["id"]
    assert created.json()["status"] == "draft"
    assert api_client.get(f"/api/v1/listings/{listing_id}/").status_code == 404

    assert client.post(f"/api/v1/listings/{listing_id}/submit/").json()["status"] == "submitted"
    approved = client_for(reviewer).post(f"/api/v1/listings/{listing_id}/approve/")
    assert approved.status_code == 200
    assert approved.json()["status"] == "published"

    public = api_client.get(f"/api/v1/listings/?kind={kind}").json()
    if kind == "jobseeker":
        # A personal profile is never shown to anonymous visitors.
        assert public["count"] == 0
        assert api_client.get(f"/api/v1/listings/{listing_id}/").status_code == 404
    else:
        assert [item["id"] for item in public["results"]] == [listing_id]
        assert (
            api_client.get(f"/api/v1/listings/{listing_id}/").json()["title"]
            == valid_input(kind)["title"]
        )
    actions = list(
        AuditEvent.objects.filter(target_id=str(listing_id), action__startswith="listing.")
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert actions == ["listing.create", "listing.submit", "listing.approve"]


@pytest.mark.parametrize("kind", ["job", "graduates", "jobseeker", "training_base"])
def test_rejection_reason_is_shown_to_author(request, kind, client_for, reviewer):
    author, organization = _publisher(request, kind)
    client = client_for(author)
    listing_id = _create(client, kind, organization).json()["id"]
    client.post(f"/api/v1/listings/{listing_id}/submit/")

    rejected = client_for(reviewer).post(
        f"/api/v1/listings/{listing_id}/reject/", {"reason": "薪酬信息不完整"}
    )

    assert rejected.status_code == 200
    mine = client.get(f"/api/v1/listings/{listing_id}/").json()
    assert mine["status"] == "rejected"
    assert mine["status_reason"] == "薪酬信息不完整"


def test_reject_requires_a_reason(client_for, recruiter, enterprise, reviewer):
    listing_id = _create(client_for(recruiter), "job", enterprise).json()["id"]
    client_for(recruiter).post(f"/api/v1/listings/{listing_id}/submit/")

    response = client_for(reviewer).post(f"/api/v1/listings/{listing_id}/reject/", {"reason": " "})

    assert response.status_code == 400
    assert response.json()["message"] == "驳回时必须填写原因。"
    assert Listing.objects.get(pk=listing_id).status == ListingStatus.SUBMITTED


def test_self_approval_is_refused(client_for, recruiter, enterprise, wuzhou_gov):
    # The recruiter is also a reviewer of the locality: still may not approve their own item.
    from chanjiao.accounts.models import Role
    from chanjiao.accounts.tests.factories import MembershipFactory

    MembershipFactory(user=recruiter, organization=wuzhou_gov, role=Role.REVIEWER)
    client = client_for(recruiter)
    listing_id = _create(client, "job", enterprise).json()["id"]
    client.post(f"/api/v1/listings/{listing_id}/submit/")

    response = client.post(f"/api/v1/listings/{listing_id}/approve/")

    assert response.status_code == 403
    assert response.json()["message"] == "不能审核自己提交的信息。"
    assert Listing.objects.get(pk=listing_id).status == ListingStatus.SUBMITTED
    assert AuditEvent.objects.filter(action="listing.approve", result="denied").count() == 1


def test_cross_locality_review_is_refused(client_for, recruiter, enterprise, shuangyashan_officer):
    listing_id = _create(client_for(recruiter), "job", enterprise).json()["id"]
    client_for(recruiter).post(f"/api/v1/listings/{listing_id}/submit/")
    other = client_for(shuangyashan_officer)

    assert other.get("/api/v1/listings/review-queue/").json()["count"] == 0
    response = other.post(f"/api/v1/listings/{listing_id}/approve/")

    assert response.status_code == 404
    assert Listing.objects.get(pk=listing_id).status == ListingStatus.SUBMITTED


def test_enterprise_cannot_publish_for_another(client_for, recruiter, other_enterprise):
    before = Listing.objects.count()

    response = _create(client_for(recruiter), "job", other_enterprise)

    assert response.status_code == 403
    assert "不能以该机构名义发布" in response.json()["message"]
    assert Listing.objects.count() == before


def test_unverified_enterprise_cannot_submit(client_for, recruiter, enterprise):
    listing_id = _create(client_for(recruiter), "job", enterprise).json()["id"]
    enterprise.is_verified = False
    enterprise.save()

    response = client_for(recruiter).post(f"/api/v1/listings/{listing_id}/submit/")

    assert response.status_code == 400
    assert "尚未通过认证" in response.json()["message"]
    assert Listing.objects.get(pk=listing_id).status == ListingStatus.DRAFT


def test_school_cannot_publish_job_demand(client_for, school_admin, wuzhou_school):
    response = _create(client_for(school_admin), "job", wuzhou_school)

    assert response.status_code == 403
    assert response.json()["message"] == "高职院校不能发布“岗位需求”信息。"


def test_validation_errors_name_each_field_in_chinese(client_for, recruiter, enterprise):
    response = _create(
        client_for(recruiter),
        "job",
        enterprise,
        title="",
        region_code="999999",
        salary_min=9000,
        salary_max=5000,
        occupation_code="9-99-99-99",
    )

    assert response.status_code == 400
    fields = response.json()["extra"]["fields"]
    assert fields["title"] == ["该字段是必填项。"]
    assert fields["region_code"] == ["未知的地区代码：999999。"]
    assert fields["occupation_code"] == ["未知的职业代码（大典2022）：9-99-99-99。"]
    assert fields["salary_max"] == ["薪酬下限不能高于薪酬上限。"]


def test_kinds_endpoint_describes_fields(api_client):
    kinds = {k["kind"]: k for k in api_client.get("/api/v1/listing-kinds/").json()}

    assert len(kinds) == 10
    job_fields = {f["name"]: f for f in kinds["job"]["fields"]}
    assert job_fields["occupation_code"]["required"] is False
    assert job_fields["employment_type"]["in_details"] is True
    resume = next(f for f in kinds["jobseeker"]["fields"] if f["name"] == "resume")
    assert resume["is_personal"] is True
