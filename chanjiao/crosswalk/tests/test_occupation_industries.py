"""Occupation → industry links inferred from the catalogue texts and the major profiles."""

import pytest

from chanjiao.audit.models import AuditEvent
from chanjiao.catalogs.models import Industry, Occupation
from chanjiao.common.exceptions import ApplicationError, PermissionDeniedError
from chanjiao.crosswalk.models import IndustryLink, LinkEvidence, LinkStatus
from chanjiao.crosswalk.selectors import crosswalk_industries_for_occupations
from chanjiao.crosswalk.services import (
    industry_link_add,
    industry_link_review,
    industry_links_infer,
    occupation_industries_infer_all,
)

NURSE = "2-05-08-01"  # 内科护士
TURNER = "6-18-01-01"  # 车工

# Known pairs: the occupation's first inferred industry lies under this GB/T 4754 大类.
KNOWN_PAIRS = [
    ("_nurse_health", NURSE, "84"),  # 卫生
    ("_turner_general_equipment", TURNER, "34"),  # 通用设备制造业
    ("_chinese_cook_catering", "4-03-02-01", "62"),  # 中式烹调师 → 餐饮业
    ("_courier_postal", "4-02-07-08", "60"),  # 快递员 → 邮政业
    ("_programmer_software", "4-04-05-01", "65"),  # 计算机程序设计员 → 软件和信息技术服务业
    ("_bank_teller_monetary", "4-05-01-01", "66"),  # 银行综合柜员 → 货币金融服务
    ("_tea_processor_tea", "6-02-06-10", "15"),  # 茶叶加工工 → 酒、饮料和精制茶制造业
    ("_primary_teacher_education", "2-08-02-04", "83"),  # 小学教师 → 教育
    ("_car_mechanic_repair", "4-12-01-01", "81"),  # 汽车维修工 → 机动车…修理业
    ("_herbal_processor_medicine", "6-12-02-00", "27"),  # 中药炮制工 → 医药制造业
]


def _occupation(code: str) -> Occupation:
    return Occupation.objects.get(code=code, level=Occupation.Level.OCCUPATION)


@pytest.fixture
def known(catalogs):
    ids = [_occupation(code).pk for _, code, _ in KNOWN_PAIRS]
    return occupation_industries_infer_all(occupation_ids=ids)


@pytest.mark.parametrize(("_case", "occupation_code", "division"), KNOWN_PAIRS)
def test_known_pairs_get_their_industry_first(known, _case, occupation_code, division):
    found = known[_occupation(occupation_code).pk]

    assert found, "no industry inferred"
    assert found[0].industry_code.startswith(division)
    assert 0.2 <= found[0].confidence <= 1
    assert found[0].note.startswith("推断：")


def test_the_note_names_the_kinds_of_evidence(known):
    [nurse_health, *_] = known[_occupation(NURSE).pk]

    assert "职业名称与定义接近该行业的说明" in nurse_health.note
    assert "所属职业类别“护理人员”与行业名称相近" in nurse_health.note
    assert "《职业教育专业简介（2022年修订）》中面向该职业的专业“护理”" in nurse_health.note


def test_every_occupation_gets_at_most_three_industries_and_most_get_one(catalogs):
    found = occupation_industries_infer_all()

    occupations = Occupation.objects.filter(is_active=True, level=Occupation.Level.OCCUPATION)
    assert set(found) == set(occupations.values_list("pk", flat=True))
    assert all(len(items) <= 3 for items in found.values())
    covered = sum(1 for items in found.values() if items)
    assert covered / len(found) >= 0.95


@pytest.fixture
def nurse(catalogs):
    occupation = _occupation(NURSE)
    industry_links_infer(occupation_ids=[occupation.pk])
    return occupation


def test_writes_proposed_inferred_links_beside_observed_ones(nurse):
    health = Industry.objects.get(code="84")
    IndustryLink.objects.create(
        occupation=nurse,
        industry=health,
        evidence=LinkEvidence.OBSERVED,
        status=LinkStatus.ACTIVE,
        confidence=1.0,
        post_count=3,
    )

    industry_links_infer(occupation_ids=[nurse.pk])

    inferred = IndustryLink.objects.get(
        occupation=nurse, industry=health, evidence=LinkEvidence.INFERRED
    )
    assert inferred.status == LinkStatus.PROPOSED
    assert inferred.post_count == 0
    assert IndustryLink.objects.filter(occupation=nurse, industry=health).count() == 2
    # The selector lists a pair once: the stronger row (here the observed one) first.
    assert crosswalk_industries_for_occupations([nurse.pk])[nurse.pk][0] == (
        health.pk,
        1.0,
        "observed",
    )


def test_rerunning_rewrites_only_proposed_rows(nurse):
    before = set(IndustryLink.objects.filter(occupation=nurse).values_list("industry_id", "note"))

    counts = industry_links_infer(occupation_ids=[nurse.pk])

    after = set(IndustryLink.objects.filter(occupation=nurse).values_list("industry_id", "note"))
    assert after == before
    assert counts == {"occupations": 1, "covered": 1, "links": len(after)}


def test_staff_confirm_is_audited_and_kept_on_rerun(nurse, staff_user):
    link = IndustryLink.objects.get(occupation=nurse, industry__code="84")

    industry_link_review(actor=staff_user, link=link, decision="confirm", note="护理岗位在医院")
    industry_links_infer(occupation_ids=[nurse.pk])

    link.refresh_from_db()
    assert link.status == LinkStatus.CONFIRMED
    assert link.note.endswith("审核意见：护理岗位在医院")
    assert IndustryLink.objects.filter(occupation=nurse, industry__code="84").count() == 1
    event = AuditEvent.objects.get(action="crosswalk.industry_link.confirm")
    assert event.changes["before"]["status"] == LinkStatus.PROPOSED
    assert event.changes["after"]["status"] == LinkStatus.CONFIRMED
    assert crosswalk_industries_for_occupations([nurse.pk])[nurse.pk][0][2] == "curated"


def test_a_rejected_pair_is_never_proposed_again(nurse, staff_user):
    link = IndustryLink.objects.get(occupation=nurse, industry__code="84")

    industry_link_review(actor=staff_user, link=link, decision="reject")
    industry_links_infer(occupation_ids=[nurse.pk])

    assert list(
        IndustryLink.objects.filter(occupation=nurse, industry__code="84").values_list(
            "status", flat=True
        )
    ) == [LinkStatus.REJECTED]
    assert nurse.pk not in crosswalk_industries_for_occupations([nurse.pk])


def test_only_staff_may_review(nurse, outsider):
    link = IndustryLink.objects.get(occupation=nurse, industry__code="84")

    with pytest.raises(PermissionDeniedError):
        industry_link_review(actor=outsider, link=link, decision="confirm")

    link.refresh_from_db()
    assert link.status == LinkStatus.PROPOSED


def test_curated_links_are_not_reviewed(nurse, staff_user):
    link = industry_link_add(
        actor=staff_user, occupation=nurse, industry=Industry.objects.get(code="85"), note="社工"
    )

    with pytest.raises(ApplicationError, match="只有推断的对应关系"):
        industry_link_review(actor=staff_user, link=link, decision="confirm")


def test_review_page_lists_and_confirms_inferred_industries(client, nurse, staff_user):
    link = IndustryLink.objects.get(occupation=nurse, industry__code="84")
    client.force_login(staff_user)

    html = client.get("/crosswalk/review/?kind=industry").content.decode()
    response = client.post(
        f"/crosswalk/industry-links/{link.pk}/review/confirm/",
        {"next": "/crosswalk/review/?kind=industry"},
    )

    assert f"{nurse.code} {nurse.name}" in html
    assert "84 卫生" in html
    assert response.status_code == 302
    assert response["Location"] == "/crosswalk/review/?kind=industry"
    link.refresh_from_db()
    assert link.status == LinkStatus.CONFIRMED


def test_occupation_page_offers_review_of_proposed_industries(client, nurse, staff_user):
    client.force_login(staff_user)

    html = client.get(f"/crosswalk/occupations/{nurse.pk}/").content.decode()

    proposed = IndustryLink.objects.filter(occupation=nurse, status=LinkStatus.PROPOSED).count()
    assert html.count(">确认</button>") == proposed
    assert "推断（待确认）" in html
