import pytest

from chanjiao.audit.models import AuditEvent
from chanjiao.localities.models import KeyIndustry, NamedInstitution

pytestmark = pytest.mark.django_db


def _base(locality):
    return f"/api/v1/localities/{locality.pk}"


def test_officer_maps_a_key_industry_to_other_codes(client_for, wuzhou_officer, wuzhou_locality):
    tea = KeyIndustry.objects.get(locality=wuzhou_locality, label="茶产业")

    response = client_for(wuzhou_officer).patch(
        f"{_base(wuzhou_locality)}/key-industries/{tea.pk}/",
        {"codes": ["0164", "1530", "5127"]},
        format="json",
    )

    assert response.status_code == 200
    assert [i["code"] for i in response.json()["industries"]] == ["0164", "1530", "5127"]
    event = AuditEvent.objects.get(action="key_industry.update")
    assert event.changes == {"codes": [["0164", "1530", "6231"], ["0164", "1530", "5127"]]}


def test_refuses_unknown_industry_codes(client_for, staff_user, wuzhou_locality):
    response = client_for(staff_user).post(
        f"{_base(wuzhou_locality)}/key-industries/",
        {"label": "再生资源", "codes": ["42", "4299"], "clause": "（七）"},
        format="json",
    )

    assert response.status_code == 400
    assert response.json()["extra"]["errors"] == [
        "codes[1]: 行业代码 4299 不存在（应为 GB/T 4754-2017 的门类字母或数字）"
    ]
    assert not KeyIndustry.objects.filter(label="再生资源").exists()


def test_other_officer_cannot_touch_key_industries(
    client_for, shuangyashan_officer, wuzhou_locality
):
    tea = KeyIndustry.objects.get(locality=wuzhou_locality, label="茶产业")
    client = client_for(shuangyashan_officer)

    added = client.post(
        f"{_base(wuzhou_locality)}/key-industries/",
        {"label": "再生资源", "codes": ["42"], "clause": "（七）"},
        format="json",
    )
    deleted = client.delete(f"{_base(wuzhou_locality)}/key-industries/{tea.pk}/")

    assert (added.status_code, deleted.status_code) == (403, 403)
    assert KeyIndustry.objects.filter(locality=wuzhou_locality).count() == 19


def test_a_key_industry_of_another_locality_is_404(client_for, staff_user, localities):
    tea = KeyIndustry.objects.get(locality=localities["梧州市"], label="茶产业")

    response = client_for(staff_user).delete(
        f"{_base(localities['北京市'])}/key-industries/{tea.pk}/"
    )

    assert response.status_code == 404
    assert KeyIndustry.objects.filter(pk=tea.pk).exists()


def test_officer_links_an_institution_to_its_organisation(
    client_for, wuzhou_officer, wuzhou_locality, wuzhou_school
):
    institution = NamedInstitution.objects.get(locality=wuzhou_locality, name="梧州职业学院")
    url = f"{_base(wuzhou_locality)}/institutions/{institution.pk}/"

    response = client_for(wuzhou_officer).patch(
        url, {"organization_id": wuzhou_school.pk}, format="json"
    )

    assert response.status_code == 200
    assert response.json()["organization_id"] == wuzhou_school.pk
    event = AuditEvent.objects.get(action="named_institution.update")
    assert event.changes == {"organization_id": [None, wuzhou_school.pk]}


def test_officer_adds_and_removes_an_institution(client_for, wuzhou_officer, wuzhou_locality):
    client = client_for(wuzhou_officer)

    added = client.post(
        f"{_base(wuzhou_locality)}/institutions/",
        {"name": "梧州市社区教育指导中心", "kind": "社区教育机构", "clause": "（十七）"},
        format="json",
    )
    removed = client.delete(f"{_base(wuzhou_locality)}/institutions/{added.json()['id']}/")

    assert added.status_code == 201
    assert removed.status_code == 204
    assert [e.action for e in AuditEvent.objects.order_by("pk")][-2:] == [
        "named_institution.create",
        "named_institution.delete",
    ]
    assert NamedInstitution.objects.filter(locality=wuzhou_locality).count() == 6
