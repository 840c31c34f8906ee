import json
from decimal import Decimal

import pytest

from chanjiao.audit.models import AuditEvent
from chanjiao.common.exceptions import PermissionDeniedError
from chanjiao.localities.models import KeyIndustry, Locality, NamedInstitution, PolicyParameter
from chanjiao.localities.services import (
    DEFAULT_DATA_FILE,
    localities_load,
    localities_load_default,
)
from chanjiao.localities.validation import LocalityDataError
from chanjiao.organizations.tests.factories import SchoolFactory

pytestmark = pytest.mark.django_db


def _shipped():
    return json.loads(DEFAULT_DATA_FILE.read_text(encoding="utf-8"))


def _parameter(locality, key):
    return PolicyParameter.objects.get(locality__name=locality, key=key)


def _last_event_pk():
    return AuditEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def _snapshot():
    """Every row the loader writes, with its timestamps, so any write would show."""
    return (
        list(Locality.objects.order_by("pk").values()),
        list(PolicyParameter.objects.order_by("pk").values()),
        list(KeyIndustry.objects.order_by("pk").values()),
        list(KeyIndustry.industries.through.objects.order_by("pk").values()),
        list(NamedInstitution.objects.order_by("pk").values()),
    )


def test_loads_the_five_localities_with_their_region_codes(localities):
    assert {name: loc.region.code for name, loc in localities.items()} == {
        "北京市": "11",
        "梧州市": "4504",
        "五华区": "530102",
        "普陀区": "310107",
        "双鸭山市": "2305",
    }


def test_loads_the_counts_per_locality(localities):
    counts = {
        name: (loc.parameters.count(), loc.key_industries.count(), loc.institutions.count())
        for name, loc in localities.items()
    }
    assert counts == {
        "北京市": (5, 13, 0),
        "梧州市": (10, 19, 6),
        "五华区": (2, 14, 2),
        "普陀区": (5, 7, 20),
        "双鸭山市": (4, 23, 3),
    }


def test_wuzhou_major_warning_is_under_30_students_for_3_consecutive_years(localities):
    enrollment = _parameter("梧州市", "major-warning-enrollment-below")
    years = _parameter("梧州市", "major-warning-consecutive-years")

    assert (enrollment.comparison, enrollment.value, enrollment.unit) == ("lt", 30, "人")
    assert (years.comparison, years.value, years.unit) == ("eq", 3, "年")
    assert enrollment.clause == years.clause == "（六）"
    assert "连续3年年均招生规模不足30人(特殊专业除外)" in enrollment.quote
    assert enrollment.rule_text == "低于30人"


def test_wuzhou_internship_quota_is_two_percent_of_the_workforce(localities):
    quota = _parameter("梧州市", "internship-posts-share-of-workforce")

    assert (quota.comparison, quota.value, quota.unit, quota.clause) == ("eq", 2, "%", "（十）")
    assert quota.quote == "规模以上企业原则上按职工总数2%的名额安排职业院校学生实习岗位。"


def test_putuo_targets_for_2025(localities):
    enterprises = _parameter("普陀区", "city-level-integration-enterprises-target")
    bases = _parameter("普陀区", "district-school-enterprise-bases-target")
    master_teachers = _parameter("普陀区", "district-master-teacher-bases-target")

    assert (enterprises.comparison, enterprises.value, enterprises.unit) == ("approx", 10, "家")
    assert (bases.comparison, bases.value, bases.unit) == ("approx", 10, "个")
    assert (master_teachers.comparison, master_teachers.value, master_teachers.value_max) == (
        "range",
        5,
        6,
    )
    assert enterprises.clause == "一（三）、二（四）7"
    assert bases.clause == "一（三）、二（四）8"
    assert master_teachers.clause == "二（二）4"
    assert "到2025年" in enterprises.quote
    assert master_teachers.rule_text == "5—6个"


def test_frontline_training_share_is_set_where_the_documents_set_it(localities):
    rows = PolicyParameter.objects.filter(key="training-funds-frontline-share-min")

    # 普陀's action plan sets no share for front-line training, so it has no such parameter.
    assert {p.locality.name: (p.comparison, p.value, p.unit) for p in rows} == {
        "北京市": ("gte", 60, "%"),
        "梧州市": ("gte", 60, "%"),
        "五华区": ("gte", 60, "%"),
        "双鸭山市": ("gte", 60, "%"),
    }


def test_practical_teaching_share_is_at_least_half(localities):
    rows = PolicyParameter.objects.filter(key="practical-teaching-share-min")

    assert {p.locality.name: (p.value, p.clause) for p in rows} == {
        "北京市": (50, "（九）"),
        "梧州市": (50, "（十四）"),
        "双鸭山市": (50, "（十四）"),
    }


def test_investment_credit_against_education_surcharges_is_30_percent(localities):
    rows = PolicyParameter.objects.filter(key="investment-surcharge-credit-share")

    assert {p.locality.name: (p.value, p.clause) for p in rows} == {
        "梧州市": (30, "（八）"),
        "普陀区": (30, "三2"),
    }


def test_key_industries_carry_their_gbt_codes(localities):
    def codes(locality, label):
        industry = KeyIndustry.objects.get(locality__name=locality, label=label)
        return sorted(industry.industries.values_list("code", flat=True))

    assert codes("梧州市", "六堡茶") == ["0164", "1530"]
    assert codes("五华区", "烟草制造业") == ["16"]
    assert codes("普陀区", "智能软件") == ["651"]
    assert codes("北京市", "金融") == ["J"]
    assert codes("梧州市", "“5+2”产业体系") == []


def test_loading_twice_changes_nothing(localities):
    before, events = _snapshot(), AuditEvent.objects.count()

    results = localities_load_default()

    assert [r.status for r in results] == ["unchanged"] * 5
    assert sum(r.parameters.unchanged for r in results) == 26
    assert sum(r.parameters.created + r.parameters.updated for r in results) == 0
    assert _snapshot() == before
    assert AuditEvent.objects.count() == events


def test_first_load_is_audited_once_per_locality(catalogs):
    localities_load_default()

    events = AuditEvent.objects.filter(action="locality.load")
    assert events.count() == 5
    wuzhou = events.get(target_repr="梧州市")
    assert wuzhou.changes["source"] == "localities.json"
    assert wuzhou.changes["parameters"]["internship-posts-share-of-workforce"]["value"] == [
        None,
        "2",
    ]


def test_reloading_restores_a_changed_value_and_audits_it(localities):
    PolicyParameter.objects.filter(key="internship-posts-share-of-workforce").update(value=5)
    last = _last_event_pk()

    results = localities_load_default()

    assert [r.status for r in results].count("updated") == 1
    assert _parameter("梧州市", "internship-posts-share-of-workforce").value == 2
    event = AuditEvent.objects.get(action="locality.load", pk__gt=last)
    assert event.target_repr == "梧州市"
    assert event.changes["parameters"] == {
        "internship-posts-share-of-workforce": {"value": ["5", "2"]}
    }


def test_reloading_keeps_an_institution_linked_to_its_organisation(localities):
    school = SchoolFactory(name="梧州学院")
    NamedInstitution.objects.filter(name="梧州学院").update(organization=school)

    localities_load_default()

    assert NamedInstitution.objects.get(name="梧州学院").organization == school


def test_bad_file_reports_every_error_and_writes_nothing(catalogs):
    data = _shipped()
    data["localities"][2]["parameters"][1]["value"] = "六成"
    data["localities"][1]["region_code"] = "9999"
    data["localities"][4]["key_industries"][0]["codes"] = ["01", "X9"]
    data["localities"][3]["parameters"][3]["value_max"] = 4
    del data["localities"][0]["parameters"][0]["clause"]
    data["localities"][0]["institutions"] = [{"name": "某学院", "kind": "高职院校"}]

    with pytest.raises(LocalityDataError) as error:
        localities_load(data=data, actor=None)

    assert error.value.errors == [
        "localities[0].parameters[0].clause: 必填",
        "localities[0].institutions[0].clause: 必填",
        "localities[2].parameters[1].value: 不是有效的数字",
        "localities[3].parameters[3].value_max: 区间上限应大于数值",
        "localities[1].region_code: 行政区划代码 9999 不存在",
        "localities[4].key_industries[0].codes[1]: "
        "行业代码 X9 不存在（应为 GB/T 4754-2017 的门类字母或数字）",
    ]
    assert not Locality.objects.exists()
    assert not PolicyParameter.objects.exists()


def test_a_failure_half_way_writes_nothing(localities):
    data = _shipped()
    data["localities"][0]["summary"] = "改过的概述"
    data["localities"][4]["parameters"][0]["label"] = "x" * 201

    with pytest.raises(LocalityDataError):
        localities_load(data=data, actor=None)

    assert Locality.objects.get(name="北京市").summary != "改过的概述"


@pytest.mark.parametrize(
    ("_case", "mutate", "expected"),
    [
        (
            "not an object",
            lambda data: data["localities"].__setitem__(0, "北京"),
            ["localities[0]: 应为对象"],
        ),
        (
            "unknown field",
            lambda data: data["localities"][0].__setitem__("region", "11"),
            ["localities[0].region: 未知字段"],
        ),
        (
            "duplicate locality",
            lambda data: data["localities"][1].__setitem__("name", "北京市"),
            ["localities[1].name: 地区名称“北京市”重复"],
        ),
        (
            "duplicate parameter key",
            lambda data: data["localities"][1]["parameters"][1].__setitem__(
                "key", "integration-goal-year"
            ),
            ["localities[1].parameters[1].key: “integration-goal-year”重复"],
        ),
        (
            "bad comparison",
            lambda data: data["localities"][1]["parameters"][0].__setitem__("comparison", ">="),
            ["localities[1].parameters[0].comparison: 应为 gte、lte、lt、eq、approx、range 之一"],
        ),
        (
            "upper bound without a range",
            lambda data: data["localities"][1]["parameters"][0].__setitem__("value_max", 9),
            ["localities[1].parameters[0].value_max: 只有比较方式为 range（区间）时才填写区间上限"],
        ),
        (
            "too many decimals",
            lambda data: data["localities"][1]["parameters"][0].__setitem__("value", "0.00001"),
            ["localities[1].parameters[0].value: 最多保留 4 位小数"],
        ),
        (
            "code written as a number",
            lambda data: data["localities"][1]["key_industries"][1].__setitem__("codes", [1530]),
            ['localities[1].key_industries[1].codes[0]: 行业代码应写成文本，例如 "34" 或 "C"'],
        ),
        (
            "no codes and no reason",
            lambda data: data["localities"][1]["key_industries"][1].update(codes=[], note=""),
            ["localities[1].key_industries[1].note: 未对应行业代码时，请在说明中写明原因"],
        ),
        (
            "bad date",
            lambda data: data["localities"][1].__setitem__("issued_on", "2024年4月24日"),
            ["localities[1].issued_on: 日期格式应为 YYYY-MM-DD"],
        ),
        (
            "no list",
            lambda data: data.__setitem__("localities", {}),
            ["localities: 应为列表"],
        ),
    ],
)
def test_rejects_invalid_entries(catalogs, _case, mutate, expected):
    data = _shipped()
    mutate(data)

    with pytest.raises(LocalityDataError) as error:
        localities_load(data=data, actor=None)

    assert error.value.errors == expected
    assert not Locality.objects.exists()


def test_adds_a_sixth_locality_from_data_without_touching_the_others(localities):
    sixth = {
        "name": "柳州市",
        "region_code": "4502",
        "document_title": "柳州市产教融合实施方案（测试）",
        "parameters": [
            {
                "key": "practical-teaching-share-min",
                "label": "实践性教学课时占总课时的比例",
                "comparison": "gte",
                "value": "50",
                "unit": "%",
                "clause": "（九）",
                "quote": "实践性教学课时不少于总课时的50%。",
            }
        ],
        "key_industries": [{"label": "汽车", "codes": ["36"], "clause": "（三）"}],
    }

    results = localities_load(data={"localities": [sixth]}, actor=None)

    assert [(r.locality.name, r.status) for r in results] == [("柳州市", "created")]
    assert Locality.objects.count() == 6
    assert _parameter("柳州市", "practical-teaching-share-min").value == Decimal(50)


def test_only_staff_may_load_as_a_user(localities, wuzhou_officer, staff_user):
    last = _last_event_pk()

    with pytest.raises(PermissionDeniedError):
        localities_load(data=_shipped(), actor=wuzhou_officer)

    assert AuditEvent.objects.get(pk__gt=last).result == "denied"
    assert [r.status for r in localities_load(data=_shipped(), actor=staff_user)] == [
        "unchanged"
    ] * 5
