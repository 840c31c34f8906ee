"""Which users a viewer may see: self, the members and students of what the viewer administers."""

import pytest
from django.contrib.auth.models import AnonymousUser

from chanjiao.accounts.selectors import users_visible_to

pytestmark = pytest.mark.django_db


def test_an_officer_sees_members_and_students_of_organisations_in_the_region(
    wuzhou_officer, recruiter, student, school_admin, shuangyashan_officer, outsider
):
    visible = set(users_visible_to(wuzhou_officer))
    assert {wuzhou_officer, recruiter, student, school_admin} <= visible
    assert shuangyashan_officer not in visible
    assert outsider not in visible


def test_an_organisation_admin_sees_its_members_only(
    enterprise_admin, recruiter, school_admin, student, wuzhou_officer
):
    visible = set(users_visible_to(enterprise_admin))
    assert visible == {enterprise_admin, recruiter}


def test_a_school_admin_sees_the_school_s_students(school_admin, student, recruiter):
    assert set(users_visible_to(school_admin)) == {school_admin, student}


def test_an_information_officer_sees_only_themselves(recruiter, enterprise_admin):
    assert set(users_visible_to(recruiter)) == {recruiter}


def test_staff_see_everyone_and_anonymous_no_one(staff_user, recruiter):
    assert recruiter in set(users_visible_to(staff_user))
    assert not users_visible_to(AnonymousUser()).exists()
