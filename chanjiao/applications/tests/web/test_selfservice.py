import pytest
from django.urls import reverse

from chanjiao.applications.services import application_withdraw
from chanjiao.selfservice.data_copy import personal_data_copy

pytestmark = pytest.mark.django_db


def test_consents_page_lists_application_consents(client, applicant, application):
    client.force_login(applicant)
    page = client.get(reverse("selfservice:consents")).content.decode()
    assert "投递授权" in page
    assert application.organization.name in page
    assert application.listing.title in page
    assert "有效" in page
    application_withdraw(actor=applicant, application=application)
    page = client.get(reverse("selfservice:consents")).content.decode()
    assert "撤回" in page
    assert "· 有效" not in page


def test_personal_data_copy_holds_applications(applicant, application):
    rows = personal_data_copy(applicant)["投递与投递授权"]
    assert rows[0]["应聘岗位"] == application.listing.title
    assert rows[0]["招聘单位"] == application.organization.name
    assert rows[0]["投递授权撤回时间"] is None


def test_consents_page_of_someone_else_shows_none(client, outsider, application):
    client.force_login(outsider)
    page = client.get(reverse("selfservice:consents")).content.decode()
    assert application.listing.title not in page
