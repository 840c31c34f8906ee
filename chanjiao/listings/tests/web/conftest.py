import pytest

from chanjiao.listings.tests.factories import reviewer_for


@pytest.fixture
def reviewer(wuzhou_gov):
    """A 审核员 of 梧州市."""
    return reviewer_for(wuzhou_gov)
