"""The demo applications, events and contact requests: realistic states, replaced on re-runs."""

from collections import Counter

import pytest
from django.utils import timezone

from chanjiao.applications.models import Application, ApplicationState
from chanjiao.contact_requests.models import ContactRequest, ContactRequestState
from chanjiao.demo.services import demo_data_generate, demo_data_remove
from chanjiao.demo.services.matching import demo_write
from chanjiao.events.models import EventEnterprise, MatchEvent, ParticipationState
from chanjiao.subscriptions.models import NoticeCategory, Notification
from chanjiao.workflow.models import TransitionRecord

pytestmark = pytest.mark.django_db


def _fingerprint() -> list[tuple[str, str, str]]:
    return sorted(Application.objects.values_list("applicant__username", "listing__title", "state"))


def test_writes_applications_at_every_step_events_and_contact_requests(wuzhou_locality):
    demo_data_generate(locality=wuzhou_locality, seed=1)

    counts = demo_write(locality=wuzhou_locality, seed=1)

    states = Counter(Application.objects.values_list("state", flat=True))
    assert counts["applications"] == sum(states.values()) > 20
    for state in (
        ApplicationState.SUBMITTED,
        ApplicationState.VIEWED,
        ApplicationState.INTERVIEW,
        ApplicationState.HIRED,
        ApplicationState.DECLINED,
    ):
        assert states[state] > 0, state
    # Every application carries its applicant's school, major and cohort (outcome counts).
    assert not Application.objects.filter(school__isnull=True).exists()
    # A decided application has the history a real one would have.
    hired = Application.objects.filter(state=ApplicationState.HIRED).first()
    steps = TransitionRecord.objects.filter(workflow="application", object_id=str(hired.pk))
    assert list(steps.values_list("transition", flat=True)) == ["view", "invite", "hire"]
    moments = list(steps.values_list("created_at", flat=True))
    assert hired.submitted_at < moments[0] < moments[1] < moments[2] < timezone.now()
    # One past event (with applications tagged) and one upcoming, with a pending enterprise.
    assert MatchEvent.objects.count() == counts["events"] == 2
    assert Application.objects.filter(event__isnull=False).exists()
    assert EventEnterprise.objects.filter(state=ParticipationState.PENDING).exists()
    assert set(ContactRequest.objects.values_list("state", flat=True)) == {
        ContactRequestState.PENDING,
        ContactRequestState.ACCEPTED,
        ContactRequestState.DECLINED,
    }
    # The inbox holds the messages the steps would have sent, at the moment of each step.
    hired_notice = Notification.objects.get(
        user=hired.applicant, url=f"/applications/{hired.pk}/", title__contains="录用"
    )
    assert hired_notice.category == NoticeCategory.APPLICATION
    assert hired_notice.created_at == moments[2]
    accepted = ContactRequest.objects.get(state=ContactRequestState.ACCEPTED)
    assert accepted.contact_name
    assert accepted.contact_phone


def test_a_second_run_replaces_the_rows_and_removal_deletes_them(wuzhou_locality):
    demo_data_generate(locality=wuzhou_locality, seed=1)
    demo_write(locality=wuzhou_locality, seed=1)
    first = _fingerprint()

    demo_data_generate(locality=wuzhou_locality, seed=1)
    demo_write(locality=wuzhou_locality, seed=1)

    assert _fingerprint() == first
    assert MatchEvent.objects.count() == 2
    demo_data_remove()
    assert not Application.objects.exists()
    assert not MatchEvent.objects.exists()
    assert not ContactRequest.objects.exists()
    assert not Notification.objects.exists()
    assert not TransitionRecord.objects.filter(
        workflow__in=("application", "contact_request", "event_enterprise")
    ).exists()
