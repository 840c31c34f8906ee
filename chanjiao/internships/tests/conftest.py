"""A 梧州 school with a student of 18, an enterprise of 1000 staff, and a valid placement input."""

import datetime

import pytest

from chanjiao.accounts.models import Role
from chanjiao.accounts.tests.factories import MembershipFactory, UserFactory
from chanjiao.internships.services import (
    InsuranceInput,
    agreement_confirm,
    agreement_create,
    insurance_create,
    placement_create,
    placement_transition,
)
from chanjiao.internships.services.placements import PlacementInput, StudentEntry

START = datetime.date(2030, 3, 4)
END = datetime.date(2030, 6, 28)
URL = "/api/v1/internships/placements/"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def unit(enterprise):
    enterprise.employee_count = 1000
    enterprise.is_above_designated_size = True
    enterprise.save()
    return enterprise


@pytest.fixture
def intern(student):
    profile = student.student_profile
    profile.birth_date = datetime.date(2010, 1, 1)  # 20 on the start date
    profile.enrollment_year = 2027
    profile.save()
    student.real_name = "王小明"
    student.phone = "13711112222"
    student.save()
    return student


@pytest.fixture
def enterprise_mentor(unit):
    user = UserFactory(username="mentor_e", real_name="企业导师")
    MembershipFactory(user=user, organization=unit, role=Role.REVIEWER)
    return user


def payload(student_id, unit_id, **changes):
    body = {
        "students": [{"student": student_id}],
        "enterprise": unit_id,
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
        "post_staff_count": 50,
    }
    body.update(changes)
    return body


def values(**changes):
    base = {
        "kind": "post",
        "post_name": "茶叶加工",
        "address": "梧州市万秀区工业园",
        "venue_description": "生产车间",
        "start_date": START,
        "end_date": END,
        "daily_hours": 8,
        "weekly_hours": 40,
        "monthly_pay": 2400,
        "probation_wage": 3000,
        "post_staff_count": 50,
    }
    base.update(changes)
    return PlacementInput(**base)


@pytest.fixture
def placement(school_admin, intern, unit, enterprise_mentor):
    return placement_create(
        actor=school_admin,
        values=values(enterprise_mentor=enterprise_mentor),
        students=[StudentEntry(student=intern)],
        enterprise=unit,
    )[0]


@pytest.fixture
def running(placement, school_admin, recruiter, intern):
    """The placement signed by all three, insured, started."""
    agreement_create(actor=school_admin, placement=placement)
    agreement_confirm(actor=intern, placement=placement, role="student")
    agreement_confirm(actor=school_admin, placement=placement, role="school")
    agreement_confirm(actor=recruiter, placement=placement, role="enterprise")
    insurance_create(
        actor=school_admin,
        values=InsuranceInput("liability", "人保财险", "P-1", START, END),
        placements=[placement],
    )
    return placement_transition(actor=school_admin, placement=placement, name="start")
