import pytest

from chanjiao.listings.tests.factories import listing_make, reviewer_for


@pytest.fixture
def reviewer(wuzhou_gov):
    return reviewer_for(wuzhou_gov)


@pytest.fixture
def publish(recruiter, enterprise, reviewer):
    """Return a function that publishes a job (or internship) of the 梧州 enterprise."""

    def _publish(kind: str = "job", **overrides):
        return listing_make(
            kind=kind,
            author=recruiter,
            organization=enterprise,
            reviewer=reviewer,
            overrides=overrides,
        )

    return _publish
