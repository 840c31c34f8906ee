"""Every red line at its edge, through the create API."""

import datetime

import pytest

from chanjiao.audit.models import AuditEvent
from chanjiao.internships.models import Placement, PlacementKind
from chanjiao.internships.rules import rule_get
from chanjiao.internships.tests.conftest import END, START, URL, payload

pytestmark = pytest.mark.django_db


def _post(client_for, school_admin, body):
    return client_for(school_admin).post(URL, body, format="json")


def _refused(response, field, key):
    assert response.status_code == 400, response.json()
    body = response.json()
    assert body["extra"]["field"] == field
    assert key in body["extra"]["rules"]
    rule = rule_get(key)
    assert body["message"].startswith(f"违反{rule.citation}：")
    assert rule.label in body["extra"]["fields"][field][0]
    return body


def test_valid_post_internship_is_created_with_history(client_for, school_admin, intern, unit):
    response = _post(client_for, school_admin, payload(intern.pk, unit.pk))
    assert response.status_code == 201, response.json()
    (row,) = response.json()
    assert row["status"] == "planned"
    assert row["student_name"] == "王小明"
    assert AuditEvent.objects.filter(action="placement.create").count() == 1


@pytest.mark.parametrize(
    ("_case", "birth", "kind", "ok"),
    [
        ("15y364d_refused", datetime.date(2014, 3, 5), "follow", False),
        ("exactly_16_allowed", datetime.date(2014, 3, 4), "follow", True),
        ("15y364d_post_refused", datetime.date(2014, 3, 5), "post", False),
        ("cognitive_young_allowed", datetime.date(2015, 1, 1), "cognitive", True),
    ],
)
def test_min_age_edge(client_for, school_admin, intern, unit, _case, birth, kind, ok):
    profile = intern.student_profile
    profile.birth_date = birth
    profile.enrollment_year = 2028 if kind != "post" else 2020
    profile.save()
    response = _post(client_for, school_admin, payload(intern.pk, unit.pk, kind=kind))
    if ok:
        assert response.status_code == 201, response.json()
    else:
        body = _refused(response, "birth_date", "min_age")
        assert "15 周岁" in body["message"]
        assert Placement.objects.count() == 0


def test_missing_birth_date_refused_then_taken_from_input(client_for, school_admin, intern, unit):
    profile = intern.student_profile
    profile.birth_date = None
    profile.save()
    refused = _post(client_for, school_admin, payload(intern.pk, unit.pk, kind="follow"))
    body = _refused(refused, "birth_date", "min_age")
    assert "缺少学生出生日期" in body["message"]
    entry = [{"student": intern.pk, "birth_date": "2010-05-01"}]
    response = _post(
        client_for, school_admin, payload(intern.pk, unit.pk, kind="follow", students=entry)
    )
    assert response.status_code == 201, response.json()
    profile.refresh_from_db()
    assert profile.birth_date == datetime.date(2010, 5, 1)


def _existing_post_interns(intern, unit, count, post_name="其他岗位"):
    Placement.objects.bulk_create(
        Placement(
            student=intern,
            school=intern.student_profile.school,
            enterprise=unit,
            source="school",
            kind=PlacementKind.POST,
            post_name=post_name,
            address="x",
            start_date=START,
            end_date=END,
            daily_hours=8,
            weekly_hours=40,
        )
        for _ in range(count)
    )


@pytest.mark.parametrize(
    ("_case", "existing", "ok"), [("10_percent", 99, True), ("10_1", 100, False)]
)
def test_unit_share_edge(client_for, school_admin, intern, unit, _case, existing, ok):
    _existing_post_interns(intern, unit, existing)
    response = _post(client_for, school_admin, payload(intern.pk, unit.pk))
    if ok:
        assert response.status_code == 201, response.json()
    else:
        body = _refused(response, "enterprise", "unit_share")
        assert "101" in body["message"]


@pytest.mark.parametrize(("_case", "existing", "ok"), [("20_percent", 1, True), ("30", 2, False)])
def test_post_share_edge(client_for, school_admin, intern, unit, _case, existing, ok):
    _existing_post_interns(intern, unit, existing, post_name="茶叶加工")
    response = _post(client_for, school_admin, payload(intern.pk, unit.pk, post_staff_count=10))
    if ok:
        assert response.status_code == 201, response.json()
    else:
        _refused(response, "post_staff_count", "post_share")


@pytest.mark.parametrize(("_case", "pay", "ok"), [("80", "2400", True), ("79_9", "2397", False)])
def test_pay_floor_edge(client_for, school_admin, intern, unit, _case, pay, ok):
    response = _post(client_for, school_admin, payload(intern.pk, unit.pk, monthly_pay=pay))
    if ok:
        assert response.status_code == 201, response.json()
    else:
        body = _refused(response, "monthly_pay", "pay_floor")
        assert body["message"].startswith("违反《职业学校学生实习管理规定》第十八条：")


@pytest.mark.parametrize(
    ("_case", "field", "value", "key", "ok"),
    [
        ("week_40", "weekly_hours", "40", "weekly_hours", True),
        ("week_41", "weekly_hours", "41", "weekly_hours", False),
        ("day_8", "daily_hours", "8", "daily_hours", True),
        ("day_9", "daily_hours", "9", "daily_hours", False),
    ],
)
def test_hours_edges(client_for, school_admin, intern, unit, _case, field, value, key, ok):
    response = _post(client_for, school_admin, payload(intern.pk, unit.pk, **{field: value}))
    if ok:
        assert response.status_code == 201, response.json()
    else:
        body = _refused(response, field, key)
        # The hours come from the State Council's working-time rules, cited as such.
        assert body["message"].startswith("违反《国务院关于职工工作时间的规定》第三条：")


@pytest.mark.parametrize(
    ("field", "key"),
    [
        ("has_overtime", "no_overtime"),
        ("has_night_shift", "no_night_shift"),
        ("has_holiday_work", "no_holiday_work"),
        ("charges_fees", "no_fees"),
        ("withholds_id_documents", "no_fees"),
        ("via_intermediary", "no_intermediary"),
    ],
)
def test_flags_refused(client_for, school_admin, intern, unit, field, key):
    response = _post(client_for, school_admin, payload(intern.pk, unit.pk, **{field: True}))
    _refused(response, field, key)
    assert Placement.objects.count() == 0


def test_entertainment_venue_refused(client_for, school_admin, intern, unit):
    response = _post(
        client_for, school_admin, payload(intern.pk, unit.pk, venue_description="KTV 包厢服务")
    )
    body = _refused(response, "venue_description", "no_entertainment_venue")
    assert "KTV" in body["message"]


def test_group_creates_one_row_per_student_together(
    client_for, school_admin, intern, unit, wuzhou_school
):
    from chanjiao.students.tests.factories import StudentProfileFactory

    other = StudentProfileFactory(school=wuzhou_school, birth_date=datetime.date(2009, 1, 1)).user
    body = payload(intern.pk, unit.pk, students=[{"student": intern.pk}, {"student": other.pk}])
    response = _post(client_for, school_admin, body)
    assert response.status_code == 201, response.json()
    rows = response.json()
    assert len(rows) == 2
    assert rows[0]["batch"] == rows[1]["batch"] != ""


def test_only_the_school_creates(client_for, recruiter, intern, unit):
    response = client_for(recruiter).post(URL, payload(intern.pk, unit.pk), format="json")
    assert response.status_code == 403
    assert Placement.objects.count() == 0
