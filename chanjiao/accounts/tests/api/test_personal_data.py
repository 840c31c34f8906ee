import pytest
from django.contrib.auth.models import Permission

from chanjiao.audit.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_members_list_masks_phone_and_id_number(
    client_for, enterprise_admin, recruiter, enterprise
):
    response = client_for(enterprise_admin).get(
        f"/api/v1/organizations/{enterprise.pk}/memberships/"
    )
    assert response.status_code == 200
    member = next(
        r["user"] for r in response.json()["results"] if r["user"]["username"] == "recruiter"
    )
    assert member["phone"] == "138****5678"
    assert member["id_number"] == "4504**********1234"
    assert "13812345678" not in response.content.decode()


def test_user_detail_is_masked_even_for_the_person(client_for, recruiter):
    body = client_for(recruiter).get(f"/api/v1/users/{recruiter.pk}/").json()
    assert body["phone"] == "138****5678"


def test_reveal_requires_the_right_and_is_audited(client_for, enterprise_admin, recruiter):
    url = f"/api/v1/users/{recruiter.pk}/reveal/"
    denied = client_for(enterprise_admin).post(url, {"field": "phone"}, format="json")
    assert denied.status_code == 403
    assert "13812345678" not in denied.content.decode()
    assert AuditEvent.objects.get(action="personal_data.reveal").result == "denied"

    enterprise_admin.user_permissions.add(Permission.objects.get(codename="view_personal_data"))
    allowed = client_for(enterprise_admin).post(url, {"field": "phone"}, format="json")

    assert allowed.status_code == 200
    assert allowed.json() == {"field": "phone", "value": "13812345678"}
    event = AuditEvent.objects.get(action="personal_data.reveal", result="success")
    assert (event.actor_id, event.target_id, event.changes) == (
        enterprise_admin.pk,
        str(recruiter.pk),
        {"field": "phone"},
    )


def test_the_person_may_reveal_their_own_number(client_for, recruiter):
    response = client_for(recruiter).post(
        f"/api/v1/users/{recruiter.pk}/reveal/", {"field": "phone"}, format="json"
    )
    assert response.json()["value"] == "13812345678"
    assert AuditEvent.objects.filter(action="personal_data.reveal", result="success").count() == 1


def test_users_outside_ones_organisations_are_invisible(
    client_for, enterprise_admin, other_enterprise
):
    from chanjiao.accounts.tests.factories import MembershipFactory, UserFactory

    stranger = UserFactory(username="stranger")
    MembershipFactory(user=stranger, organization=other_enterprise)
    assert client_for(enterprise_admin).get(f"/api/v1/users/{stranger.pk}/").status_code == 404
    reveal = client_for(enterprise_admin).post(
        f"/api/v1/users/{stranger.pk}/reveal/", {"field": "id_number"}, format="json"
    )
    assert reveal.status_code == 404


def test_reveal_rejects_an_unknown_field(client_for, recruiter):
    response = client_for(recruiter).post(
        f"/api/v1/users/{recruiter.pk}/reveal/", {"field": "password"}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["extra"]["fields"]["field"] == [
        "只能查看 phone（手机号）或 id_number（身份证号）。"
    ]


def test_me_lists_roles_and_governed_regions(client_for, wuzhou_officer):
    body = client_for(wuzhou_officer).get("/api/v1/me").json()
    assert body["governed_region_codes"] == ["4504"]
    assert body["memberships"][0]["role_label"] == "政府管理员"


def test_me_needs_a_signed_in_user(api_client):
    response = api_client.get("/api/v1/me/")
    assert response.status_code == 403
    assert response.json()["message"] == "请先登录。"
