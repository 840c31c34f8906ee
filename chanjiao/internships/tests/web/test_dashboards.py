"""The school's and the bureau's dashboards: who may open them, and their numbers equal the
records; the 2 % table with its shortfall; the menu and the workbench."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from chanjiao.internships.dashboards import dashboard_figures, school_scope
from chanjiao.internships.models import Alert, Placement
from chanjiao.internships.services import IncidentInput, incident_report
from chanjiao.listings.tests.factories import listing_make, reviewer_for
from chanjiao.localities.services import localities_load_default

pytestmark = pytest.mark.django_db
SCHOOL = reverse("internships:dashboard-school")
BUREAU = reverse("internships:dashboard-bureau")


@pytest.fixture
def localities(catalogs):
    localities_load_default()


def _stat(page, name):
    return int(re.search(rf'id="{name}">(\d+)<', page).group(1))


def _incident(running, intern):
    incident_report(
        actor=intern,
        placement=running,
        values=IncidentInput(kind="injury", description="烫伤", occurred_on=running.start_date),
    )


def test_school_dashboard_numbers_equal_records(client, running, intern, school_admin):
    Alert.objects.create(placement=running, rule_key="weekly_hours", message="超时")
    _incident(running, intern)
    client.force_login(school_admin)
    page = client.get(SCHOOL).content.decode()
    assert _stat(page, "n-current") == Placement.objects.filter(school=running.school).count() == 1
    assert _stat(page, "n-active") == 1
    assert _stat(page, "n-open-alerts") == 1
    assert _stat(page, "n-open-incidents") == 1
    assert "100.0%" in page  # agreement and insurance both cover the one placement
    assert running.enterprise.name in page
    assert "2000—2499 元" in page  # 2400 元/月
    assert "王小明" not in page
    figures = dashboard_figures(school_scope([running.school]))
    assert [(b.label, b.count) for b in figures.pay_bands if b.count] == [("2000—2499 元", 1)]
    assert [(c.label, c.count) for c in figures.by_enterprise] == [(running.enterprise.name, 1)]


def test_school_dashboard_refused_to_others(client, recruiter, intern, outsider):
    for user in (recruiter, intern, outsider):
        client.force_login(user)
        assert client.get(SCHOOL).status_code == 403


def test_bureau_dashboard_and_quota_shortfall(
    client, localities, running, intern, wuzhou_officer, recruiter, wuzhou_gov
):
    listing_make(
        kind="internship",
        author=recruiter,
        organization=running.enterprise,
        reviewer=reviewer_for(wuzhou_gov),
        overrides={"quantity": 5},
    )
    _incident(running, intern)
    client.force_login(wuzhou_officer)
    year = timezone.localdate().year
    page = client.get(BUREAU, {"locality": "梧州市", "year": year}).content.decode()
    assert _stat(page, "n-current") == 1
    assert _stat(page, "n-open-incidents") == 1
    assert running.school.name in page
    table = page.split('id="quota-table"')[1].split("</table>")[0]
    assert running.enterprise.name in table
    # 1000 staff × 2 % = 20 required, 5 offered: 15 short, highlighted.
    assert 'class="shortfall"' in table
    assert '<strong class="is-short">15</strong>' in table


def test_bureau_dashboard_without_parameter_says_so(client, localities, staff_user):
    client.force_login(staff_user)
    page = client.get(BUREAU, {"locality": "双鸭山市"}).content.decode()
    assert "该地区未设定实习岗位比例要求" in page


def test_bureau_dashboard_refused_to_school_and_other_officers(
    client, localities, school_admin, shuangyashan_officer
):
    client.force_login(school_admin)
    assert client.get(BUREAU, {"locality": "梧州市"}).status_code == 403
    client.force_login(shuangyashan_officer)
    assert client.get(BUREAU, {"locality": "梧州市"}).status_code == 403
    assert client.get(BUREAU).status_code == 200  # their own locality


def test_enterprise_sees_its_own_quota_row(client, localities, running, recruiter):
    client.force_login(recruiter)
    page = client.get(reverse("internships:list")).content.decode()
    assert "本单位实习岗位比例" in page
    assert "应提供实习岗位</dt><dd>20 个" in page


def test_menu_and_workbench_tasks(client, placement, school_admin, recruiter, intern):
    from chanjiao.internships.services import agreement_create

    agreement_create(actor=school_admin, placement=placement)
    client.force_login(school_admin)
    home = client.get("/").content.decode()
    assert reverse("internships:list") in home
    assert "本校实习看板" in home
    assert "待确认的三方协议" in home
    assert "未处理的实习预警" in home
    client.force_login(recruiter)
    home = client.get("/").content.decode()
    assert "待确认的三方协议" in home
    assert "未处理的实习预警" not in home
    client.force_login(intern)
    assert "待确认的三方协议" in client.get("/").content.decode()
