"""The government workbench: applications waiting for the user's step, and each programme's
directory count against the locality's target."""

import datetime
from collections import Counter

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from chanjiao.recognition.models import Recognition, RecognitionState
from chanjiao.recognition.selectors import workbench_counts

pytestmark = pytest.mark.django_db


def test_counts_follow_who_may_take_the_step(
    programme, pt_enterprise, district_reviewer, locality_admin, beijing_admin
):
    submitted = Recognition.objects.create(
        programme=programme, organization=pt_enterprise, status=RecognitionState.SUBMITTED
    )

    assert workbench_counts(district_reviewer).to_preliminary == 1
    assert workbench_counts(beijing_admin).to_preliminary == 0
    Recognition.objects.filter(pk=submitted.pk).update(
        status=RecognitionState.PRELIMINARY, preliminary_by=locality_admin
    )
    # The one who took the 初审 does not take the 复核; a 审核员 never does.
    assert workbench_counts(locality_admin).to_review == 0
    assert workbench_counts(district_reviewer).to_review == 0
    Recognition.objects.filter(pk=submitted.pk).update(
        status=RecognitionState.NOTICE,
        notice_end=timezone.localdate() - datetime.timedelta(days=1),
    )
    assert workbench_counts(locality_admin).to_certify == 1


def test_officer_workbench_shows_tasks_and_targets_without_repeated_queries(
    programme, pt_enterprise, locality_admin
):
    Recognition.objects.create(
        programme=programme, organization=pt_enterprise, status=RecognitionState.SUBMITTED
    )
    client = Client()
    client.force_login(locality_admin)
    client.get("/")

    with CaptureQueriesContext(connection) as queries:
        page = client.get("/").content.decode()

    assert "待初审的认定申报" in page
    assert "普陀区·市级产教融合型企业（普陀区培育）" in page
    assert "目标约10家" in page
    repeated = {sql: n for sql, n in Counter(q["sql"] for q in queries).items() if n > 1}
    assert repeated == {}
