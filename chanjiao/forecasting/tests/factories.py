"""Test data: locality profiles and 人社 供求 histories written through the models."""

from chanjiao.catalogs.models import Occupation, Region
from chanjiao.localities.models import Locality
from chanjiao.localities.services import localities_load_default
from chanjiao.statistics.models import LaborMarketStat

# Real 大典 细类 in three different 中类.
WELDER = "6-18-02-04"  # 焊工, in 6-18 机械制造基础加工人员
NURSE = "2-05-08-01"  # 内科护士, in 2-05 卫生专业技术人员
SALES = "4-01-02-01"  # 营销员, in 4-01 批发与零售服务人员


def localities_write() -> dict[str, Locality]:
    """Load the five shipped locality profiles; return them by name."""
    localities_load_default()
    return {loc.name: loc for loc in Locality.objects.select_related("region")}


def labor_rows(region: Region, code: str, demand: dict[int, int], supply: dict[int, int]) -> None:
    """Write yearly 供求 rows for one occupation of a region."""
    occupation = Occupation.objects.get(code=code)
    for year, value in demand.items():
        LaborMarketStat.objects.create(
            region=region,
            region_label=region.name,
            year=year,
            quarter=0,
            occupation=occupation,
            occupation_label=occupation.name,
            demand_persons=value,
            jobseekers_persons=supply.get(year),
        )


def labor_history_write(region: Region) -> None:
    """Ten years (2016–2025) for three occupation groups: rising, flat, and small counts."""
    years = range(2016, 2026)
    rising = {y: 200 + 30 * (y - 2016) + (7 if y % 2 else -7) for y in years}
    labor_rows(region, WELDER, rising, dict.fromkeys(years, 250))
    flat = {y: 400 + (10 if y % 3 == 0 else -5) for y in years}
    labor_rows(region, SALES, flat, dict.fromkeys(years, 500))
    small = {y: 3 + (y % 2) for y in years}
    labor_rows(region, NURSE, small, dict.fromkeys(years, 2))
