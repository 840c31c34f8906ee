import pytest

from chanjiao.audit.models import AuditEvent
from chanjiao.localities.models import PolicyParameter

pytestmark = pytest.mark.django_db

KEY = "internship-posts-share-of-workforce"


def _url(locality, key=KEY):
    return f"/api/v1/localities/{locality.pk}/parameters/{key}/"


def _quota(locality):
    return PolicyParameter.objects.get(locality=locality, key=KEY)


@pytest.mark.parametrize(
    ("_case", "persona", "expected"),
    [
        ("anonymous", None, 403),
        ("outsider", "outsider", 403),
        ("enterprise recruiter", "recruiter", 403),
        ("enterprise admin", "enterprise_admin", 403),
        ("another locality's officer", "shuangyashan_officer", 403),
        ("the locality's officer", "wuzhou_officer", 200),
        ("platform staff", "staff_user", 200),
    ],
)
def test_only_staff_and_the_locality_officer_change_a_parameter(
    request, api_client, client_for, wuzhou_locality, _case, persona, expected
):
    client = client_for(request.getfixturevalue(persona)) if persona else api_client
    events_before = AuditEvent.objects.count()

    response = client.patch(_url(wuzhou_locality), {"value": "3"}, format="json")

    assert response.status_code == expected
    quota = _quota(wuzhou_locality)
    if expected == 200:
        assert quota.value == 3
        assert response.json()["value"] == 3
        event = AuditEvent.objects.get(action="policy_parameter.update", result="success")
        assert event.changes == {"value": ["2", "3"]}
        assert event.target_id == str(quota.pk)
        assert event.actor_repr == request.getfixturevalue(persona).username
    else:
        assert quota.value == 2
        assert response.json()["message"]
        assert "value" not in response.json()
        assert not AuditEvent.objects.filter(
            action="policy_parameter.update", result="success"
        ).exists()
    if persona is None:
        assert AuditEvent.objects.count() == events_before
    elif expected == 403:
        assert AuditEvent.objects.get(action="policy_parameter.update").result == "denied"


def test_shuangyashan_officer_cannot_change_wuzhou_but_can_change_shuangyashan(
    client_for, shuangyashan_officer, localities
):
    client = client_for(shuangyashan_officer)

    denied = client.patch(_url(localities["梧州市"]), {"value": 9}, format="json")
    allowed = client.patch(
        _url(localities["双鸭山市"], "practical-teaching-share-min"), {"value": 60}, format="json"
    )

    assert denied.status_code == 403
    assert denied.json()["message"] == "只有平台管理员或该地区的政府管理员可以修改地区配置。"
    assert _quota(localities["梧州市"]).value == 2
    assert allowed.status_code == 200
    assert allowed.json()["rule"] == "不低于60%"


def test_changes_several_fields_with_before_and_after(client_for, wuzhou_officer, wuzhou_locality):
    response = client_for(wuzhou_officer).patch(
        _url(wuzhou_locality),
        {"comparison": "gte", "value": 2.5, "quote": "新的原文。", "clause": "（十）"},
        format="json",
    )

    assert response.status_code == 200
    assert response.json()["rule"] == "不低于2.5%"
    event = AuditEvent.objects.get(action="policy_parameter.update")
    assert event.changes == {
        "comparison": ["eq", "gte"],
        "value": ["2", "2.5"],
        "quote": ["规模以上企业原则上按职工总数2%的名额安排职业院校学生实习岗位。", "新的原文。"],
    }


def test_an_unchanged_value_is_not_audited(client_for, wuzhou_officer, wuzhou_locality):
    response = client_for(wuzhou_officer).patch(
        _url(wuzhou_locality), {"value": "2.0"}, format="json"
    )

    assert response.status_code == 200
    assert not AuditEvent.objects.filter(action="policy_parameter.update").exists()


def test_reports_every_error_in_chinese_and_changes_nothing(
    client_for, wuzhou_officer, wuzhou_locality
):
    response = client_for(wuzhou_officer).patch(
        _url(wuzhou_locality),
        {"value": "两成", "comparison": "about", "clause": "", "colour": "red"},
        format="json",
    )

    assert response.status_code == 400
    assert response.json() == {
        "message": "地区配置数据有误（共 4 处），请按提示修改。",
        "extra": {
            "errors": [
                "colour: 未知字段",
                "comparison: 应为 gte、lte、lt、eq、approx、range 之一",
                "value: 不是有效的数字",
                "clause: 必填",
            ]
        },
    }
    assert _quota(wuzhou_locality).value == 2


def test_a_range_needs_an_upper_bound_above_the_value(client_for, staff_user, localities):
    url = _url(localities["普陀区"], "district-master-teacher-bases-target")
    client = client_for(staff_user)

    too_low = client.patch(url, {"value_max": 4}, format="json")
    widened = client.patch(url, {"value": 4, "value_max": 8}, format="json")
    dropped = client.patch(url, {"comparison": "gte"}, format="json")

    assert too_low.json()["extra"]["errors"] == ["value_max: 区间上限应大于数值"]
    assert widened.json()["rule"] == "4—8个"
    assert (dropped.json()["rule"], dropped.json()["value_max"]) == ("不低于4个", None)


def test_the_key_cannot_be_renamed(client_for, staff_user, wuzhou_locality):
    response = client_for(staff_user).patch(_url(wuzhou_locality), {"key": "quota"}, format="json")

    assert response.status_code == 400
    assert response.json()["extra"]["errors"] == ["key: 参数键不可修改"]


def test_unknown_parameter_is_404(client_for, staff_user, wuzhou_locality):
    response = client_for(staff_user).patch(
        _url(wuzhou_locality, "no-such-key"), {"value": 1}, format="json"
    )

    assert response.status_code == 404


def test_officer_adds_and_deletes_a_parameter(client_for, wuzhou_officer, wuzhou_locality):
    client = client_for(wuzhou_officer)
    body = {
        "key": "test-share",
        "label": "测试比例",
        "comparison": "lte",
        "value": "15",
        "unit": "%",
        "clause": "（十六）",
        "quote": "测试原文。",
    }

    created = client.post(
        f"/api/v1/localities/{wuzhou_locality.pk}/parameters/", body, format="json"
    )
    duplicate = client.post(
        f"/api/v1/localities/{wuzhou_locality.pk}/parameters/", body, format="json"
    )
    deleted = client.delete(_url(wuzhou_locality, "test-share"))

    assert created.status_code == 201
    assert created.json()["rule"] == "不高于15%"
    assert duplicate.json()["extra"]["errors"] == ["key: 参数键“test-share”已存在"]
    assert deleted.status_code == 204
    assert not PolicyParameter.objects.filter(key="test-share").exists()
    delete_event = AuditEvent.objects.get(action="policy_parameter.delete")
    assert delete_event.changes["value"] == ["15", None]
