"""Verifying an organisation from its page: the steps the viewer may take, and taking them."""

import pytest
from django.test import Client

from chanjiao.listings.tests.factories import reviewer_for
from chanjiao.organizations.models import Organization
from chanjiao.organizations.tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def new_enterprise(wuzhou):
    return EnterpriseFactory(name="梧州新注册企业", region=wuzhou, is_verified=False)


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _url(organization):
    return f"/organizations/{organization.pk}/"


def test_reviewer_verifies_then_revokes_from_the_page(new_enterprise, wuzhou_gov):
    client = _client(reviewer_for(wuzhou_gov))

    page = client.get(_url(new_enterprise)).content.decode()
    assert "未认证" in page
    assert 'value="verify"' in page
    assert 'value="revoke"' not in page

    verified = client.post(_url(new_enterprise), {"action": "verify"}, follow=True)
    assert "已认证该机构。" in verified.content.decode()
    assert 'value="revoke"' in verified.content.decode()
    assert Organization.objects.get(pk=new_enterprise.pk).is_verified

    revoked = client.post(_url(new_enterprise), {"action": "revoke"}, follow=True).content.decode()
    assert "已撤销该机构的认证。" in revoked
    assert "已撤销认证" in revoked
    assert not Organization.objects.get(pk=new_enterprise.pk).is_verified


def test_an_enterprise_without_credit_code_is_told_what_is_missing(new_enterprise, wuzhou_gov):
    Organization.objects.filter(pk=new_enterprise.pk).update(credit_code="")
    client = _client(reviewer_for(wuzhou_gov))

    page = client.post(_url(new_enterprise), {"action": "verify"}, follow=True).content.decode()

    assert "企业须先登记统一社会信用代码才能认证。" in page
    assert not Organization.objects.get(pk=new_enterprise.pk).is_verified


def test_others_see_no_step_and_are_refused(new_enterprise, recruiter, outsider):
    for user in (recruiter, outsider):
        client = _client(user)
        assert 'name="action"' not in client.get(_url(new_enterprise)).content.decode()
        assert client.post(_url(new_enterprise), {"action": "verify"}).status_code == 403
    assert Client().post(_url(new_enterprise), {"action": "verify"}).status_code == 403
    assert not Organization.objects.get(pk=new_enterprise.pk).is_verified
