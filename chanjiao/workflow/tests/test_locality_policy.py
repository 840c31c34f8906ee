"""The localities app's one lookup and one permission policy."""

import pytest

from chanjiao.accounts.models import Role
from chanjiao.accounts.tests.factories import MembershipFactory, UserFactory
from chanjiao.common.exceptions import NotFoundError
from chanjiao.localities.models import Locality
from chanjiao.localities.permissions import user_can_manage_locality, user_is_locality_officer
from chanjiao.localities.selectors import locality_find

pytestmark = pytest.mark.django_db


@pytest.fixture
def wuzhou_locality(wuzhou):
    return Locality.objects.create(name="梧州市", region=wuzhou, document_title="测试文件")


def test_a_locality_is_found_by_name_code_or_id(wuzhou_locality):
    assert locality_find("梧州市") == wuzhou_locality
    assert locality_find(" 4504 ") == wuzhou_locality
    assert locality_find(str(wuzhou_locality.pk)) == wuzhou_locality
    assert locality_find(wuzhou_locality.pk) == wuzhou_locality
    with pytest.raises(NotFoundError, match="未找到地区“火星市”"):
        locality_find("火星市")


def test_managers_and_officers(wuzhou_locality, wuzhou_officer, wuzhou_gov, staff_user, outsider):
    reviewer = UserFactory(username="wz_reviewer")
    MembershipFactory(user=reviewer, organization=wuzhou_gov, role=Role.REVIEWER)

    assert [
        user_can_manage_locality(u, wuzhou_locality)
        for u in (staff_user, wuzhou_officer, reviewer, outsider, None)
    ] == [True, True, False, False, False]
    assert [
        user_is_locality_officer(u, wuzhou_locality)
        for u in (staff_user, wuzhou_officer, reviewer, outsider, None)
    ] == [True, True, True, False, False]
