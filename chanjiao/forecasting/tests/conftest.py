"""Fixtures: the shipped locality profiles and a labour-market history of 梧州."""

import pytest

from chanjiao.forecasting.tests.factories import labor_history_write, localities_write


@pytest.fixture
def localities(catalogs):
    return localities_write()


@pytest.fixture
def wuzhou_locality(localities):
    return localities["梧州市"]


@pytest.fixture
def labor_history(wuzhou_locality):
    """Ten years (2016–2025) for three occupation groups of 梧州: rising, flat, small."""
    labor_history_write(wuzhou_locality.region)
    return wuzhou_locality.region
