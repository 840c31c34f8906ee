"""普陀: the district's bureau (a 审核员, a 政府管理员), an enterprise of the district with its
机构管理员, a 北京 政府管理员; the shipped localities and programmes loaded."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from chanjiao.accounts.models import Role
from chanjiao.accounts.tests.factories import MembershipFactory, UserFactory
from chanjiao.catalogs.models import Region
from chanjiao.localities.models import Locality
from chanjiao.localities.services import localities_load_default
from chanjiao.organizations.tests.factories import EnterpriseFactory, GovernmentFactory
from chanjiao.recognition.models import Programme
from chanjiao.recognition.services import programmes_load_default

BASE = "/api/v1/recognition/"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def loaded(catalogs):
    localities_load_default()
    programmes_load_default()


@pytest.fixture
def putuo(loaded):
    return Locality.objects.select_related("region").get(name="普陀区")


@pytest.fixture
def programme(putuo):
    return Programme.objects.get(locality=putuo, key="city-integration-enterprise")


@pytest.fixture
def putuo_gov(putuo):
    return GovernmentFactory(name="普陀区教育局", region=putuo.region)


def _member(username, org, role, real_name=""):
    user = UserFactory(username=username, real_name=real_name or username)
    MembershipFactory(user=user, organization=org, role=role)
    return user


@pytest.fixture
def district_reviewer(putuo_gov):
    """初审: a 审核员 of the district bureau."""
    return _member("pt_reviewer", putuo_gov, Role.REVIEWER, "区审核员")


@pytest.fixture
def locality_admin(putuo_gov):
    """复核, 公示, 认定: a 政府管理员 of 普陀."""
    return _member("pt_admin", putuo_gov, Role.GOV_ADMIN, "区政府管理员")


@pytest.fixture
def pt_enterprise(putuo):
    return EnterpriseFactory(name="上海普陀智造有限公司", region=putuo.region)


@pytest.fixture
def pt_applicant(pt_enterprise):
    return _member("pt_applicant", pt_enterprise, Role.ORG_ADMIN, "企业管理员")


@pytest.fixture
def beijing_admin(loaded):
    gov = GovernmentFactory(name="北京市发展和改革委员会", region=Region.objects.get(code="11"))
    return _member("bj_admin", gov, Role.GOV_ADMIN, "北京官员")


def apply(client, recognition_id, statement="申报说明"):
    url = f"{BASE}recognitions/{recognition_id}/apply/"
    return client.post(url, {"statement": statement}, format="json")


def step(client, recognition_id, name, reason=""):
    return client.post(
        f"{BASE}recognitions/{recognition_id}/transitions/",
        {"name": name, "reason": reason},
        format="json",
    )


def full_scores(client, recognition_id, score=8):
    detail = client.get(f"{BASE}recognitions/{recognition_id}/").json()
    return [
        {"condition": item["condition"]["id"], "score": min(score, item["condition"]["max_score"])}
        for item in detail["evidence"]
    ]


def walk_to(state, *, client_for, recognition_id, applicant, reviewer, admin):
    """Move a reserved recognition through the API to ``state`` (submitted … certified)."""
    order = ["submitted", "preliminary", "reviewed", "notice", "certified"]
    target = order.index(state)
    a, r, m = client_for(applicant), client_for(reviewer), client_for(admin)
    a.post(f"{BASE}recognitions/{recognition_id}/apply/", {"statement": "申报说明"}, format="json")
    if target >= 1:
        assert step(r, recognition_id, "preliminary", "材料齐全").status_code == 200
    if target >= 2:
        scores = full_scores(m, recognition_id)
        body = {"scores": scores, "comment": "符合条件"}
        response = m.post(f"{BASE}recognitions/{recognition_id}/review/", body, format="json")
        assert response.status_code == 200, response.json()
    if target >= 3:
        assert step(m, recognition_id, "publish").status_code == 200
    if target >= 4:
        later = timezone.now() + datetime.timedelta(days=10)
        with time_machine.travel(later, tick=False):
            # A fresh sign-in: the session from before the notice period has timed out.
            assert step(client_for(admin), recognition_id, "certify").status_code == 200
