import pytest

from chanjiao.catalogs.models import Major, MajorOccupationLink

pytestmark = pytest.mark.django_db


def _cnc():
    return Major.objects.get(system="vocational", catalog_version="2021", code="460103")


def test_shows_the_teaching_standard_links(api_client, catalogs):
    major = _cnc()
    response = api_client.get(f"/api/v1/majors/{major.pk}/")
    assert response.status_code == 200
    links = response.json()["occupation_links"]
    assert [
        (link["occupation_code"], link["occupation_name"], link["evidence_type"]) for link in links
    ] == [
        ("2-02-07-01", "机械设计工程技术人员", "teaching_standard"),
        ("2-02-07-02", "机械制造工程技术人员", "teaching_standard"),
        ("2-02-29-03", "质量管理工程技术人员", "teaching_standard"),
    ]
    assert links[0]["evidence"] == "课标职业面向：数控技术（460103） · 职业类别代码 2-02-07-01"
    assert [link["is_expanded_from_minor_group"] for link in links] == [False, False, False]


def test_shows_parents_and_catalogue_fields(api_client, catalogs):
    major = _cnc()
    body = api_client.get(f"/api/v1/majors/{major.pk}/").json()
    assert [(p["code"], p["name"], p["node_type"]) for p in body["parents"]] == [
        ("46", "装备制造大类", "专业大类"),
        ("4601", "机械设计制造类", "专业类"),
    ]
    assert body["source"] == "教育部 职业教育专业目录（2021年）"
    assert (body["note"], body["summary"], body["replaces"]) == ("", "", [])


def test_marks_links_expanded_from_a_minor_group_as_weaker(api_client, catalogs):
    major = Major.objects.get(system="vocational", catalog_version="2021", code="660102")
    body = api_client.get(f"/api/v1/majors/{major.pk}/").json()
    weak = [link for link in body["occupation_links"] if link["is_expanded_from_minor_group"]]
    expected = MajorOccupationLink.objects.filter(major=major, is_expanded_from_minor_group=True)
    assert len(weak) == expected.count() > 0
    assert {link["code_as_printed"].count("-") for link in weak} == {2}


def test_shows_the_successor_of_a_retired_major(api_client, catalogs):
    old = _cnc()
    new = Major.objects.get(system="vocational", catalog_version="2021", code="260103")
    Major.objects.filter(pk=old.pk).update(is_active=False, replaced_by=new)
    old_body = api_client.get(f"/api/v1/majors/{old.pk}/").json()
    new_body = api_client.get(f"/api/v1/majors/{new.pk}/").json()
    assert (old_body["is_active"], old_body["replaced_by"]) == (False, new.pk)
    assert new_body["replaces"] == [{"id": old.pk, "code": "460103", "name": "数控技术"}]


def test_unknown_major_is_404(api_client, catalogs):
    response = api_client.get("/api/v1/majors/999999/")
    assert response.status_code == 404
    assert response.json()["message"] == "未找到该资源，或您无权查看。"
