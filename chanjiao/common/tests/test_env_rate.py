"""Throttle rates from the environment: a rate, or ``none`` to turn a throttle off."""

import pytest

from config.env import env_rate


@pytest.mark.parametrize(
    ("value", "expected"),
    [(None, "120/min"), ("30/min", "30/min"), ("none", None), ("OFF", None), (" 5/sec ", "5/sec")],
)
def test_env_rate(value, expected, monkeypatch):
    if value is None:
        monkeypatch.delenv("CHANJIAO_TEST_RATE", raising=False)
    else:
        monkeypatch.setenv("CHANJIAO_TEST_RATE", value)

    assert env_rate("CHANJIAO_TEST_RATE", "120/min") == expected
