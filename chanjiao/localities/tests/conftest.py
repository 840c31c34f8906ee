"""The five shipped locality profiles, loaded as ``load_localities`` would."""

import pytest

from chanjiao.localities.models import Locality
from chanjiao.localities.services import localities_load_default


@pytest.fixture
def localities(catalogs):
    """Load the shipped JSON; return the localities by name."""
    localities_load_default()
    return {locality.name: locality for locality in Locality.objects.select_related("region")}


@pytest.fixture
def wuzhou_locality(localities):
    return localities["梧州市"]
