"""普通本科 majors get proposed major → occupation links from the reference data."""

import pytest

from chanjiao.catalogs.models import Major, MajorSystem
from chanjiao.crosswalk.models import LinkEvidence, LinkStatus, MajorLink
from chanjiao.crosswalk.selectors import crosswalk_occupations_for_majors
from chanjiao.crosswalk.services import major_links_infer

# (major name, occupation code prefix its first links must fall in), codes as in the catalogue.
KNOWN = [
    ("护理学", "2-05-08-"),  # 护理人员: 内科护士 …
    ("会计学", "2-06-03-"),  # 会计专业人员
    ("计算机科学与技术", "2-02-10-"),  # 计算机与应用工程技术人员
    ("土木工程", "2-02-18-02"),  # 土木建筑工程技术人员
    ("软件工程", "2-02-10-03"),  # 计算机软件工程技术人员
]


def _undergraduate(name):
    return Major.objects.get(system=MajorSystem.UNDERGRADUATE, name=name, is_active=True)


@pytest.fixture
def inferred(catalogs):
    majors = [_undergraduate(name) for name, _ in KNOWN]
    major_links_infer(major_ids=[m.pk for m in majors])
    return majors


def _links(major):
    return list(
        MajorLink.objects.filter(major=major)
        .select_related("occupation")
        .order_by("-confidence", "occupation__code")
    )


def test_known_undergraduate_majors_get_their_occupations(inferred):
    for major, (_, prefix) in zip(inferred, KNOWN, strict=True):
        rows = _links(major)
        assert 1 <= len(rows) <= 5, major.name
        assert rows[0].occupation.code.startswith(prefix), (major.name, rows[0].occupation.code)
        assert {r.evidence for r in rows} == {LinkEvidence.INFERRED}
        assert {r.status for r in rows} == {LinkStatus.PROPOSED}
        assert all(0 < r.confidence <= 1 and r.note for r in rows)


def test_nursing_is_backed_by_its_vocational_twin(inferred):
    nursing = inferred[0]

    notes = " ".join(r.note for r in _links(nursing))

    assert "名称相近的职业教育专业“护理”" in notes
    assert all(r.occupation.code.startswith(("1", "2", "3", "4")) for r in _links(nursing))


def test_selectors_report_undergraduate_links_as_inferred(inferred):
    accounting = inferred[1]

    edges = crosswalk_occupations_for_majors([accounting.pk])[accounting.pk]

    assert edges
    assert {e.evidence for e in edges} == {"inferred"}
    assert edges[0].occupation_code == "2-06-03-00"


def test_rerun_is_idempotent(inferred):
    before = {m.pk: [(r.occupation_id, r.confidence, r.note) for r in _links(m)] for m in inferred}

    major_links_infer(major_ids=[m.pk for m in inferred])

    after = {m.pk: [(r.occupation_id, r.confidence, r.note) for r in _links(m)] for m in inferred}
    assert after == before


def test_reviewed_links_are_never_reproposed(inferred, client_for, staff_user):
    civil = inferred[3]
    computing = inferred[2]
    first = _links(civil)[0]
    rejected = _links(computing)[0]
    client = client_for(staff_user)
    client.post(f"/api/v1/crosswalk/major-links/{first.pk}/confirm/", {}, format="json")
    client.post(f"/api/v1/crosswalk/major-links/{rejected.pk}/reject/", {}, format="json")

    major_links_infer(major_ids=[civil.pk, computing.pk])

    kept = MajorLink.objects.filter(major=civil, occupation=first.occupation)
    assert [r.status for r in kept] == [LinkStatus.CONFIRMED]
    again = MajorLink.objects.filter(major=computing, occupation=rejected.occupation)
    assert [r.status for r in again] == [LinkStatus.REJECTED]
    edges = crosswalk_occupations_for_majors([computing.pk])[computing.pk]
    assert rejected.occupation_id not in {e.occupation_id for e in edges}
    assert crosswalk_occupations_for_majors([civil.pk])[civil.pk][0].evidence == "curated"
