import pytest

from chanjiao.audit.models import AuditEvent
from chanjiao.catalogs.models import Major, MajorOccupationLink, Occupation
from chanjiao.crosswalk.models import LinkEvidence, LinkStatus, MajorLink
from chanjiao.crosswalk.selectors import (
    crosswalk_majors_for_occupations,
    crosswalk_occupations_for_majors,
)
from chanjiao.crosswalk.services import major_links_infer

# 数控技术 (职业本科): no teaching-standard link; its 专业类 机械设计制造类 has linked siblings.
UNLINKED_MAJOR = ("260103", "职业本科")
LINKED_MAJOR = ("460103", "高职专科")


def _major(code_level):
    code, level = code_level
    return Major.objects.get(code=code, level=level, is_active=True)


@pytest.fixture
def inferred(catalogs):
    major = _major(UNLINKED_MAJOR)
    major_links_infer(major_ids=[major.pk])
    return major


def test_infers_links_only_for_majors_without_official_ones(inferred):
    linked = _major(LINKED_MAJOR)
    major_links_infer(major_ids=[inferred.pk, linked.pk])

    rows = MajorLink.objects.filter(major=inferred)
    assert not MajorOccupationLink.objects.filter(major=inferred).exists()
    assert 1 <= rows.count() <= 6
    assert {r.evidence for r in rows} == {LinkEvidence.INFERRED}
    assert {r.status for r in rows} == {LinkStatus.PROPOSED}
    assert all(0 < r.confidence <= 1 and r.note for r in rows)
    assert any("同专业类专业" in r.note for r in rows)
    assert not MajorLink.objects.filter(major=linked).exists()


def test_inferred_links_are_never_returned_as_official(inferred):
    edges = crosswalk_occupations_for_majors([inferred.pk])[inferred.pk]

    assert edges
    assert {e.evidence for e in edges} == {"inferred"}
    stored = {r.occupation_id: r.confidence for r in MajorLink.objects.filter(major=inferred)}
    assert {e.occupation_id: e.weight for e in edges} == pytest.approx(stored)


def test_official_links_come_first_with_weight(catalogs):
    major = _major(LINKED_MAJOR)

    edges = crosswalk_occupations_for_majors([major.pk])[major.pk]

    official = MajorOccupationLink.objects.filter(major=major, is_active=True)
    assert len(edges) == official.count()
    assert {e.evidence for e in edges} == {"official"}
    occupation_id = edges[0].occupation_id
    back = crosswalk_majors_for_occupations([occupation_id])[occupation_id]
    assert major.pk in {e.major_id for e in back}


def test_rerun_keeps_reviewed_links(inferred, client_for, staff_user):
    first, second = MajorLink.objects.filter(major=inferred).order_by("-confidence")[:2]
    client = client_for(staff_user)
    client.post(f"/api/v1/crosswalk/major-links/{first.pk}/confirm/", {}, format="json")
    client.post(f"/api/v1/crosswalk/major-links/{second.pk}/reject/", {}, format="json")

    major_links_infer(major_ids=[inferred.pk])

    statuses = dict(MajorLink.objects.filter(major=inferred).values_list("occupation_id", "status"))
    assert statuses[first.occupation_id] == LinkStatus.CONFIRMED
    assert statuses[second.occupation_id] == LinkStatus.REJECTED
    assert MajorLink.objects.filter(major=inferred, occupation=second.occupation).count() == 1
    edges = crosswalk_occupations_for_majors([inferred.pk])[inferred.pk]
    assert second.occupation_id not in {e.occupation_id for e in edges}
    assert (edges[0].occupation_id, edges[0].evidence, edges[0].weight) == (
        first.occupation_id,
        "curated",
        1.0,
    )


def test_staff_adds_and_removes_curated_link_audited(catalogs, client_for, staff_user):
    major = _major(UNLINKED_MAJOR)
    client = client_for(staff_user)

    response = client.post(
        "/api/v1/crosswalk/major-links/",
        {"major_id": major.pk, "occupation_code": "6-18-01-01", "note": "企业调研"},
        format="json",
    )

    assert response.status_code == 201
    link = MajorLink.objects.get(major=major, evidence=LinkEvidence.CURATED)
    event = AuditEvent.objects.get(action="crosswalk.major_link.add")
    assert event.changes["before"] is None
    assert event.changes["after"]["status"] == LinkStatus.ACTIVE
    edges = crosswalk_occupations_for_majors([major.pk])[major.pk]
    assert [(e.occupation_code, e.evidence) for e in edges] == [("6-18-01-01", "curated")]

    response = client.post(f"/api/v1/crosswalk/major-links/{link.pk}/remove/", {}, format="json")

    assert response.status_code == 200
    event = AuditEvent.objects.get(action="crosswalk.major_link.remove")
    assert (event.changes["before"]["status"], event.changes["after"]["status"]) == (
        "active",
        "removed",
    )
    assert crosswalk_occupations_for_majors([major.pk]) == {}


@pytest.mark.parametrize("_case", ["anonymous", "outsider", "recruiter"])
def test_non_staff_cannot_edit(_case, inferred, api_client, client_for, outsider, recruiter):
    client = {"anonymous": api_client}.get(_case) or client_for(
        {"outsider": outsider, "recruiter": recruiter}[_case]
    )
    link = MajorLink.objects.filter(major=inferred).first()

    add = client.post(
        "/api/v1/crosswalk/major-links/",
        {"major_id": inferred.pk, "occupation_code": "6-18-01-01", "note": "x"},
        format="json",
    )
    confirm = client.post(f"/api/v1/crosswalk/major-links/{link.pk}/confirm/", {}, format="json")

    assert add.status_code == confirm.status_code == 403
    assert not MajorLink.objects.filter(evidence=LinkEvidence.CURATED).exists()
    link.refresh_from_db()
    assert link.status == LinkStatus.PROPOSED


def test_staff_curates_industry_link(catalogs, client_for, staff_user):
    occupation = Occupation.objects.get(code="4-03-02-07")

    response = client_for(staff_user).post(
        "/api/v1/crosswalk/industry-links/",
        {"occupation_code": "4-03-02-07", "industry_code": "1530", "note": "茶饮企业"},
        format="json",
    )

    assert response.status_code == 201
    body = client_for(staff_user).get(f"/api/v1/crosswalk/occupations/{occupation.pk}/").json()
    assert [(i["industry"]["code"], i["evidence"]) for i in body["industries"]] == [
        ("1530", "curated")
    ]
    assert AuditEvent.objects.filter(action="crosswalk.industry_link.add").count() == 1


def test_selectors_use_a_fixed_number_of_queries(inferred, django_assert_num_queries):
    majors = list(
        Major.objects.filter(code__in=["460103", "260103", "610101"]).values_list("pk", flat=True)
    )
    occupations = list(
        Occupation.objects.filter(code__startswith="6-18-01").values_list("pk", flat=True)
    )

    with django_assert_num_queries(2):
        by_major = crosswalk_occupations_for_majors(majors)
    with django_assert_num_queries(2):
        by_occupation = crosswalk_majors_for_occupations(occupations)

    assert inferred.pk in by_major
    assert len(by_major) >= 2
    assert by_occupation
