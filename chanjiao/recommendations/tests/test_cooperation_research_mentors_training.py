"""Schools/majors for cooperation, institutions for R&D, mentors both ways, training offers."""

from chanjiao.accounts.models import Role
from chanjiao.accounts.tests.factories import MembershipFactory, UserFactory
from chanjiao.organizations.models import OrganizationType
from chanjiao.organizations.tests.factories import OrganizationFactory


def _items(client, listing):
    response = client.get(f"/api/v1/recommendations/listings/{listing.pk}/")
    assert response.status_code == 200
    return response.json()["items"]


def test_cooperation_need_gets_school_majors(
    client_for, recruiter, enterprise, publish, school_major, wuzhou_school
):
    need = publish(
        "cooperation",
        recruiter,
        enterprise,
        title="数控车工订单班",
        major_codes="460104",
        occupation_code="6-18-01-01",
    )

    items = _items(client_for(recruiter), need)

    assert items[0]["target_type"] == "school_major"
    assert items[0]["target_id"] == school_major.pk
    assert items[0]["title"] == "梧州职业学院 · 机械制造及自动化（460104）"
    assert items[0]["reasons"][:2] == ["专业匹配：机械制造及自动化（460104）", "同区县"]


def test_rnd_need_gets_institutes_and_tech_services(
    client_for, recruiter, enterprise, publish, institute, school_teacher, wuzhou_school
):
    service = publish(
        "tech_service",
        school_teacher,
        wuzhou_school,
        title="茶叶深加工检测服务",
        equipment="茶叶成分检测、气相色谱仪",
    )
    need = publish("rnd", recruiter, enterprise, title="六堡茶深加工工艺研发")

    items = _items(client_for(recruiter), need)

    by_target = {(i["target_type"], i["target_id"]): i for i in items}
    assert ("listing", service.pk) in by_target
    assert ("organization", institute.pk) in by_target
    institute_reasons = by_target[("organization", institute.pk)]["reasons"]
    assert any(r.startswith("技能重合：") and "深加工" in r for r in institute_reasons)
    assert "同城" in institute_reasons


def test_tech_service_offer_gets_rnd_needs(
    client_for, recruiter, enterprise, publish, school_teacher, wuzhou_school
):
    need = publish("rnd", recruiter, enterprise, title="茶叶深加工工艺研发")
    service = publish("tech_service", school_teacher, wuzhou_school, title="茶叶深加工检测服务")

    items = _items(client_for(school_teacher), service)

    assert [i["target_id"] for i in items] == [need.pk]
    assert "梧州市重点产业：六堡茶" in items[0]["reasons"]


def test_mentor_need_and_offer_find_each_other(
    client_for, recruiter, enterprise, publish, school_teacher, wuzhou_school
):
    offer = publish("mentor", recruiter, enterprise, title="六堡茶制作技艺专家", direction="supply")
    need = publish(
        "mentor",
        school_teacher,
        wuzhou_school,
        title="聘请六堡茶制作技艺兼职教师",
        direction="demand",
        expertise="六堡茶制作技艺",
    )

    to_school = _items(client_for(school_teacher), need)
    to_expert = _items(client_for(recruiter), offer)

    assert [i["target_id"] for i in to_school] == [offer.pk]
    # 六堡茶制作技艺 is a field, not a vocabulary skill: it is named as 领域相关.
    assert any("六堡茶" in r for r in to_school[0]["reasons"] if r.startswith("领域相关："))
    assert "梧州市重点产业：六堡茶" in to_school[0]["reasons"]
    assert [i["target_id"] for i in to_expert] == [need.pk]


def test_training_need_gets_training_offers(client_for, recruiter, enterprise, publish, wuzhou):
    provider = OrganizationFactory(
        name="梧州职业技能培训中心", org_type=OrganizationType.TRAINING_PROVIDER, region=wuzhou
    )
    trainer = UserFactory(username="trainer")
    MembershipFactory(user=trainer, organization=provider, role=Role.INFO_OFFICER)
    course = publish(
        "training", trainer, provider, title="数控车工技能培训", occupation_code="6-18-01-01"
    )
    other = publish("training", trainer, provider, title="茶艺师培训", occupation_code="4-03-02-07")
    need = publish(
        "training",
        recruiter,
        enterprise,
        title="车间数控车工培训需求",
        direction="demand",
        occupation_code="6-18-01-01",
    )

    items = _items(client_for(recruiter), need)

    assert [i["target_id"] for i in items][0] == course.pk
    assert items[0]["reasons"][0] == "职业匹配：车工（6-18-01-01）"
    assert other.pk in [i["target_id"] for i in items[1:]]
