"""Government bodies: staff open a locality's top body; a 政府管理员 only bodies below theirs."""

import pytest

from chanjiao.accounts.models import Membership, Role
from chanjiao.audit.models import AuditEvent
from chanjiao.organizations.models import Invitation, Organization
from chanjiao.organizations.selectors import organization_history

pytestmark = pytest.mark.django_db

URL = "/api/v1/government-bodies/"


def test_staff_create_a_top_body_and_invite_its_first_admin(client_for, staff_user, catalogs):
    client = client_for(staff_user)

    response = client.post(URL, {"name": "昆明市教育体育局", "region": "5301"}, format="json")

    assert response.status_code == 201
    body = Organization.objects.get(name="昆明市教育体育局")
    assert (body.org_type, body.region.code, body.is_verified) == ("government", "5301", True)
    assert [r.transition for r in organization_history(body)] == ["verify"]
    invite = client.post(
        f"/api/v1/organizations/{body.pk}/invitations/",
        {"role": "gov_admin", "email": "km@example.cn"},
        format="json",
    )
    assert invite.status_code == 201
    assert Invitation.objects.get().role == Role.GOV_ADMIN


@pytest.mark.parametrize(
    ("region", "expected"),
    [
        ("450403", 201),  # a county under 梧州市: strictly below
        ("4504", 403),  # their own level
        ("45", 403),  # above
        ("2305", 403),  # another city
    ],
)
def test_a_government_admin_creates_bodies_only_below_their_region(
    client_for, wuzhou_officer, region, expected
):
    response = client_for(wuzhou_officer).post(
        URL, {"name": "区教育局", "region": region}, format="json"
    )
    assert response.status_code == expected
    assert Organization.objects.filter(name="区教育局").exists() is (expected == 201)
    if expected == 403:
        assert AuditEvent.objects.get(action="organization.create").result == "denied"


def test_a_government_admin_invites_officers_in_their_region_only(
    client_for, wuzhou_officer, wuzhou_gov, shuangyashan_officer
):
    client = client_for(wuzhou_officer)
    other_body = Membership.objects.get(user=shuangyashan_officer).organization

    inside = client.post(
        f"/api/v1/organizations/{wuzhou_gov.pk}/invitations/", {"role": "reviewer"}, format="json"
    )
    outside = client.post(
        f"/api/v1/organizations/{other_body.pk}/invitations/", {"role": "reviewer"}, format="json"
    )
    wrong_role = client.post(
        f"/api/v1/organizations/{wuzhou_gov.pk}/invitations/",
        {"role": "info_officer"},
        format="json",
    )

    assert inside.status_code == 201
    assert outside.status_code == 403
    assert wrong_role.status_code == 400
    assert Invitation.objects.count() == 1
    assert AuditEvent.objects.get(action="invitation.create", result="denied").actor == (
        wuzhou_officer
    )


def test_the_bodies_listed_are_those_managed(client_for, wuzhou_officer, shuangyashan_officer):
    names = [row["name"] for row in client_for(wuzhou_officer).get(URL).json()["results"]]
    assert names == ["梧州市教育局"]


def test_others_cannot_create_bodies(client_for, enterprise_admin):
    response = client_for(enterprise_admin).post(
        URL, {"name": "假冒教育局", "region": "450403"}, format="json"
    )
    assert response.status_code == 403
    assert not Organization.objects.filter(name="假冒教育局").exists()


def test_the_general_create_endpoint_keeps_the_same_rule(client_for, wuzhou_officer):
    response = client_for(wuzhou_officer).post(
        "/api/v1/organizations/",
        {"name": "梧州市另一个局", "org_type": "government", "region": "4504"},
        format="json",
    )
    assert response.status_code == 403
    assert not Organization.objects.filter(name="梧州市另一个局").exists()
