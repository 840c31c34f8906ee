"""Graduate supply and consenting job seekers recommended for an enterprise's post."""

import pytest

from chanjiao.listings.models import ProfileConsent
from chanjiao.listings.services.consent import profile_consent_grant, profile_consent_withdraw
from chanjiao.recommendations.models import Recommendation, SubjectState
from chanjiao.recommendations.tasks import recompute_recommendations_task


def _url(listing):
    return f"/api/v1/recommendations/listings/{listing.pk}/"


def test_graduate_supply_is_recommended_with_reasons(
    client_for, recruiter, lathe_job, publish, school_admin, wuzhou_school
):
    cohort = publish("graduates", school_admin, wuzhou_school, major_codes="460104")
    wrong_level = publish(
        "graduates", school_admin, wuzhou_school, major_codes="660103", education="secondary"
    )

    body = client_for(recruiter).get(_url(lathe_job)).json()

    ids = [i["target_id"] for i in body["items"]]
    assert ids == [cohort.pk]
    assert wrong_level.pk not in ids
    reasons = body["items"][0]["reasons"]
    assert reasons[0] == "专业对口：机械制造及自动化 → 车工（6-18-01-01，课标）"
    assert "同区县" in reasons
    assert "学历符合要求（大专）" in reasons


def test_job_seeker_appears_only_while_consent_stands(
    client_for, recruiter, lathe_job, publish, outsider, enterprise
):
    profile = publish("jobseeker", outsider)
    client = client_for(recruiter)

    before = client.get(_url(lathe_job)).json()
    assert profile.pk not in [i["target_id"] for i in before["items"]]
    assert not Recommendation.objects.filter(target_id=profile.pk).exists()

    granting = client_for(outsider).post(
        f"/api/v1/listings/{profile.pk}/consents/", {"organization": enterprise.pk}
    )
    assert granting.status_code == 201
    consent = ProfileConsent.objects.get(pk=granting.json()["id"])
    # The grant marked the post's stored list stale in its transaction; the job recomputes it.
    assert SubjectState.objects.get(subject_key=str(lathe_job.pk)).is_stale
    recompute_recommendations_task.enqueue()
    granted = client.get(_url(lathe_job)).json()
    item = next(i for i in granted["items"] if i["target_id"] == profile.pk)
    assert item["reasons"][0] == "职业匹配：车工（6-18-01-01）"
    assert item["kind"] == "jobseeker"
    assert "13700001111" not in str(granted)

    profile_consent_withdraw(actor=outsider, consent=consent)
    after = client.get(_url(lathe_job)).json()
    assert profile.pk not in [i["target_id"] for i in after["items"]]
    assert len(after["items"]) == len(granted["items"]) - 1


def test_other_enterprise_never_sees_a_profile_consented_to_someone_else(
    client_for, publish, outsider, enterprise, other_enterprise
):
    from chanjiao.accounts.models import Role
    from chanjiao.accounts.tests.factories import MembershipFactory, UserFactory

    rival = UserFactory(username="rival")
    MembershipFactory(user=rival, organization=other_enterprise, role=Role.INFO_OFFICER)
    rival_job = publish("job", rival, other_enterprise, region_code="230502")
    profile = publish("jobseeker", outsider)
    profile_consent_grant(actor=outsider, profile=profile, organization=enterprise)

    body = client_for(rival).get(_url(rival_job)).json()

    assert body["items"] == []
    assert not Recommendation.objects.filter(
        subject_key=str(rival_job.pk), target_id=profile.pk
    ).exists()


@pytest.mark.parametrize(
    ("_case", "persona", "expected"),
    [
        ("anonymous", None, 403),
        ("outsider", "outsider", 403),
        ("school admin", "school_admin", 403),
        ("government officer", "wuzhou_officer", 403),
        ("recruiter of the enterprise", "recruiter", 200),
        ("admin of the enterprise", "enterprise_admin", 200),
    ],
)
def test_only_members_read_an_items_recommendations(
    request, api_client, client_for, lathe_job, _case, persona, expected
):
    client = api_client if persona is None else client_for(request.getfixturevalue(persona))

    response = client.get(_url(lathe_job))

    assert response.status_code == expected
    if expected != 200:
        assert "items" not in response.json()
        assert not Recommendation.objects.exists()
