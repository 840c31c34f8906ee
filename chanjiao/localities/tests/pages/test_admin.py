import pytest

from chanjiao.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, localities):
    client.force_login(UserFactory(username="system_admin", is_staff=True))
    return client


@pytest.mark.parametrize("model", ["locality", "policyparameter"])
def test_changelists_render(admin_client, model):
    response = admin_client.get(f"/admin/localities/{model}/")

    assert response.status_code == 200


def test_locality_change_page_shows_its_rows_inline(admin_client, wuzhou_locality):
    response = admin_client.get(f"/admin/localities/locality/{wuzhou_locality.pk}/change/")

    assert response.status_code == 200
    text = response.content.decode()
    assert "major-warning-enrollment-below" in text
    assert "六堡茶" in text
    assert "梧州开放大学" in text
