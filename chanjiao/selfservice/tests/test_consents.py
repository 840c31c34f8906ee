"""My consents (PIPL Art. 23): listed with organisation and date, each withdrawable."""

import pytest
from django.test import Client

from chanjiao.accounts.tests.factories import UserFactory
from chanjiao.audit.models import AuditEvent
from chanjiao.listings.models import ListingStatus, ProfileConsent
from chanjiao.listings.services import profile_consent_grant
from chanjiao.listings.tests.factories import listing_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def consent(person, job_profile, enterprise):
    return profile_consent_grant(actor=person, profile=job_profile, organization=enterprise)


def test_list_shows_own_consents_only(person, person_client, consent, reviewer, wuzhou_school):
    other = UserFactory(username="lisi")
    other_profile = listing_make(kind="jobseeker", author=other, reviewer=reviewer)
    profile_consent_grant(actor=other, profile=other_profile, organization=wuzhou_school)
    assert job_profile_status(consent) == ListingStatus.PUBLISHED

    body = person_client.get("/account/consents/").content.decode()
    assert "梧州六堡茶业有限公司" in body
    assert "梧州职业学院" not in body
    assert f'href="/account/consents/{consent.pk}/withdraw/"' in body


def job_profile_status(consent: ProfileConsent) -> str:
    return consent.profile.status


def test_withdraw_after_confirmation(person_client, consent):
    url = f"/account/consents/{consent.pk}/withdraw/"
    confirm = person_client.get(url)
    assert "确定撤回对“梧州六堡茶业有限公司”的授权吗？" in confirm.content.decode()
    consent.refresh_from_db()
    assert consent.withdrawn_at is None  # the confirmation page changes nothing

    response = person_client.post(url, follow=True)
    assert "已撤回对“梧州六堡茶业有限公司”的授权。" in response.content.decode()
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None
    assert AuditEvent.objects.filter(action="profile_consent.withdraw").count() == 1
    assert "已于" in response.content.decode()

    again = person_client.post(url, follow=True)
    assert "这项授权已经撤回，无需再次撤回。" in again.content.decode()
    assert AuditEvent.objects.filter(action="profile_consent.withdraw").count() == 1


def test_another_persons_consent_is_not_found(consent):
    other = UserFactory(username="lisi")
    client = Client()
    client.force_login(other)
    assert client.get(f"/account/consents/{consent.pk}/withdraw/").status_code == 404
    assert client.post(f"/account/consents/{consent.pk}/withdraw/").status_code == 404
    consent.refresh_from_db()
    assert consent.withdrawn_at is None


def test_empty_state(person_client):
    body = person_client.get("/account/consents/").content.decode()
    assert "您还没有向任何单位授权。" in body
