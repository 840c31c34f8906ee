"""The student's phone: masked on the school's pages, shown in full by an audited reveal."""

import pytest
from django.urls import reverse

from chanjiao.audit.models import AuditEvent, AuditResult

pytestmark = pytest.mark.django_db


def test_school_admin_sees_the_phone_masked_and_reveals_it_with_an_audit_row(
    client, school_admin, placement
):
    client.force_login(school_admin)

    detail = client.get(reverse("internships:detail", args=[placement.pk])).content.decode()
    listing = client.get(reverse("internships:list")).content.decode()
    revealed = client.post(reverse("internships:phone-reveal", args=[placement.pk]))

    assert "13711112222" not in detail
    assert "137****2222" in detail
    assert "查看完整手机号" in detail
    assert "13711112222" not in listing
    assert revealed.status_code == 200
    assert "13711112222" in revealed.content.decode()
    event = AuditEvent.objects.get(action="placement.personal_data.view")
    assert (event.actor_id, event.target_id, event.result) == (
        school_admin.pk,
        str(placement.pk),
        AuditResult.SUCCESS,
    )


def test_enterprise_reveal_is_refused_and_audited(client, recruiter, placement):
    client.force_login(recruiter)

    response = client.post(reverse("internships:phone-reveal", args=[placement.pk]))

    assert response.status_code == 403
    assert "13711112222" not in response.content.decode()
    event = AuditEvent.objects.get(action="placement.personal_data.view")
    assert event.result == AuditResult.DENIED


def test_the_student_sees_their_own_phone(client, intern, placement):
    client.force_login(intern)

    detail = client.get(reverse("internships:detail", args=[placement.pk])).content.decode()

    assert "13711112222" in detail
    assert "查看完整手机号" not in detail
