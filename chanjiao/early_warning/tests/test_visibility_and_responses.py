"""Schools see and answer their own flags; the locality's government sees all; others nothing."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from chanjiao.audit.models import AuditEvent, AuditResult
from chanjiao.early_warning.models import FlagStatus, WarningFlag, WarningResponse
from chanjiao.early_warning.tests.conftest import FLAGS_URL, evaluate, flags, only_rules, stats

RULE = "wz-low-enrollment"


@pytest.fixture
def two_flags(rules, officer, wuzhou_school, other_school):
    only_rules(RULE)
    stats(wuzhou_school, "510203", {2023: 10, 2024: 10, 2025: 10})
    stats(other_school, "520201", {2023: 10, 2024: 10, 2025: 10})
    evaluate(officer)
    return {
        "own": WarningFlag.objects.get(school=wuzhou_school),
        "other": WarningFlag.objects.get(school=other_school),
    }


def test_school_sees_only_its_own_flags(two_flags, school_admin, client_for):
    client = client_for(school_admin)

    assert [f["id"] for f in flags(client)] == [two_flags["own"].pk]
    assert client.get(f"{FLAGS_URL}{two_flags['other'].pk}/").status_code == 404


def test_locality_officer_sees_all_and_another_city_sees_none(
    two_flags, officer, shuangyashan_officer, client_for
):
    assert len(flags(officer, locality="梧州市", year=2025)) == 2
    other_city = client_for(shuangyashan_officer)
    assert flags(other_city) == []
    assert other_city.get(f"{FLAGS_URL}{two_flags['own'].pk}/").status_code == 404


@pytest.mark.parametrize("_case", ["anonymous", "outsider", "student", "enterprise"])
def test_others_get_nothing(_case, two_flags, api_client, client_for, outsider, student, recruiter):
    if _case == "anonymous":
        response = api_client.get(FLAGS_URL)
        assert response.status_code == 403
        assert response.json()["message"] == "请先登录。"
        return
    user = {"outsider": outsider, "student": student, "enterprise": recruiter}[_case]
    assert flags(client_for(user)) == []


def test_detail_shows_evidence_quote_and_responses(two_flags, school_admin, client_for):
    flag = two_flags["own"]
    client = client_for(school_admin)
    client.post(f"{FLAGS_URL}{flag.pk}/responses/", {"text": "已压缩招生计划。"}, format="json")

    body = client.get(f"{FLAGS_URL}{flag.pk}/").json()

    assert body["evidence"]["average"] == 10.0
    assert "连续3年年均招生规模不足30人" in body["quote"]
    assert [(r["kind"], r["text"], r["author"]) for r in body["responses"]] == [
        ("school", "已压缩招生计划。", "学校管理员")
    ]
    assert body["status"] == "responded"


def test_school_responds_to_its_own_flag(two_flags, school_admin, client_for):
    flag = two_flags["own"]

    response = client_for(school_admin).post(
        f"{FLAGS_URL}{flag.pk}/responses/",
        {"text": "2026年起停招，改设六堡茶方向。"},
        format="json",
    )

    assert response.status_code == 201
    flag.refresh_from_db()
    assert flag.status == FlagStatus.RESPONDED
    assert WarningResponse.objects.get(flag=flag).text == "2026年起停招，改设六堡茶方向。"
    assert AuditEvent.objects.filter(action="warning.respond", target_id=str(flag.pk)).exists()


def test_another_school_cannot_respond(two_flags, other_school_admin, client_for):
    flag = two_flags["own"]

    response = client_for(other_school_admin).post(
        f"{FLAGS_URL}{flag.pk}/responses/", {"text": "代为回应"}, format="json"
    )

    assert response.status_code == 404
    assert not WarningResponse.objects.exists()
    flag.refresh_from_db()
    assert flag.status == FlagStatus.OPEN


def test_officer_cannot_respond_for_the_school_but_closes_with_a_note(
    two_flags, officer, school_admin, client_for
):
    flag = two_flags["own"]
    refused = officer.post(f"{FLAGS_URL}{flag.pk}/responses/", {"text": "代答"}, format="json")
    assert refused.status_code == 403
    assert refused.json()["message"] == "只有该校的机构管理员或信息员可以回应本校的专业预警。"

    closed = officer.post(f"{FLAGS_URL}{flag.pk}/close/", {"note": "已核实整改。"}, format="json")

    assert closed.status_code == 200
    assert closed.json()["status"] == "closed"
    assert closed.json()["responses"][-1]["text"] == "已核实整改。"
    late = client_for(school_admin).post(
        f"{FLAGS_URL}{flag.pk}/responses/", {"text": "补充"}, format="json"
    )
    assert late.status_code == 400


def test_school_cannot_close_and_the_refusal_is_audited(two_flags, school_admin, client_for):
    flag = two_flags["own"]

    response = client_for(school_admin).post(
        f"{FLAGS_URL}{flag.pk}/close/", {"note": "关"}, format="json"
    )

    assert response.status_code == 403
    flag.refresh_from_db()
    assert flag.status == FlagStatus.OPEN
    assert AuditEvent.objects.filter(action="warning.close", result=AuditResult.DENIED).exists()


def test_empty_response_is_refused_with_the_field_named(two_flags, school_admin, client_for):
    response = client_for(school_admin).post(
        f"{FLAGS_URL}{two_flags['own'].pk}/responses/", {"text": "  "}, format="json"
    )

    assert response.status_code == 400
    assert response.json()["extra"]["fields"] == {"text": ["不能为空"]}


@pytest.mark.parametrize(
    ("path", "body", "user", "message"),
    [
        (
            "responses",
            {"text": " "},
            "school_admin",
            "回应内容不能为空：请写明本校的整改措施或说明。",
        ),
        ("close", {"note": ""}, "wuzhou_officer", "关闭说明不能为空：请写明关闭该预警的理由。"),
        ("responses", {"text": "改" * 2001}, "school_admin", "回应内容不能超过 2000 个字"),
    ],
)
def test_refused_text_names_the_field_in_chinese_and_what_to_do(
    path, body, user, message, two_flags, client_for, request
):
    client = client_for(request.getfixturevalue(user))

    response = client.post(f"{FLAGS_URL}{two_flags['own'].pk}/{path}/", body, format="json")

    assert response.status_code == 400
    assert response.json()["message"].startswith(message)
    assert "text:" not in response.json()["message"]


def test_flag_list_query_count_does_not_grow_with_flags(rules, officer, wuzhou_school):
    only_rules(RULE)
    stats(wuzhou_school, "510201", {2023: 10, 2024: 10, 2025: 10})
    evaluate(officer)
    with CaptureQueriesContext(connection) as one:
        assert len(flags(officer)) == 1
    for code in ["510202", "510203", "510204", "510205", "510206"]:
        stats(wuzhou_school, code, {2023: 10, 2024: 10, 2025: 10})
    evaluate(officer)

    with CaptureQueriesContext(connection) as six:
        assert len(flags(officer)) == 6

    assert len(six) == len(one)


def test_a_body_that_is_not_an_object_is_refused(two_flags, school_admin, client_for):
    response = client_for(school_admin).post(
        f"{FLAGS_URL}{two_flags['own'].pk}/responses/", ["文本"], format="json"
    )

    assert response.status_code == 400
    assert response.json()["message"] == "请求体应为 JSON 对象。"
