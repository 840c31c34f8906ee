"""梧州 （六） 与区域产业不匹配 / 北京 （四） 专业与产业匹配度: score below the minimum."""

from chanjiao.catalogs.models import Industry, Occupation
from chanjiao.crosswalk.models import IndustryLink, LinkEvidence, LinkStatus, MajorLink
from chanjiao.early_warning.facts import Facts, MatchScore
from chanjiao.early_warning.matching import industry_is_key, key_industry_codes
from chanjiao.early_warning.rule_types import key_industry_match
from chanjiao.early_warning.tests.conftest import evaluate, flags, major, only_rules, stats

PARAMS = {"min_score": 0.3}


def _facts(scores: dict[int, MatchScore | None]) -> Facts:
    return Facts(year=2025, match=scores, key_industry_labels=["茶产业"])


def _score(value: float) -> MatchScore:
    return MatchScore(
        value, 2.0, 2.0 * value, [{"code": "4-03-02-01", "weight": 1.0, "key_share": value}]
    )


def test_score_below_minimum_is_flagged_and_a_tie_is_not():
    facts = _facts({1: _score(0.2999), 2: _score(0.3), 3: _score(0.9)})

    outcome = key_industry_match(PARAMS, facts, [(10, 1), (10, 2), (10, 3)])

    assert [(h.school_id, h.major_id) for h in outcome.hits] == [(10, 1)]
    hit = outcome.hits[0]
    assert hit.evidence["score"] == 0.2999
    assert hit.evidence["threshold"] == {"min_score": 0.3}
    assert hit.evidence["key_industries"] == ["茶产业"]
    assert hit.summary == "与本地重点产业匹配度 30.0%，低于 30%"
    assert outcome.insufficient == []


def test_major_without_industry_evidence_is_reported_not_flagged():
    outcome = key_industry_match(PARAMS, _facts({1: None}), [(10, 1), (10, 2)])

    assert outcome.hits == []
    assert [item["major_id"] for item in outcome.insufficient] == [1, 2]
    assert outcome.insufficient[0]["reason"].startswith("证据不足")


def test_key_section_and_major_group_cover_their_children(catalogs):
    tea = Industry.objects.get(code="1530")  # 精制茶加工, in 门类 C
    software = Industry.objects.get(code="6511")
    assert industry_is_key(tea.code, tea.section, ["C"])
    assert industry_is_key(tea.code, tea.section, ["15"])
    assert industry_is_key(software.code, software.section, ["65"])
    assert not industry_is_key(software.code, software.section, ["C", "1530"])
    assert not industry_is_key("15", "C", ["1530"])  # a coarser code is not under a finer key


def test_locality_key_codes_skip_labels_without_codes(wz):
    codes, labels = key_industry_codes(wz)

    assert "“5+2”产业体系" not in labels
    assert "茶产业" in labels
    assert {"0164", "1530", "6231", "C", "84"} <= set(codes)


def _links(major_code: str, edges: dict[str, tuple[float, str | None]]) -> None:
    """Give a major crosswalk edges (occupation → confidence) and each occupation an industry."""
    for occupation_code, (confidence, industry_code) in edges.items():
        occupation = Occupation.objects.get(code=occupation_code)
        MajorLink.objects.update_or_create(
            major=major(major_code),
            occupation=occupation,
            evidence=LinkEvidence.INFERRED,
            defaults={"status": LinkStatus.ACTIVE, "confidence": confidence},
        )
        if industry_code:
            IndustryLink.objects.get_or_create(
                occupation=occupation,
                industry=Industry.objects.get(code=industry_code),
                evidence=LinkEvidence.OBSERVED,
                defaults={"status": LinkStatus.ACTIVE},
            )


ECOLOGY = "410104"  # 生态农业技术: no official link in the teaching standards


def test_match_at_the_minimum_is_not_flagged_just_below_is(rules, officer, wuzhou_school):
    only_rules("wz-key-industry-match")
    stats(wuzhou_school, ECOLOGY, {2025: 40})
    # 计算机程序设计员 works in 6511 基础软件开发 (under key 65 电子信息); 种子繁育员 in 0111
    # 稻谷种植, no key industry of 梧州. Score = 0.3 · 1 / (0.3 + 0.7) = 0.3.
    _links(ECOLOGY, {"4-04-05-01": (0.3, "6511"), "5-01-01-01": (0.7, "0111")})

    evaluate(officer)
    assert flags(officer) == []

    _links(ECOLOGY, {"4-04-05-01": (0.29, "6511")})  # 0.29 / 0.99 = 0.2929
    evaluate(officer)

    [flag] = flags(officer)
    assert flag["major"]["code"] == ECOLOGY
    assert flag["level_label"] == "预警"
    evidence = flag["evidence"]
    assert evidence["score"] == 0.2929
    assert evidence["threshold"] == {"min_score": 0.3}
    assert evidence["occupations"] == [
        {"code": "5-01-01-01", "weight": 0.7, "key_share": 0.0, "industry_evidence": ["observed"]},
        {"code": "4-04-05-01", "weight": 0.29, "key_share": 1.0, "industry_evidence": ["observed"]},
    ]
    assert "电子信息" in evidence["key_industries"]
    assert flag["summary"] == "与本地重点产业匹配度 29.3%，低于 30%"


def test_major_whose_occupations_have_no_industry_is_insufficient_evidence(
    rules, officer, wuzhou_school
):
    only_rules("wz-key-industry-match")
    stats(wuzhou_school, ECOLOGY, {2025: 40})
    _links(ECOLOGY, {"6-02-06-01": (0.9, None)})  # 酿酒师, no industry observed

    run = evaluate(officer)

    assert flags(officer) == []
    [item] = run["insufficient"]
    assert item["rule"] == "wz-key-industry-match"
    # It says what is missing: the major's occupation has no industry.
    assert item["reason"].startswith("证据不足：关联职业无行业归属：该专业的 1 个职业（")
