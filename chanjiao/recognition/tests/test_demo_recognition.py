"""The recognition demo of 普陀: every stage, certified entries in the directory, one revoked,
written once, removed with the rest."""

from collections import Counter

import pytest

from chanjiao.demo.services import demo_data_generate, demo_data_remove
from chanjiao.demo.services.recognition import demo_write
from chanjiao.localities.models import Locality
from chanjiao.localities.services import localities_load_default
from chanjiao.recognition.models import IncentiveEntry, Recognition, RecognitionState
from chanjiao.recognition.selectors import credit_estimate, directory_list, target_progress

pytestmark = pytest.mark.django_db


def test_putuo_demo_has_every_stage_and_is_written_once(catalogs):
    localities_load_default()
    putuo = Locality.objects.get(name="普陀区")
    demo_data_generate(locality=putuo, seed=1)

    first = demo_write(locality=putuo, seed=1)

    rows = Recognition.objects.filter(is_demo=True)
    states = Counter(rows.values_list("status", flat=True))
    assert {
        RecognitionState.RESERVE,
        RecognitionState.SUBMITTED,
        RecognitionState.PRELIMINARY,
        RecognitionState.REVIEWED,
        RecognitionState.NOTICE,
        RecognitionState.CERTIFIED,
        RecognitionState.REVOKED,
    } <= set(states)
    assert first["recognitions_created"] == rows.count()
    listed = directory_list(locality=putuo)
    assert listed.count() == states[RecognitionState.CERTIFIED] >= 2
    assert not listed.filter(status=RecognitionState.REVOKED).exists()
    with_credit = rows.filter(investments__isnull=False).distinct().get()
    estimate = credit_estimate(with_credit)
    assert estimate is not None
    assert estimate.years[0].carried_out > 0  # 30 % of 800 000 exceeds the 150 000 due
    assert IncentiveEntry.objects.filter(recognition=with_credit).exists()
    progress = {p.programme.key: p.current for p in target_progress(locality=putuo)}
    assert progress["city-integration-enterprise"] >= 2

    before = sorted(rows.values_list("pk", "status", "updated_at"))
    second = demo_write(locality=putuo, seed=1)
    demo_data_generate(locality=putuo, seed=1)  # the same plan: nothing dropped

    assert second["recognitions_created"] == 0
    assert sorted(rows.values_list("pk", "status", "updated_at")) == before

    demo_data_remove()

    assert not Recognition.objects.exists()
