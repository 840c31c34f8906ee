"""A copy of my personal information (PIPL Art. 45): mine in full, nobody else's."""

import json

import pytest
from django.test import Client

from chanjiao.accounts.models import Role
from chanjiao.accounts.tests.factories import MembershipFactory, UserFactory
from chanjiao.audit.models import AuditEvent
from chanjiao.listings.services import profile_consent_grant
from chanjiao.listings.tests.factories import listing_make
from chanjiao.selfservice.data_copy import personal_data_copy
from chanjiao.students.tests.factories import StudentProfileFactory
from chanjiao.subscriptions.models import Notification, Subscription

pytestmark = pytest.mark.django_db


@pytest.fixture
def other(catalogs, reviewer, wuzhou_school):
    lisi = UserFactory(
        username="lisi",
        real_name="李四",
        email="lisi@example.cn",
        phone="13600002222",
        id_number="450403199901019999",
    )
    profile = listing_make(
        kind="jobseeker", author=lisi, reviewer=reviewer, overrides={"title": "李四的求职意向"}
    )
    profile_consent_grant(actor=lisi, profile=profile, organization=wuzhou_school)
    Subscription.objects.create(user=lisi, name="李四的订阅")
    return lisi


@pytest.fixture
def full_person(person, job_profile, enterprise, wuzhou_school):
    MembershipFactory(user=person, organization=enterprise, role=Role.INFO_OFFICER)
    StudentProfileFactory(user=person, school=wuzhou_school, skills="数控车床")
    profile_consent_grant(actor=person, profile=job_profile, organization=enterprise)
    Subscription.objects.create(user=person, name="数控岗位")
    Notification.objects.create(user=person, title="有新岗位")
    return person


def test_download_holds_my_data_and_no_one_elses(full_person, other):
    client = Client()
    client.force_login(full_person)
    page = client.get("/account/data/")
    assert "下载个人信息副本" in page.content.decode()

    response = client.post("/account/data/download/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    text = response.content.decode("utf-8")
    assert "张三" in text  # Chinese as it is, not escaped
    copy = json.loads(text)
    account = copy["账号"]
    assert account["用户名"] == "zhangsan"
    assert account["手机号"] == "13912345678"
    assert account["身份证号"] == "450403200001011234"
    assert account["电子邮箱"] == "zhangsan@example.cn"
    assert [m["机构"] for m in copy["机构成员身份"]] == ["梧州六堡茶业有限公司"]
    assert copy["学生档案"]["学校"] == "梧州职业学院"
    assert copy["学生档案"]["技能"] == "数控车床"
    assert [item["标题"] for item in copy["发布的信息"]] == ["求职：数控车工"]
    assert "13700001111" in copy["发布的信息"][0]["类型专有字段"]["resume"]
    assert [c["授权单位"] for c in copy["个人信息授权"]] == ["梧州六堡茶业有限公司"]
    assert [s["名称"] for s in copy["订阅"]] == ["数控岗位"]
    assert [n["标题"] for n in copy["站内信"]] == ["有新岗位"]
    assert copy["登录记录"][0]["事件"] == "登录"
    for foreign in (
        "李四",
        "lisi",
        "13600002222",
        "450403199901019999",
        "李四的订阅",
        "李四的求职意向",
    ):
        assert foreign not in text
    event = AuditEvent.objects.get(action="personal_data.export")
    assert event.actor_id == full_person.pk
    assert "13912345678" not in json.dumps(event.changes)


def test_copy_of_a_person_with_nothing_else(person):
    copy = personal_data_copy(person)
    assert copy["学生档案"] is None
    assert copy["机构成员身份"] == []
    assert copy["发布的信息"] == []
    assert copy["账号"]["姓名"] == "张三"
    assert not AuditEvent.objects.filter(action="personal_data.export").exists()


def test_download_needs_post_and_sign_in(person_client):
    assert person_client.get("/account/data/download/").status_code == 405
    assert Client().post("/account/data/download/").status_code == 302
    assert not AuditEvent.objects.filter(action="personal_data.export").exists()
