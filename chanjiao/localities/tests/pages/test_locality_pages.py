import pytest
from django.urls import reverse

from chanjiao.audit.models import AuditEvent
from chanjiao.localities.models import PolicyParameter

pytestmark = pytest.mark.django_db

KEY = "major-warning-enrollment-below"


def _edit_url(locality, key=KEY):
    return reverse("localities:parameter-edit", args=[locality.pk, key])


def _form(**changes):
    data = {
        "label": "专业预警：年均招生规模低于（特殊专业除外）",
        "comparison": "lt",
        "value": "30",
        "value_max": "",
        "unit": "人",
        "clause": "（六）",
        "quote": "原文。",
    }
    return data | changes


def test_list_page_shows_the_five_localities(client, localities):
    response = client.get(reverse("localities:locality-list"))

    assert response.status_code == 200
    text = response.content.decode()
    assert "<h1>地区配置</h1>" in text
    for name in localities:
        assert f">{name}</a>" in text
    assert "梧政办发〔2024〕35号" in text


def test_list_page_without_data_says_how_to_load_it(client, catalogs):
    text = client.get(reverse("localities:locality-list")).content.decode()

    assert "尚未导入任何地区的政策配置" in text
    assert "请联系平台管理员导入" in text


def test_detail_page_shows_document_parameters_industries_and_institutions(client, wuzhou_locality):
    response = client.get(wuzhou_locality.get_absolute_url())

    assert response.status_code == 200
    text = response.content.decode()
    assert "梧州市职业教育产教融合实施方案" in text
    assert "低于30人" in text
    assert "连续3年年均招生规模不足30人(特殊专业除外)" in text
    assert "1530 精制茶加工" in text
    assert "梧州医学高等专科学校" in text
    assert "查看原文" in text
    assert "编辑" not in text


@pytest.mark.parametrize(
    ("_case", "persona", "shows_edit"),
    [
        ("anonymous", None, False),
        ("enterprise recruiter", "recruiter", False),
        ("another locality's officer", "shuangyashan_officer", False),
        ("the locality's officer", "wuzhou_officer", True),
        ("platform staff", "staff_user", True),
    ],
)
def test_edit_links_only_for_those_allowed(
    request, client, wuzhou_locality, _case, persona, shows_edit
):
    if persona:
        client.force_login(request.getfixturevalue(persona))

    text = client.get(wuzhou_locality.get_absolute_url()).content.decode()

    assert (_edit_url(wuzhou_locality) in text) is shows_edit


def test_beijing_page_says_no_institution_is_named(client, localities):
    text = client.get(localities["北京市"].get_absolute_url()).content.decode()

    assert "文件未点名具体的学校、企业、园区或平台。" in text
    assert "文件未载明" in text  # no document number or date in the text


def test_document_page_shows_the_full_text(client, wuzhou_locality):
    response = client.get(reverse("localities:locality-document", args=[wuzhou_locality.pk]))

    assert response.status_code == 200
    assert "规模以上企业原则上按职工总数2%的名额安排职业院校学生实习岗位。" in (
        response.content.decode()
    )


def test_document_page_is_404_without_a_shipped_file(client, wuzhou_locality):
    wuzhou_locality.source_file = "../../settings.py"
    wuzhou_locality.save()

    response = client.get(reverse("localities:locality-document", args=[wuzhou_locality.pk]))

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("_case", "persona"),
    [
        ("anonymous", None),
        ("outsider", "outsider"),
        ("enterprise recruiter", "recruiter"),
        ("another locality's officer", "shuangyashan_officer"),
    ],
)
def test_edit_page_is_403_for_others_and_changes_nothing(
    request, client, wuzhou_locality, _case, persona
):
    if persona:
        client.force_login(request.getfixturevalue(persona))

    shown = client.get(_edit_url(wuzhou_locality))
    posted = client.post(_edit_url(wuzhou_locality), _form(value="20"))

    assert (shown.status_code, posted.status_code) == (403, 403)
    assert "只有平台管理员或该地区的政府管理员可以修改地区配置。" in posted.content.decode()
    assert PolicyParameter.objects.get(locality=wuzhou_locality, key=KEY).value == 30
    assert not AuditEvent.objects.filter(action="policy_parameter.update").exists()


def test_officer_edits_a_parameter_through_the_form(client, wuzhou_officer, wuzhou_locality):
    client.force_login(wuzhou_officer)
    form = client.get(_edit_url(wuzhou_locality))

    response = client.post(_edit_url(wuzhou_locality), _form(value="25"), follow=True)

    assert form.status_code == 200
    assert 'value="30"' in form.content.decode()
    assert response.redirect_chain == [(wuzhou_locality.get_absolute_url(), 302)]
    assert "已保存参数“专业预警：年均招生规模低于（特殊专业除外）”。" in response.content.decode()
    assert PolicyParameter.objects.get(locality=wuzhou_locality, key=KEY).value == 25
    event = AuditEvent.objects.get(action="policy_parameter.update")
    assert event.changes["value"] == ["30", "25"]
    assert event.actor_repr == "officer_wz"


def test_form_shows_chinese_errors_and_keeps_the_value(client, wuzhou_officer, wuzhou_locality):
    client.force_login(wuzhou_officer)

    response = client.post(
        _edit_url(wuzhou_locality), _form(value="三十", clause="", value_max="40")
    )

    assert response.status_code == 200
    text = response.content.decode()
    assert "不是有效的数字" in text
    assert "必填" in text
    assert "只有比较方式为“区间”时才填写区间上限" in text
    assert "range（区间）" not in text
    assert PolicyParameter.objects.get(locality=wuzhou_locality, key=KEY).value == 30
