"""The internship demo of 梧州: a placement in every state, open alerts, written once."""

from collections import Counter

import pytest
from django.utils import timezone

from chanjiao.demo.services import demo_data_generate, demo_data_remove
from chanjiao.demo.services.internships import demo_write
from chanjiao.internships.models import Alert, Placement, PlacementState
from chanjiao.internships.selectors import quota_rows
from chanjiao.localities.models import Locality
from chanjiao.localities.services import localities_load_default

pytestmark = pytest.mark.django_db


def test_wuzhou_demo_has_every_state_an_open_alert_and_is_written_once(catalogs):
    localities_load_default()
    wuzhou = Locality.objects.get(name="梧州市")
    demo_data_generate(locality=wuzhou, seed=1)

    first = demo_write(locality=wuzhou, seed=1)

    placements = Placement.objects.filter(is_demo=True)
    states = Counter(placements.values_list("status", flat=True))
    assert set(states) == set(PlacementState.values)
    rules = set(Alert.objects.filter(resolved_at__isnull=True).values_list("rule_key", flat=True))
    assert {"weekly_hours", "no_night_shift", "pay_floor"} <= rules
    assert first["internship_alerts"] >= 3
    before = sorted(placements.values_list("pk", "status", "updated_at"))
    report = quota_rows(wuzhou, timezone.localdate().year)
    xinchengjinghe = next(r for r in report.rows if "新程景和" in r.enterprise.name)
    assert (xinchengjinghe.staff, xinchengjinghe.offered) == (1423, 2)
    assert xinchengjinghe.shortfall == 27

    second = demo_write(locality=wuzhou, seed=1)
    again = demo_data_generate(locality=wuzhou, seed=1)

    assert second["placements_created"] == 0
    assert (again.created, again.updated, again.deleted) == (0, 0, 0)
    assert sorted(placements.values_list("pk", "status", "updated_at")) == before

    demo_data_remove()

    assert not Placement.objects.exists()
