"""The plain-language sentence of each rule type, from its parameters."""

import pytest

from chanjiao.early_warning.describe import basis_text, rule_sentence
from chanjiao.early_warning.models import RuleType

DOC = "梧州市关于深化产教融合的实施意见"


def _sentence(rule_type: str, params: dict, level: str = "warning") -> str:
    return rule_sentence(
        rule_type=rule_type, params=params, level=level, clause="（六）", document_title=DOC
    )


@pytest.mark.parametrize(
    ("rule_type", "params", "level", "expected"),
    [
        (
            RuleType.LOW_ENROLLMENT,
            {"enrollment_below": 30, "consecutive_years": 2, "basis": "each_year"},
            "warning",
            "连续 2 年每年实际招生人数均低于 30 人的专业点，亮出“预警”",
        ),
        (
            RuleType.DUPLICATE_OFFERING,
            {"max_schools": 3},
            "notice",
            "同一年度本地区超过 3 所学校开设的同一专业，给予“提示”",
        ),
        (
            RuleType.KEY_INDUSTRY_MATCH,
            {"min_score": 0.3},
            "warning",
            "与本地区重点产业匹配度低于 30% 的专业点，亮出“预警”",
        ),
        (
            RuleType.LOW_EMPLOYMENT,
            {"indicator": "employment_rate", "below": 0.8, "consecutive_years": 2},
            "reduce",
            "毕业去向落实率连续 2 年低于 80% 的专业点，列入“调减”招生",
        ),
        (
            RuleType.BOTTOM_PERCENTILE,
            {"indicator": "employment_rate", "percent": 10, "consecutive_years": 2},
            "stop",
            "毕业去向落实率连续 2 年处于本地区全部专业点后 10% 的专业点，列入“停招”",
        ),
        (
            RuleType.INDICATORS_FAILING,
            {
                "indicators": [
                    {"indicator": "employment_rate", "below": 0.8},
                    {"indicator": "avg_starting_salary", "below": 3000},
                ],
                "min_failing": 1,
            },
            "warning",
            "当年 2 项指标（毕业去向落实率低于 80%、平均起薪低于 3000 元/月）中至少 1 项不达标",
        ),
    ],
)
def test_each_rule_type_reads_as_a_sentence_with_its_basis(rule_type, params, level, expected):
    sentence = _sentence(rule_type, params, level)

    assert sentence.startswith(expected)
    assert sentence.endswith(f"（依据：《{DOC}》（六））。")


def test_rule_without_data_says_it_is_not_evaluated():
    sentence = _sentence(RuleType.NEEDS_DATA, {"data": "办学水平评价数据"})

    assert sentence.startswith("该条件需要办学水平评价数据，平台尚未汇集，暂不评估")


def test_a_number_read_from_the_profile_shows_its_current_value(wz):
    parameters = {p.key: p for p in wz.parameters.all()}
    params = {
        "enrollment_below": {"parameter": "major-warning-enrollment-below"},
        "consecutive_years": {"parameter": "major-warning-consecutive-years"},
        "basis": "average",
    }

    sentence = rule_sentence(
        rule_type=RuleType.LOW_ENROLLMENT,
        params=params,
        level="reduce",
        clause="（六）",
        document_title=wz.document_title,
        parameters=parameters,
    )

    assert sentence.startswith("连续 3 年年均实际招生人数低于 30 人的专业点，列入“调减”招生")


def test_basis_without_a_title_names_the_locality_document():
    assert basis_text("", "（四）") == "依据：本地区政策文件（四）"
    assert basis_text("《某文件》", "") == "依据：《某文件》"
