"""The industry-match rule over inferred occupation → industry links, and what 证据不足 lacks."""

from chanjiao.catalogs.models import Industry, Occupation
from chanjiao.crosswalk.models import IndustryLink, LinkEvidence, LinkStatus, MajorLink
from chanjiao.crosswalk.services import industry_links_infer
from chanjiao.early_warning.matching import (
    GAP_NO_OCCUPATION,
    INFERRED_MIN_CONFIDENCE,
    match_gaps,
    match_scores,
)
from chanjiao.early_warning.tests.conftest import evaluate, flags, major, only_rules, stats

ECOLOGY = "410104"  # 生态农业技术: no official link in the teaching standards
SEED_BREEDER = "5-01-01-01"  # 种子繁育员
PROGRAMMER = "4-04-05-01"  # 计算机程序设计员


def _occupation(code: str) -> Occupation:
    return Occupation.objects.get(code=code, level=Occupation.Level.OCCUPATION)


def _major_link(major_code: str, occupation_code: str) -> None:
    MajorLink.objects.create(
        major=major(major_code),
        occupation=_occupation(occupation_code),
        evidence=LinkEvidence.CURATED,
        status=LinkStatus.ACTIVE,
        confidence=1.0,
    )


def _inferred(occupation_code: str, industry_code: str, confidence: float) -> IndustryLink:
    return IndustryLink.objects.create(
        occupation=_occupation(occupation_code),
        industry=Industry.objects.get(code=industry_code),
        evidence=LinkEvidence.INFERRED,
        status=LinkStatus.PROPOSED,
        confidence=confidence,
        note="推断：测试",
    )


def test_pending_inference_counts_from_the_threshold_on(wz):
    _major_link(ECOLOGY, PROGRAMMER)
    link = _inferred(PROGRAMMER, "6511", INFERRED_MIN_CONFIDENCE)  # under key 65 电子信息
    ecology = major(ECOLOGY).pk

    counted = match_scores(locality=wz, major_ids=[ecology])[ecology]
    link.confidence = INFERRED_MIN_CONFIDENCE - 0.01
    link.save()
    left_out = match_scores(locality=wz, major_ids=[ecology])[ecology]

    assert counted is not None
    assert counted.score == 1.0
    assert counted.occupations == [
        {"code": PROGRAMMER, "weight": 1.0, "key_share": 1.0, "industry_evidence": ["inferred"]}
    ]
    assert left_out is None


def test_reviewed_inference_counts_whatever_its_confidence(wz, staff_user):
    _major_link(ECOLOGY, PROGRAMMER)
    link = _inferred(PROGRAMMER, "6511", 0.05)
    link.status = LinkStatus.CONFIRMED
    link.save()
    ecology = major(ECOLOGY).pk

    score = match_scores(locality=wz, major_ids=[ecology])[ecology]

    assert score is not None
    assert score.occupations[0]["industry_evidence"] == ["curated"]


def test_rejected_inference_does_not_count(wz):
    _major_link(ECOLOGY, PROGRAMMER)
    link = _inferred(PROGRAMMER, "6511", 0.9)
    link.status = LinkStatus.REJECTED
    link.save()

    assert match_scores(locality=wz, major_ids=[major(ECOLOGY).pk]) == {major(ECOLOGY).pk: None}


def test_inferred_links_give_a_major_a_judgement(rules, officer, wuzhou_school):
    only_rules("wz-key-industry-match")
    stats(wuzhou_school, ECOLOGY, {2025: 40})
    _major_link(ECOLOGY, SEED_BREEDER)
    industry_links_infer(occupation_ids=[_occupation(SEED_BREEDER).pk])

    run = evaluate(officer)

    # 种子繁育员 works in 01 农业, not in 梧州's key industries (茶叶种植 0164 is finer).
    [flag] = flags(officer)
    assert run["insufficient"] == []
    assert flag["major"]["code"] == ECOLOGY
    assert flag["evidence"]["score"] == 0.0
    assert flag["evidence"]["occupations"][0]["code"] == SEED_BREEDER
    assert flag["evidence"]["occupations"][0]["industry_evidence"] == ["inferred"]


def test_gaps_say_whether_occupations_or_their_industries_are_missing(catalogs):
    _major_link(ECOLOGY, "6-02-06-01")  # 酿酒师, no industry link at all
    programming = major("510201")  # 计算机应用技术: official links, no industries yet
    unlinked = major("080201")  # 机械工程 (普通本科): no occupation link of any kind
    ecology = major(ECOLOGY)

    gaps = match_gaps(major_ids=[ecology.pk, unlinked.pk, programming.pk])

    assert gaps[unlinked.pk] == GAP_NO_OCCUPATION
    assert gaps[ecology.pk] == (
        "关联职业无行业归属：该专业的 1 个职业（酿酒师）都没有招聘信息统计、"
        "推断或人工维护的行业对应"
    )
    assert gaps[programming.pk].startswith("关联职业无行业归属：该专业的 ")


def test_no_gap_once_an_occupation_has_an_industry(catalogs):
    _major_link(ECOLOGY, PROGRAMMER)
    _inferred(PROGRAMMER, "6511", 0.8)

    assert match_gaps(major_ids=[major(ECOLOGY).pk]) == {}
