"""Recommendation reasons count days in China time, whatever the hour (stored times are UTC)."""

import datetime
import zoneinfo

import pytest
import time_machine

from chanjiao.listings.models import Listing

ME = "/api/v1/recommendations/me/"
CHINA = zoneinfo.ZoneInfo("Asia/Shanghai")
HOURS = ["00:30", "07:59", "08:00", "12:00", "23:30"]


def _china(day: datetime.date, hhmm: str) -> datetime.datetime:
    hour, minute = (int(x) for x in hhmm.split(":"))
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=CHINA)


@pytest.fixture
def china_clock(request):
    """Move the clock to 2026-03-10 at the China hour of the test's parameter, ticking."""
    with time_machine.travel(_china(datetime.date(2026, 3, 10), request.param), tick=True):
        yield request.param


def _reasons(client, user, target_id):
    items = client(user).get(ME).json()["items"]
    return next(item["reasons"] for item in items if item["target_id"] == target_id)


@pytest.mark.parametrize("china_clock", HOURS, indirect=True)
def test_post_published_now_reads_today_at_every_hour(
    china_clock, client_for, machining_student, lathe_job
):
    assert "今日发布" in _reasons(client_for, machining_student, lathe_job.pk)


@pytest.mark.parametrize("china_clock", ["00:30", "07:59"], indirect=True)
@pytest.mark.parametrize(
    ("published", "expected"), [(("03-09", "23:50"), "1天前发布"), (("03-10", "00:05"), "今日发布")]
)
def test_age_counts_china_calendar_days_not_hours_or_utc_days(
    china_clock, published, expected, client_for, machining_student, lathe_job
):
    # 00:05 today in China is yesterday in UTC; 23:50 yesterday is under an hour ago.
    month, day = (int(x) for x in published[0].split("-"))
    moment = _china(datetime.date(2026, month, day), published[1])
    Listing.objects.filter(pk=lathe_job.pk).update(published_at=moment)

    reasons = _reasons(client_for, machining_student, lathe_job.pk)

    assert expected in reasons
    assert ({"1天前发布", "今日发布"} - {expected}).isdisjoint(reasons)
