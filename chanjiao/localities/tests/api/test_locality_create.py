import pytest

from chanjiao.audit.models import AuditEvent
from chanjiao.localities.models import Locality

pytestmark = pytest.mark.django_db

URL = "/api/v1/localities"


def _liuzhou():
    return {
        "name": "柳州市",
        "region_code": "4502",
        "document_title": "柳州市深化产教融合实施方案（测试）",
        "document_number": "柳政办发〔2099〕1号",
        "issuer": "柳州市人民政府办公室",
        "issued_on": "2099-01-02",
        "summary": "测试用的第六个地区。",
        "parameters": [
            {
                "key": "practical-teaching-share-min",
                "label": "实践性教学课时占总课时的比例",
                "comparison": "gte",
                "value": 50,
                "unit": "%",
                "clause": "（十）",
                "quote": "实践性教学课时不少于总课时的50%。",
            }
        ],
        "key_industries": [
            {"label": "汽车", "codes": ["36"], "clause": "（三）"},
            {"label": "螺蛳粉", "codes": ["1432"], "clause": "（三）", "note": "测试用的对应"},
        ],
        "institutions": [{"name": "柳州职业技术学院", "kind": "高职院校", "clause": "（五）"}],
    }


@pytest.mark.parametrize(
    ("_case", "persona", "expected"),
    [
        ("anonymous", None, 403),
        ("enterprise recruiter", "recruiter", 403),
        ("a locality's officer", "wuzhou_officer", 403),
        ("platform staff", "staff_user", 201),
    ],
)
def test_only_staff_add_a_sixth_locality(
    request, api_client, client_for, localities, _case, persona, expected
):
    client = client_for(request.getfixturevalue(persona)) if persona else api_client

    response = client.post(URL, _liuzhou(), format="json")

    assert response.status_code == expected
    if expected == 201:
        body = response.json()
        assert (body["name"], body["region"]["code"]) == ("柳州市", "4502")
        assert body["parameters"][0]["rule"] == "不低于50%"
        assert [k["industries"][0]["code"] for k in body["key_industries"]] == ["36", "1432"]
        assert body["institutions"][0]["name"] == "柳州职业技术学院"
        assert Locality.objects.count() == 6
        event = AuditEvent.objects.get(action="locality.create")
        assert event.changes["locality"]["region"] == [None, "4502"]
        assert event.changes["parameters"]["practical-teaching-share-min"]["value"] == [None, "50"]
        assert api_client.get(URL).json()["count"] == 6
    else:
        assert Locality.objects.count() == 5
        assert not AuditEvent.objects.filter(action="locality.create", result="success").exists()


def test_reports_every_error_of_a_nested_body(client_for, staff_user, localities):
    body = _liuzhou()
    body["region_code"] = "4599"
    body["parameters"][0]["value"] = "五成"
    body["key_industries"][1]["codes"] = ["1432", "C99"]
    body["institutions"][0]["organization_id"] = 999999

    response = client_for(staff_user).post(URL, body, format="json")

    assert response.status_code == 400
    assert response.json()["extra"]["errors"] == [
        "parameters[0].value: 不是有效的数字",
        "region_code: 行政区划代码 4599 不存在",
        "key_industries[1].codes[1]: 行业代码 C99 不存在（应为 GB/T 4754-2017 的门类字母或数字）",
        "institutions[0].organization_id: 机构 999999 不存在",
    ]
    assert Locality.objects.count() == 5


def test_refuses_an_existing_name(client_for, staff_user, localities):
    body = _liuzhou() | {"name": "梧州市"}

    response = client_for(staff_user).post(URL, body, format="json")

    assert response.status_code == 400
    assert response.json()["extra"]["errors"] == ["name: 地区“梧州市”已存在"]


def test_refuses_a_body_that_is_not_json(client_for, staff_user, localities):
    response = client_for(staff_user).post(URL, {"name": "柳州市"})

    assert response.status_code == 415
    assert Locality.objects.count() == 5


def test_officer_changes_the_document_fields_but_not_the_name(
    client_for, wuzhou_officer, wuzhou_locality
):
    client = client_for(wuzhou_officer)
    url = f"{URL}/{wuzhou_locality.pk}/"

    changed = client.patch(url, {"summary": "新的概述。"}, format="json")
    renamed = client.patch(url, {"name": "梧州"}, format="json")

    assert changed.status_code == 200
    assert changed.json()["summary"] == "新的概述。"
    assert AuditEvent.objects.get(action="locality.update").changes["summary"][1] == "新的概述。"
    assert renamed.json()["extra"]["errors"] == ["name: 地区名称不可修改"]
    assert Locality.objects.get(pk=wuzhou_locality.pk).name == "梧州市"
