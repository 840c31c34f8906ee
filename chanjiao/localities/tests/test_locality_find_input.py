"""What a person types as a locality is never a server error: odd digits and huge numbers are
simply not found (the API fuzz run found both as 500s)."""

import pytest

from chanjiao.common.exceptions import NotFoundError
from chanjiao.localities.selectors import locality_find


@pytest.mark.parametrize("_case", ["³", "٣", "9" * 30, str(2**63)])
def test_unreadable_numbers_are_not_found(localities, _case):
    with pytest.raises(NotFoundError):
        locality_find(_case)


def test_a_region_code_still_finds_its_locality(localities):
    assert locality_find("4504").name == "梧州市"
