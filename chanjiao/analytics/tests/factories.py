"""Raw rows for the fill job: published posts, school figures and 人社 tables (real codes)."""

import datetime
from typing import Any
from zoneinfo import ZoneInfo

from chanjiao.catalogs.models import Industry, Major, Occupation, Region
from chanjiao.listings.models import Listing
from chanjiao.statistics.models import LaborMarketStat, MajorYearStat

SHANGHAI = ZoneInfo("Asia/Shanghai")


def region(code: str) -> Region:
    return Region.objects.filter(code=code).order_by("-is_active").first()


def local_time(text: str) -> datetime.datetime:
    """Return an aware time in Beijing time from 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM'."""
    fmt = "%Y-%m-%d %H:%M" if " " in text else "%Y-%m-%d"
    return datetime.datetime.strptime(text, fmt).replace(tzinfo=SHANGHAI)


def post(
    *,
    organization: Any,
    author: Any,
    published: str | None = "2025-03-01",
    region_code: str = "450403",
    industry_code: str | None = "1530",
    occupation_code: str | None = "6-02-06-10",
    quantity: int | None = None,
    status: str = "published",
    kind: str = "job",
) -> Listing:
    """Create a job or internship post directly in the state a workflow would leave it."""
    return Listing.objects.create(
        kind=kind,
        direction="demand",
        title="测试岗位",
        organization=organization,
        author=author,
        region=region(region_code),
        industry=Industry.objects.get(code=industry_code) if industry_code else None,
        occupation=Occupation.objects.get(code=occupation_code) if occupation_code else None,
        quantity=quantity,
        status=status,
        published_at=local_time(published) if published else None,
    )


def major(code: str) -> Major:
    return Major.objects.filter(code=code, is_active=True).get()


def graduates(
    *, school: Any, major_code: str, year: int, count: int | None, enrollment: int | None = None
) -> MajorYearStat:
    """Record one school × major × year figure."""
    return MajorYearStat.objects.create(
        school=school,
        major=major(major_code),
        year=year,
        graduates=count,
        actual_enrollment=enrollment,
    )


def labor(
    *,
    region_code: str,
    year: int,
    quarter: int = 0,
    occupation_code: str | None = None,
    demand: int | None = None,
    seekers: int | None = None,
) -> LaborMarketStat:
    """Record one row of a 人社 供求 table."""
    occupation = Occupation.objects.get(code=occupation_code) if occupation_code else None
    return LaborMarketStat.objects.create(
        region=region(region_code),
        region_label=region(region_code).name,
        year=year,
        quarter=quarter,
        occupation=occupation,
        occupation_label=occupation.name if occupation else "",
        demand_persons=demand,
        jobseekers_persons=seekers,
    )
