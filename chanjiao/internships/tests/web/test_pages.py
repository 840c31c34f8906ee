"""The internship pages through HTTP, for each role: who sees which page and button, refusals
shown with their article, and each box's POST (then redirect back)."""

import datetime

import pytest
from django.urls import reverse

from chanjiao.internships.models import (
    Agreement,
    Alert,
    Incident,
    IncidentState,
    InsurancePolicy,
    Placement,
    PlacementState,
    WeeklyLog,
)
from chanjiao.internships.services import agreement_create
from chanjiao.internships.tests.conftest import END, START
from chanjiao.listings.tests.factories import listing_make, reviewer_for
from chanjiao.subscriptions.models import Notification

pytestmark = pytest.mark.django_db
LIST = reverse("internships:list")
NEW = reverse("internships:new")


def _detail(placement):
    return reverse("internships:detail", args=[placement.pk])


def _page(client, user, url, **params):
    client.force_login(user)
    return client.get(url, params)


def _form(student_id, **changes):
    body = {
        "enterprise": "",
        "students": [student_id],
        "kind": "post",
        "post_name": "茶叶加工",
        "address": "梧州市万秀区工业园",
        "venue_description": "生产车间",
        "start_date": START.isoformat(),
        "end_date": END.isoformat(),
        "daily_hours": "8",
        "weekly_hours": "40",
        "monthly_pay": "2400",
        "probation_wage": "3000",
        "post_staff_count": "50",
    }
    body.update(changes)
    return body


@pytest.fixture
def post(unit, recruiter, wuzhou_gov):
    return listing_make(
        kind="internship",
        author=recruiter,
        organization=unit,
        reviewer=reviewer_for(wuzhou_gov),
        overrides={"title": "茶叶加工实习生", "quantity": 5},
    )


def test_list_shows_names_as_each_role_may(
    client, placement, school_admin, recruiter, intern, wuzhou_officer, outsider
):
    for user, shown in [(school_admin, "王小明"), (intern, "王小明"), (wuzhou_officer, "王小明")]:
        page = _page(client, user, LIST).content.decode()
        assert shown in page
        assert placement.enterprise.name in page
    page = _page(client, recruiter, LIST).content.decode()
    assert "王**" in page
    assert "王小明" not in page
    page = _page(client, outsider, LIST).content.decode()
    assert "还没有实习安排" in page
    assert "王" not in page.split("<main")[1]


def test_list_filters_and_sorting(client, placement, school_admin):
    page = _page(client, school_admin, LIST, status="active").content.decode()
    assert "没有符合条件的实习安排" in page
    page = _page(client, school_admin, LIST, q="六堡", year=START.year, sort="end").content
    assert "王小明" in page.decode()
    page = _page(client, school_admin, LIST, year=START.year + 1).content.decode()
    assert "王小明" not in page


def test_anonymous_is_sent_to_login(client, placement):
    response = client.get(_detail(placement))
    assert response.status_code == 302
    assert reverse("web:login") in response["Location"]


def test_detail_404_for_outsider_and_other_bureau(
    client, placement, outsider, shuangyashan_officer
):
    assert _page(client, outsider, _detail(placement)).status_code == 404
    assert _page(client, shuangyashan_officer, _detail(placement)).status_code == 404


def test_detail_buttons_per_role(client, placement, school_admin, recruiter, intern):
    school = _page(client, school_admin, _detail(placement)).content.decode()
    assert "生成三方协议" in school
    assert "取消</button>" in school
    # The school sees the phone masked, with the audited reveal (test_phone_reveal.py).
    assert "13711112222" not in school
    assert "查看完整手机号" in school
    enterprise = _page(client, recruiter, _detail(placement)).content.decode()
    assert "生成三方协议</button>" not in enterprise
    assert "取消</button>" not in enterprise
    assert "王**" in enterprise
    assert "13711112222" not in enterprise
    assert "查看完整手机号" not in enterprise
    student = _page(client, intern, _detail(placement)).content.decode()
    assert "生成三方协议</button>" not in student
    assert "开始实习</button>" not in student


def test_new_page_only_for_school_prefilled_from_post(
    client, school_admin, recruiter, intern, post
):
    assert _page(client, recruiter, NEW).status_code == 403
    page = _page(client, school_admin, NEW, listing=post.pk).content.decode()
    assert 'value="茶叶加工实习生"' in page
    assert f'<option value="{post.pk}" selected>' in page
    assert "王小明" in page
    assert "招聘专员" in page  # the enterprise's members are offered as mentors


def test_new_placement_from_post_redirects_to_it(client, school_admin, intern, post, recruiter):
    client.force_login(school_admin)
    body = _form(intern.pk, listing=post.pk, enterprise_mentor=recruiter.pk)
    response = client.post(f"{NEW}?listing={post.pk}", body)
    placement = Placement.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _detail(placement)
    assert placement.listing == post
    assert placement.enterprise == post.organization
    assert placement.source == "listing"
    assert placement.enterprise_mentor == recruiter


def test_new_placement_group_of_two(client, school_admin, intern, unit, wuzhou_school):
    from chanjiao.students.tests.factories import StudentProfileFactory

    other = StudentProfileFactory(
        school=wuzhou_school,
        birth_date=datetime.date(2009, 5, 1),
        enrollment_year=2027,
        user__real_name="李小红",
    ).user
    client.force_login(school_admin)
    response = client.post(
        NEW, {**_form(intern.pk, enterprise=unit.pk), "students": [intern.pk, other.pk]}
    )
    assert response.status_code == 302
    assert response["Location"] == LIST
    assert Placement.objects.count() == 2
    assert len(set(Placement.objects.values_list("batch", flat=True))) == 1


def test_red_line_refusal_shows_article_under_the_field(client, school_admin, intern, unit):
    client.force_login(school_admin)
    response = client.post(NEW, _form(intern.pk, enterprise=unit.pk, daily_hours="9"))
    page = response.content.decode()
    assert response.status_code == 400
    assert "违反《国务院关于职工工作时间的规定》第三条" in page
    field = page.split('id="field-id_daily_hours"')[1].split("</div>")[0]
    assert "errorlist" in field
    assert "第" in field
    assert "条" in field
    assert not Placement.objects.exists()


def test_form_errors_name_the_field(client, school_admin, intern, unit):
    client.force_login(school_admin)
    body = _form(intern.pk, enterprise=unit.pk, post_name="", start_date="明天")
    page = client.post(NEW, body).content.decode()
    assert "请填写实习岗位名称。" in page
    assert "开始日期格式不对。" in page
    page = client.post(NEW, _form(intern.pk)).content.decode()
    assert "请选择实习岗位，或选择实习单位。" in page


def test_agreement_through_the_pages(client, placement, school_admin, recruiter, intern):
    client.force_login(school_admin)
    client.post(reverse("internships:agreement-create", args=[placement.pk]))
    agreement = Agreement.objects.get()
    page = client.get(_detail(placement)).content.decode()
    assert "以学校身份确认" in page
    assert "以实习单位身份确认" not in page
    confirm = reverse("internships:agreement-confirm", args=[placement.pk])
    refused = client.post(confirm, {"role": "enterprise"}, follow=True).content.decode()
    assert "您不能代表“实习单位”确认该协议。" in refused
    client.post(confirm, {"role": "school"})
    client.force_login(recruiter)
    assert "以实习单位身份确认" in client.get(_detail(placement)).content.decode()
    client.post(confirm, {"role": "enterprise"})
    client.force_login(intern)
    client.post(confirm, {"role": "student"})
    placement.refresh_from_db()
    assert placement.status == PlacementState.SIGNED
    assert agreement.signatories.filter(confirmed_at__isnull=True).count() == 0


def test_guardian_confirmation_recorded_by_school_with_name(
    client, placement, school_admin, intern
):
    profile = intern.student_profile
    profile.birth_date = datetime.date(2013, 1, 1)  # 17 on the start date
    profile.save()
    agreement_create(actor=school_admin, placement=placement)
    client.force_login(school_admin)
    page = client.get(_detail(placement)).content.decode()
    assert "记录监护人确认" in page
    confirm = reverse("internships:agreement-confirm", args=[placement.pk])
    missing = client.post(confirm, {"role": "guardian"}, follow=True).content.decode()
    assert "记录监护人确认时必须填写监护人姓名。" in missing
    client.post(confirm, {"role": "guardian", "guardian_name": "王大明"})
    assert Agreement.objects.get().signatories.get(role="guardian").signer_name == "王大明"
    assert "监护人：王大明" in client.get(_detail(placement)).content.decode()


def test_start_refused_with_article_then_insurance_then_start(
    client, placement, school_admin, recruiter, intern
):
    client.force_login(school_admin)
    step = reverse("internships:transition", args=[placement.pk])
    refused = client.post(step, {"name": "start"}, follow=True).content.decode()
    assert "不能开始实习" in refused
    assert "违反《职业学校学生实习管理规定》" in refused
    insurance = reverse("internships:insurance", args=[placement.pk])
    body = {
        "kind": "liability",
        "insurer": "人保财险",
        "policy_number": "P-9",
        "start_date": START.isoformat(),
        "end_date": END.isoformat(),
        "placements": [placement.pk],
    }
    client.force_login(recruiter)
    assert client.post(insurance, body).status_code == 302
    assert InsurancePolicy.objects.get().placements.get() == placement
    page = client.get(_detail(placement)).content.decode()
    assert "P-9" in page


def test_weekly_log_alert_and_resolve(client, running, intern, school_admin):
    client.force_login(intern)
    page = client.get(_detail(running)).content.decode()
    assert "提交周志" in page
    log = reverse("internships:log", args=[running.pk])
    body = {"week_start": "2030-03-04", "content": "学习制茶", "hours_worked": "41"}
    assert client.post(log, body).status_code == 302
    assert WeeklyLog.objects.count() == 1
    alert = Alert.objects.get()
    again = client.post(log, body, follow=True).content.decode()
    assert "本周的周志已填写" in again
    client.force_login(school_admin)
    alerts = client.get(reverse("internships:alerts")).content.decode()
    assert alert.message in alerts
    client.post(reverse("internships:alert-resolve", args=[alert.pk]), {"note": "已约谈"})
    alert.refresh_from_db()
    assert alert.resolved_by == school_admin
    assert "没有未处理的预警" in client.get(reverse("internships:alerts")).content.decode()


def test_mentor_comments_a_log(client, running, intern, enterprise_mentor):
    client.force_login(intern)
    body = {"week_start": "2030-03-04", "content": "学习制茶", "hours_worked": "38"}
    client.post(reverse("internships:log", args=[running.pk]), body)
    log = WeeklyLog.objects.get()
    client.force_login(enterprise_mentor)
    assert "保存评语" in client.get(_detail(running)).content.decode()
    client.post(reverse("internships:comment", args=[log.pk]), {"body": "很认真"})
    assert "企业指导教师点评：很认真" in client.get(_detail(running)).content.decode()


def test_incident_reaches_bureau_who_handles_it(client, running, intern, wuzhou_officer, recruiter):
    client.force_login(intern)
    body = {"kind": "injury", "occurred_on": "2030-04-01", "description": "手被烫伤"}
    client.post(reverse("internships:incident", args=[running.pk]), body)
    incident = Incident.objects.get()
    notice = Notification.objects.get(user=wuzhou_officer, category="internship")
    assert notice.url == _detail(running)
    client.force_login(recruiter)
    assert "标记为已处理" not in client.get(_detail(running)).content.decode()
    client.force_login(wuzhou_officer)
    page = client.get(_detail(running)).content.decode()
    assert "手被烫伤" in page
    assert "标记为已处理" in page
    step = reverse("internships:incident-step", args=[incident.pk])
    empty = client.post(step, {"name": "handle", "note": ""}, follow=True).content.decode()
    assert "请填写处理说明。" in empty
    client.post(step, {"name": "handle", "note": "已联系企业"})
    incident.refresh_from_db()
    assert incident.status == IncidentState.HANDLED


def test_evaluation_after_the_end(client, running, school_admin, intern):
    client.force_login(school_admin)
    assert "提交评价" not in client.get(_detail(running)).content.decode()
    client.post(reverse("internships:transition", args=[running.pk]), {"name": "complete"})
    assert "提交评价" in client.get(_detail(running)).content.decode()
    client.post(
        reverse("internships:evaluation", args=[running.pk]),
        {"direction": "school_to_student", "score": "5", "comment": "优秀"},
    )
    page = client.get(_detail(running)).content.decode()
    assert "学校评价学生：5 分" in page
    assert "提交评价" not in page


def test_listing_panel_for_school_members_only(client, post, school_admin, recruiter):
    url = reverse("listings:detail", args=[post.kind, post.pk])
    page = _page(client, school_admin, url).content.decode()
    assert f"{NEW}?listing={post.pk}" in page
    assert "安排学生实习" not in _page(client, recruiter, url).content.decode()
