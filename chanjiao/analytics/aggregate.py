"""Aggregate raw rows into count-table rows (the ORM / SQL path of the fill job).

Each function returns a plain dict from the row key to its measures; ``chanjiao.analytics.spark``
computes the same dicts on Spark, and ``chanjiao.analytics.fill`` writes either into the tables.
"""

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Case, Count, F, IntegerField, Q, Sum, Value, When
from django.db.models.functions import ExtractYear

from chanjiao.analytics.crosswalk import classified_occupations
from chanjiao.analytics.models import DemandSource
from chanjiao.catalogs.models import Industry, Occupation, Region
from chanjiao.listings.models import Listing, ListingStatus
from chanjiao.statistics.models import LaborMarketStat, MajorYearStat

DEMAND_KINDS = ("job", "internship")
COUNTED_STATUSES = (ListingStatus.PUBLISHED, ListingStatus.CLOSED, ListingStatus.EXPIRED)

DemandKey = tuple[
    int, int, str, str, str
]  # region_id, year, source, industry_code, occupation_code
SupplyKey = tuple[int, int, int]  # region_id, year, major_id
DemandRows = dict[DemandKey, list[int]]  # openings, postings, jobseekers
SupplyRows = dict[SupplyKey, list[int]]  # schools, graduates, enrollment


def region_ids_by_code() -> dict[str, int]:
    """Map each region code to one region id (the current row when a code was reissued)."""
    return dict(Region.objects.order_by("is_active", "pk").values_list("code", "pk"))


def region_ancestors() -> dict[int, tuple[int, ...]]:
    """Map each region id to the ids of its own code and of the regions above it (codes nest)."""
    id_by_code = region_ids_by_code()
    result: dict[int, tuple[int, ...]] = {}
    for pk, code in Region.objects.values_list("pk", "code"):
        prefixes = dict.fromkeys([code, code[:4], code[:2]])
        result[pk] = tuple(id_by_code[p] for p in prefixes if p in id_by_code)
    return result


def counted_listings() -> Q:
    """Jobs and internships that were published (including those closed or expired since)."""
    return Q(kind__in=DEMAND_KINDS, published_at__isnull=False, status__in=COUNTED_STATUSES)


def _headcount() -> Case:
    # Listing.quantity is the headcount; an empty (or 0) quantity counts as one opening.
    return Case(
        When(quantity__gte=1, then=F("quantity")), default=Value(1), output_field=IntegerField()
    )


def _listing_groups(years: set[int] | None) -> Iterable[tuple[int, int, int | None, str, int, int]]:
    """Yield (region, year, industry, occupation code, openings, postings) groups of listings."""
    rows = Listing.objects.filter(counted_listings()).annotate(pub_year=ExtractYear("published_at"))
    if years is not None:
        rows = rows.filter(pub_year__in=sorted(years))
    coded = rows.filter(occupation__isnull=False).values(
        "region_id", "pub_year", "industry_id", "occupation__code"
    )
    for group in coded.annotate(openings=Sum(_headcount()), postings=Count("pk")).order_by():
        yield (
            group["region_id"],
            group["pub_year"],
            group["industry_id"],
            group["occupation__code"],
            group["openings"],
            group["postings"],
        )
    uncoded = rows.filter(occupation__isnull=True).annotate(headcount=_headcount())
    fields = ("pk", "region_id", "pub_year", "industry_id", "headcount")
    pending = list(uncoded.values_list(*fields).order_by())
    classified = classified_occupations([row[0] for row in pending])
    for pk, region_id, year, industry_id, headcount in pending:
        yield region_id, year, industry_id, classified.get(pk, ""), headcount, 1


def demand_from_listings(years: set[int] | None) -> DemandRows:
    """Count openings and postings of published jobs and internships, rolled up the regions."""
    ancestors = region_ancestors()
    industry_codes = dict(Industry.objects.values_list("pk", "code"))
    result: DemandRows = defaultdict(lambda: [0, 0, 0])
    for region_id, year, industry_id, occupation, openings, postings in _listing_groups(years):
        industry = industry_codes.get(industry_id, "") if industry_id else ""
        for target in ancestors[region_id]:
            row = result[(target, year, DemandSource.LISTINGS.value, industry, occupation)]
            row[0] += openings
            row[1] += postings
    return dict(result)


def _labor_rows(years: set[int] | None) -> list[tuple[int, int, int, str, int, int]]:
    rows = LaborMarketStat.objects.filter(region__isnull=False)
    if years is not None:
        rows = rows.filter(year__in=sorted(years))
    occupation_codes = dict(Occupation.objects.values_list("pk", "code"))
    return [
        (
            region_id,
            year,
            quarter,
            occupation_codes.get(occ_id, "") if occ_id else "",
            d or 0,
            j or 0,
        )
        for region_id, year, quarter, occ_id, d, j in rows.values_list(
            "region_id", "year", "quarter", "occupation_id", "demand_persons", "jobseekers_persons"
        ).order_by()
    ]


def occupation_ancestors(code: str) -> list[str]:
    """Return the 大典 codes above an occupation code, nearest first (小类, 中类, 大类).

    6-18-01-01 → 6-18-01-00, 6-18-00-00, 6-00-00-00; 6-18-00-00 → 6-00-00-00.
    """
    parts = code.split("-")
    if len(parts) != 4:
        return []
    candidates = (
        f"{parts[0]}-{parts[1]}-{parts[2]}-00",
        f"{parts[0]}-{parts[1]}-00-00",
        f"{parts[0]}-00-00-00",
    )
    return [candidate for candidate in dict.fromkeys(candidates) if candidate != code]


def _net_of_subtotals(by_occupation: dict[str, list[int]]) -> dict[str, list[int]]:
    """Turn every row that has listed rows below it into the remainder those rows leave.

    A 人社 table often lists a 大类 and its 中类 (and the table's total, ``""``): the 大类 row
    is the sum of its 中类 rows, so it keeps only ``max(大类 − Σ its listed 中类, 0)``. Each row is
    subtracted from its nearest listed ancestor only (the total for a row with none), so the
    rows then add up to the published total.
    """
    covered: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for code, values in by_occupation.items():
        if code:
            parent = next((a for a in occupation_ancestors(code) if a in by_occupation), "")
            covered[parent][0] += values[0]
            covered[parent][1] += values[1]
    return {
        code: [max(values[i] - covered[code][i], 0) for i in (0, 1)] if code in covered else values
        for code, values in by_occupation.items()
    }


def demand_from_labor_market(years: set[int] | None) -> DemandRows:
    """Turn 人社 figures into yearly rows: full-year rows if any, else the sum of the quarters.

    The table's total row (no occupation) becomes the remainder not covered by its occupation
    rows, and a 大类 (or 中类, 小类) row listed together with rows below it becomes the remainder
    not covered by them, so that the rows add up to the published total, nothing counted twice.
    """
    rows = _labor_rows(years)
    has_full_year = {(r[0], r[1]) for r in rows if r[2] == 0}
    yearly: dict[tuple[int, int], dict[str, list[int]]] = defaultdict(
        lambda: defaultdict(lambda: [0, 0])
    )
    for region_id, year, quarter, occupation, demand, seekers in rows:
        if ((region_id, year) in has_full_year) != (quarter == 0):
            continue
        cell = yearly[(region_id, year)][occupation]
        cell[0] += demand
        cell[1] += seekers
    result: DemandRows = {}
    source = DemandSource.LABOR_MARKET.value
    for (region_id, year), by_occupation in yearly.items():
        for occupation, (demand, seekers) in _net_of_subtotals(by_occupation).items():
            result[(region_id, year, source, "", occupation)] = [demand, 0, seekers]
    return result


def supply_from_statistics(years: set[int] | None) -> SupplyRows:
    """Sum graduates and enrollment of school × major × year figures, rolled up the regions."""
    ancestors = region_ancestors()
    rows = MajorYearStat.objects.filter(school__region__isnull=False)
    if years is not None:
        rows = rows.filter(year__in=sorted(years))
    result: SupplyRows = defaultdict(lambda: [0, 0, 0])
    fields = ("school__region_id", "year", "major_id", "graduates", "actual_enrollment")
    for region_id, year, major_id, graduates, enrollment in rows.values_list(*fields).order_by():
        if not graduates and not enrollment:
            continue
        for target in ancestors[region_id]:
            row = result[(target, year, major_id)]
            row[0] += 1
            row[1] += graduates or 0
            row[2] += enrollment or 0
    return dict(result)
