"""The catalogue admin is read-mostly: staff browse and retire concepts, never delete them."""

import pytest

from chanjiao.accounts.tests.factories import UserFactory
from chanjiao.catalogs.models import Industry, Major, MajorOccupationLink, Region

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, catalogs):
    client.force_login(UserFactory(username="system_admin", is_staff=True))
    return client


@pytest.mark.parametrize(
    "model",
    [
        "major",
        "majorgroup",
        "industry",
        "occupation",
        "region",
        "majoroccupationlink",
        "catalogload",
    ],
)
def test_changelists_render(admin_client, model):
    response = admin_client.get(f"/admin/catalogs/{model}/")
    assert response.status_code == 200


def test_searches_majors_by_code(admin_client):
    response = admin_client.get("/admin/catalogs/major/", {"q": "460103"})
    assert [m.code for m in response.context["cl"].result_list] == ["460103"]


@pytest.mark.parametrize(
    ("_case", "model", "code"),
    [("major", "major", "460103"), ("industry", "industry", "1530"), ("region", "region", "4504")],
)
def test_concepts_cannot_be_deleted(admin_client, _case, model, code):
    model_class = {"major": Major, "industry": Industry, "region": Region}[model]
    concept = model_class.objects.filter(code=code).first()
    response = admin_client.post(f"/admin/catalogs/{model}/{concept.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert model_class.objects.filter(pk=concept.pk).exists()


def test_concepts_cannot_be_added(admin_client):
    assert admin_client.get("/admin/catalogs/industry/add/").status_code == 403


def test_staff_may_retire_a_major(admin_client):
    major = Major.objects.get(system="vocational", catalog_version="2021", code="460103")
    response = admin_client.post(
        f"/admin/catalogs/major/{major.pk}/change/",
        {"is_active": "", "replaced_by": "", "note": "已调整"},
    )
    assert response.status_code == 302
    major.refresh_from_db()
    assert (major.is_active, major.note, major.name) == (False, "已调整", "数控技术")


def test_links_cannot_be_deleted(admin_client):
    link = MajorOccupationLink.objects.first()
    response = admin_client.post(
        f"/admin/catalogs/majoroccupationlink/{link.pk}/delete/", {"post": "yes"}
    )
    assert response.status_code == 403
    assert MajorOccupationLink.objects.filter(pk=link.pk).exists()
