"""三员分立 in the admin site, and every change made there in the audit log."""

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from chanjiao.accounts.models import Membership, Role, User
from chanjiao.accounts.tests.factories import TEST_PASSWORD, UserFactory
from chanjiao.audit.models import AuditEvent
from chanjiao.organizations.tests.factories import GovernmentFactory


def _signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _user_form(user: User, **changes: object) -> dict[str, object]:
    """The admin change form of an account as it is, with ``changes`` applied."""
    data: dict[str, object] = {
        "username": user.username,
        "real_name": user.real_name,
        "email": user.email,
        "first_name": "",
        "last_name": "",
        "is_active": "on",
        "admin_role": user.admin_role,
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "memberships-MIN_NUM_FORMS": "0",
        "memberships-MAX_NUM_FORMS": "1000",
    }
    data.update(changes)
    return data


@pytest.mark.django_db
def test_security_admin_grants_staff_and_the_change_is_audited(security_admin):
    student = UserFactory(username="student_a")
    response = _signed_in(security_admin).post(
        f"/admin/accounts/user/{student.pk}/change/", _user_form(student, is_staff="on")
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    student.refresh_from_db()
    assert student.is_staff
    event = AuditEvent.objects.get(action="user.rights_change", target_id=str(student.pk))
    assert event.actor_id == security_admin.pk
    assert event.changes["is_staff"] == [False, True]
    assert event.request_path == f"/admin/accounts/user/{student.pk}/change/"


@pytest.mark.django_db
def test_system_admin_cannot_grant_rights_in_the_admin(staff_user):
    student = UserFactory(username="student_b")
    response = _signed_in(staff_user).post(
        f"/admin/accounts/user/{student.pk}/change/",
        _user_form(student, is_staff="on", real_name="改过的名字"),
    )
    assert response.status_code == 302
    student.refresh_from_db()
    assert not student.is_staff  # the rights fields are read-only for the system administrator
    assert student.real_name == "改过的名字"
    assert not AuditEvent.objects.filter(action="user.rights_change").exists()
    event = AuditEvent.objects.get(action="user.update", target_id=str(student.pk))
    assert event.changes["real_name"][1] == "改过的名字"
    assert set(event.changes) == {"real_name"}


@pytest.mark.django_db
def test_no_one_changes_their_own_rights(security_admin):
    response = _signed_in(security_admin).post(
        f"/admin/accounts/user/{security_admin.pk}/change/",
        _user_form(security_admin, admin_role="system"),
    )
    assert response.status_code == 302
    security_admin.refresh_from_db()
    assert security_admin.admin_role == "security"


@pytest.mark.django_db
def test_a_membership_added_in_the_admin_is_audited_like_the_service(security_admin, catalogs):
    student = UserFactory(username="student_c")
    government = GovernmentFactory(name="梧州市人民政府测试")
    response = _signed_in(security_admin).post(
        "/admin/accounts/membership/add/",
        {
            "user": student.pk,
            "organization": government.pk,
            "role": Role.GOV_ADMIN,
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    membership = Membership.objects.get(user=student)
    event = AuditEvent.objects.get(action="membership.add")
    assert (event.actor_id, event.target_id) == (security_admin.pk, str(membership.pk))
    assert event.changes["role"] == [None, Role.GOV_ADMIN]


@pytest.mark.django_db
def test_permissions_granted_in_the_admin_are_audited(security_admin):
    student = UserFactory(username="student_d")
    permission = Permission.objects.get(codename="view_personal_data")
    response = _signed_in(security_admin).post(
        f"/admin/accounts/user/{student.pk}/change/",
        _user_form(student, user_permissions=[permission.pk]),
    )
    assert response.status_code == 302
    assert student.has_perm("accounts.view_personal_data")
    event = AuditEvent.objects.get(action="user.rights_change", target_id=str(student.pk))
    assert event.changes == {"user_permissions": [[], [str(permission)]]}


@pytest.mark.django_db
def test_organisation_changed_in_the_admin_is_audited_like_the_api(staff_user, catalogs):
    government = GovernmentFactory(name="旧名称政府部门")
    client = _signed_in(staff_user)
    page = client.get(f"/admin/organizations/organization/{government.pk}/change/")
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {
        name: ("" if value is None else value)
        for name, value in form.initial.items()
        if name in form.fields and not isinstance(value, list)
    }
    data.update(name="新名称政府部门", region=government.region_id)
    data.update(
        {
            "school_majors-TOTAL_FORMS": "0",
            "school_majors-INITIAL_FORMS": "0",
            "school_majors-MIN_NUM_FORMS": "0",
            "school_majors-MAX_NUM_FORMS": "1000",
        }
    )
    response = client.post(f"/admin/organizations/organization/{government.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    event = AuditEvent.objects.get(action="organization.update", target_id=str(government.pk))
    assert event.changes["name"] == ["旧名称政府部门", "新名称政府部门"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("persona", "audit_log", "accounts", "organizations"),
    [
        ("staff_user", 403, 200, 200),
        ("security_admin", 403, 200, 403),
        ("audit_admin", 200, 403, 403),
    ],
)
def test_each_administrator_sees_only_their_part(
    request, persona, audit_log, accounts, organizations
):
    client = _signed_in(request.getfixturevalue(persona))
    assert client.get("/admin/audit/auditevent/").status_code == audit_log
    assert client.get("/admin/accounts/user/").status_code == accounts
    assert client.get("/admin/organizations/organization/").status_code == organizations


@pytest.mark.django_db
def test_superuser_cannot_reach_the_admin_site_with_a_session_from_the_web(catalogs):
    """A superuser signs in on the command line only: the web login refuses them."""
    root = UserFactory(username="root", is_staff=True, is_superuser=True)
    client = Client()
    response = client.post(
        "/admin/login/?next=/admin/", {"username": root.username, "password": TEST_PASSWORD}
    )
    assert response.status_code == 200  # the form again, not a redirect into the admin
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_the_admin_shows_an_organisations_contact_phone_masked(staff_user, catalogs):
    government = GovernmentFactory(name="联系电话政府部门", contact_phone="13912345678")
    page = _signed_in(staff_user).get(f"/admin/organizations/organization/{government.pk}/change/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "139****5678" in html
    assert "13912345678" not in html
