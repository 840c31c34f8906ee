"""demo_write loads the rules and evaluates 2023—2025 (history); demo_remove takes it away."""

from chanjiao.catalogs.models import Region
from chanjiao.early_warning.demo import demo_remove, demo_write
from chanjiao.early_warning.models import WarningFlag, WarningRule, WarningRun
from chanjiao.early_warning.tests.conftest import stats
from chanjiao.organizations.tests.factories import SchoolFactory


def test_demo_evaluates_three_years_idempotently_and_is_removed(wz):
    school = SchoolFactory(
        name="梧州演示职业学院", region=Region.objects.get(code="4504"), is_demo=True
    )
    stats(school, "510203", dict.fromkeys(range(2021, 2026), 12))

    first = demo_write(locality=wz, seed=1)
    again = demo_write(locality=wz, seed=1)

    assert first["warning_rules_created"] == 11
    assert again["warning_rules_created"] == 0
    assert sorted(
        WarningFlag.objects.filter(rule__key="wz-low-enrollment").values_list("year", flat=True)
    ) == [2023, 2024, 2025]
    assert again["warning_flags"] == first["warning_flags"]
    # One run a year: the first run's records, no longer pointed to by any flag, were dropped.
    assert WarningRun.objects.filter(is_demo=True).count() == 3
    assert again["warning_runs"] == 3

    removed = demo_remove()

    assert removed >= 3
    assert not WarningFlag.objects.exists()
    assert not WarningRun.objects.exists()
    assert WarningRule.objects.count() == 11  # configuration stays
