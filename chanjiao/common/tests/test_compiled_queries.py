"""Queries compiled once and run again with other ids give what the ORM gives, on today's data."""

import datetime
from collections.abc import Sequence

import pytest
import time_machine
from django.utils import timezone

from chanjiao.common.compiled_queries import rows_by_ids
from chanjiao.listings import services
from chanjiao.listings.models import Listing
from chanjiao.listings.tests.factories import listing_make, reviewer_for

COLUMNS = ("pk", "title", "published_at", "valid_until", "organization__name", "region__code")


def _public(ids: Sequence[int]):
    return Listing.objects.public().filter(pk__in=ids).values_list(*COLUMNS).order_by("pk")


def _ids_twice(ids: Sequence[int]):
    # Each id lands in two parameters: not compiled, evaluated through the ORM every time.
    return Listing.objects.filter(pk__in=ids).exclude(pk__in=[-1, *ids]).values_list("pk")


@pytest.fixture
def published(recruiter, enterprise, wuzhou_gov):
    reviewer = reviewer_for(wuzhou_gov)
    return [
        listing_make(
            kind="job",
            author=recruiter,
            organization=enterprise,
            reviewer=reviewer,
            overrides={"title": f"数控车工{n}号"},
        )  # fmt: skip
        for n in range(3)
    ]


def test_rows_equal_the_orm_for_other_ids_of_the_same_count(published):
    first, second, third = (listing.pk for listing in published)

    for ids in ([first, second], [second, third], [third, 999_999], [first], [second]):
        got = rows_by_ids(_public, ids)
        assert got == list(_public(ids))
    assert [row[0] for row in rows_by_ids(_public, [third, 999_999])] == [third]
    # Converted as values_list converts: aware datetimes, dates.
    row = rows_by_ids(_public, [first])[0]
    assert isinstance(row[2], datetime.datetime)
    assert timezone.is_aware(row[2])
    assert row[4] == "梧州六堡茶业有限公司"
    assert rows_by_ids(_public, []) == []


def test_each_call_reads_the_rows_as_they_are_now(published, recruiter):
    ids = [listing.pk for listing in published]
    assert len(rows_by_ids(_public, ids)) == 3

    services.listing_close(actor=recruiter, listing=published[1])

    assert [row[0] for row in rows_by_ids(_public, ids)] == [ids[0], ids[2]]


def test_the_day_is_part_of_the_compiled_query(published):
    listing = published[0]
    today = timezone.localdate()
    Listing.objects.filter(pk=listing.pk).update(valid_until=today)
    assert [row[0] for row in rows_by_ids(_public, [listing.pk])] == [listing.pk]

    tomorrow = today + datetime.timedelta(days=1)
    with time_machine.travel(
        timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time(0, 30))), tick=False
    ):
        assert rows_by_ids(_public, [listing.pk]) == []


def test_queries_whose_ids_do_not_map_onto_parameters_still_answer(published):
    ids = [listing.pk for listing in published]
    assert rows_by_ids(_ids_twice, ids) == [] == list(_ids_twice(ids))
    assert rows_by_ids(_public, ids[:2]) == list(_public(ids[:2]))
