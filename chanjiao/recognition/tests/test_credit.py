"""The 30 % credit at its edges: above the surcharges due, carried forward, or not."""

from decimal import Decimal as D

from chanjiao.recognition.credit import CreditRule, Declared, credit_schedule

CARRY = CreditRule(D(30), "三2", "…", True, "财税〔2019〕46号", False)
NO_CARRY = CreditRule(D(30), "（八）", "…", False, "", False)


def test_credit_below_the_surcharge_is_used_whole():
    (year,) = credit_schedule(CARRY, [Declared(2024, D("100000"), D("50000"))])

    assert year.earned == D("30000.00")
    assert year.credited == D("30000.00")
    assert year.carried_out == 0
    assert year.forfeited == 0


def test_credit_larger_than_the_surcharge_carries_forward():
    years = credit_schedule(
        CARRY,
        [
            Declared(2024, D("1000000"), D("120000")),  # earns 300 000, can use 120 000
            Declared(2025, D("0"), D("100000")),  # uses 100 000 of the 180 000 carried
            Declared(2026, D("10000"), D("200000")),  # 80 000 carried + 3 000 earned
        ],
    )

    assert [y.credited for y in years] == [D("120000.00"), D("100000.00"), D("83000.00")]
    assert [y.carried_in for y in years] == [0, D("180000.00"), D("80000.00")]
    assert [y.carried_out for y in years] == [D("180000.00"), D("80000.00"), 0]
    assert sum(y.credited for y in years) == D("303000.00")  # everything earned, nothing more


def test_without_carry_forward_the_unused_credit_is_forfeited():
    years = credit_schedule(
        NO_CARRY,
        [Declared(2024, D("1000000"), D("120000")), Declared(2025, D("0"), D("100000"))],
    )

    assert years[0].credited == D("120000.00")
    assert years[0].forfeited == D("180000.00")
    assert years[1].carried_in == 0
    assert years[1].credited == 0


def test_no_surcharge_due_credits_nothing_and_keeps_it_all():
    (year,) = credit_schedule(CARRY, [Declared(2024, D("333.33"), D("0"))])

    assert year.earned == D("100.00")  # 99.999 rounded to the cent
    assert year.credited == 0
    assert year.carried_out == D("100.00")


def test_years_are_taken_in_order_whatever_the_input_order():
    years = credit_schedule(
        CARRY, [Declared(2025, D("0"), D("10")), Declared(2024, D("100"), D("0"))]
    )

    assert [y.year for y in years] == [2024, 2025]
    assert years[1].credited == D("10")
