"""``load_warning_rules``: idempotent, keeps officer edits unless --reset, refuses bad files."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from chanjiao.early_warning.models import WarningRule
from chanjiao.early_warning.services import DEFAULT_RULES_FILE

DOCUMENTS = Path(__file__).resolve().parents[2] / "localities" / "data" / "documents"


def _load(*args: str) -> str:
    out = StringIO()
    call_command("load_warning_rules", *args, stdout=out)
    return out.getvalue()


def test_loading_twice_creates_then_changes_nothing(localities):
    assert "新增 11，更新 0，未变 0，保留管理员修改 0" in _load()
    snapshot = list(WarningRule.objects.values_list("pk", "params", "level", "updated_at"))

    assert "新增 0，更新 0，未变 11，保留管理员修改 0" in _load()
    assert list(WarningRule.objects.values_list("pk", "params", "level", "updated_at")) == snapshot


def test_officer_edits_survive_a_reload_unless_reset(localities, officer):
    _load()
    rule = WarningRule.objects.get(key="wz-duplicate-offering")
    officer.patch(
        f"/api/v1/warnings/rules/{rule.pk}/", {"params": {"max_schools": 5}}, format="json"
    )

    assert "保留管理员修改 1" in _load()
    rule.refresh_from_db()
    assert rule.params == {"max_schools": 5}

    assert "更新 1" in _load("--reset")
    rule.refresh_from_db()
    assert rule.params == {"max_schools": 3}
    assert rule.is_edited is False


def test_bad_file_reports_every_bad_row_and_loads_nothing(localities, tmp_path):
    data = json.loads(DEFAULT_RULES_FILE.read_text(encoding="utf-8"))
    data["rules"][0]["locality"] = "火星市"
    data["rules"][1]["params"] = {"max_schools": 0}
    data["rules"][2]["exempt_majors"] = ["123456"]
    data["rules"][3]["level"] = "red"
    path = tmp_path / "rules.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    with pytest.raises(CommandError) as error:
        _load("--file", str(path))

    message = str(error.value)
    assert "rules[0].locality: 地区“火星市”尚未配置" in message
    assert "rules[1].params.max_schools: 应在 1 至 1000 之间，现为 0" in message
    assert "rules[2].exempt_majors: 专业代码“123456”不在现行专业目录中" in message
    assert "rules[3].level: 应为 notice、warning、reduce、stop 之一" in message
    assert not WarningRule.objects.exists()


def test_shipped_rules_quote_their_documents_and_say_when_a_number_is_a_default(localities):
    data = json.loads(DEFAULT_RULES_FILE.read_text(encoding="utf-8"))
    texts = {path.name: path.read_text(encoding="utf-8") for path in DOCUMENTS.glob("*.txt")}
    assert len(texts) == 5
    lines = [line for text in texts.values() for line in text.splitlines()]
    for rule in data["rules"]:
        paragraph = next(line for line in lines if rule["quote"] in line)
        # The quote sits in the paragraph of its clause (documents write （六） or (六)).
        assert paragraph.replace("(", "（").replace(")", "）").startswith(rule["clause"])
        if rule["key"] != "wz-low-enrollment":
            assert "默认值" in rule["note"], rule["key"]
            assert "可由政府管理员修改" in rule["note"], rule["key"]
    wuzhou = next(r for r in data["rules"] if r["key"] == "wz-low-enrollment")
    assert "连续3年年均招生规模不足30人(特殊专业除外)" in wuzhou["quote"]
    assert "文件未列明" in wuzhou["note"]


def test_wuzhou_rule_agrees_with_the_locality_policy_parameters(wz):
    _load()
    rule = WarningRule.objects.get(key="wz-low-enrollment")
    parameters = {p.key: p for p in wz.parameters.all()}

    below = parameters["major-warning-enrollment-below"]
    years = parameters["major-warning-consecutive-years"]
    # One source of truth: the rule names the profile's parameters instead of copying them.
    assert rule.params["enrollment_below"] == {"parameter": below.key}
    assert rule.params["consecutive_years"] == {"parameter": years.key}
    assert (below.value, years.value) == (30, 3)
    assert rule.clause == below.clause == years.clause == "（六）"
