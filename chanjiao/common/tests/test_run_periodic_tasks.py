"""The periodic-task command enqueues every declared job (run at once by the test backend)."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone

from chanjiao.listings.models import Listing, ListingStatus
from chanjiao.listings.tests.factories import listing_make, reviewer_for

pytestmark = pytest.mark.django_db


def test_expired_items_are_closed_by_the_periodic_run(recruiter, enterprise, wuzhou_gov, capsys):
    listing = listing_make(
        kind="job", author=recruiter, organization=enterprise, reviewer=reviewer_for(wuzhou_gov)
    )
    Listing.objects.filter(pk=listing.pk).update(
        valid_until=timezone.localdate() - datetime.timedelta(days=1)
    )

    call_command("run_periodic_tasks")

    assert Listing.objects.get(pk=listing.pk).status == ListingStatus.EXPIRED
    assert "发布到期生效的信息，关闭过期信息：已加入队列" in capsys.readouterr().out
