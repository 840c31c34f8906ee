"""Export the raw rows the fill job reads as CSV files, for the Spark path.

Codes are resolved at export time (region, industry and occupation codes; the classified
occupation of a post without one), so the Spark job needs no database connection.
"""

import csv
import datetime
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.db.models import F

from chanjiao.analytics import aggregate
from chanjiao.analytics.crosswalk import (
    classified_occupations,
    links_for_majors,
    links_for_occupations,
)
from chanjiao.listings.models import Listing
from chanjiao.statistics.models import LaborMarketStat, MajorYearStat

CHUNK = 20_000
LISTING_COLUMNS = ["region_code", "published_at", "industry_code", "occupation_code", "quantity"]
LABOR_COLUMNS = ["region_code", "year", "quarter", "occupation_code", "demand", "jobseekers"]
SUPPLY_COLUMNS = ["region_code", "year", "major_id", "graduates", "enrollment"]
LINK_COLUMNS = ["major_id", "occupation_code", "weight"]


@dataclass
class RawExport:
    """Where the exported files are, and the codes seen (for the crosswalk shares)."""

    directory: Path
    occupation_codes: set[str] = field(default_factory=set)
    major_ids: set[int] = field(default_factory=set)

    def path(self, name: str) -> str:
        return str(self.directory / f"{name}.csv")


def _utc_text(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M:%S")


def _listing_rows(export: RawExport) -> Iterator[list[object]]:
    rows = Listing.objects.filter(aggregate.counted_listings()).order_by("pk")
    fields = (
        "pk",
        "region__code",
        "published_at",
        "industry__code",
        "occupation__code",
        "quantity",
    )
    batch: list[tuple[object, ...]] = []
    for row in rows.values_list(*fields).iterator(chunk_size=CHUNK):
        batch.append(row)
        if len(batch) >= CHUNK:
            yield from _resolved(batch, export)
            batch = []
    yield from _resolved(batch, export)


def _resolved(batch: list[tuple[object, ...]], export: RawExport) -> Iterator[list[object]]:
    missing = [int(str(row[0])) for row in batch if not row[4]]
    classified = classified_occupations(missing)
    for pk, region_code, published_at, industry, occupation, quantity in batch:
        code = occupation or classified.get(int(str(pk)), "")
        export.occupation_codes.add(str(code))
        assert isinstance(published_at, datetime.datetime)  # noqa: S101 - filtered on not null
        yield [region_code, _utc_text(published_at), industry or "", code, quantity or ""]


def _write(path: str, header: list[str], rows: Iterator[list[object]] | list[list[object]]) -> int:
    count = 0
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for row in rows:
            writer.writerow(row)
            count += 1
    return count


def _labor_rows(export: RawExport) -> list[list[object]]:
    rows = LaborMarketStat.objects.filter(region__isnull=False).values_list(
        "region__code",
        "year",
        "quarter",
        "occupation__code",
        "demand_persons",
        "jobseekers_persons",
    )
    result = []
    for region_code, year, quarter, occupation, demand, seekers in rows.order_by("pk"):
        export.occupation_codes.add(occupation or "")
        result.append([region_code, year, quarter, occupation or "", demand or 0, seekers or 0])
    return result


def _supply_rows(export: RawExport) -> list[list[object]]:
    rows = MajorYearStat.objects.filter(school__region__isnull=False).annotate(
        region_code=F("school__region__code")
    )
    result = []
    fields = ("region_code", "year", "major_id", "graduates", "actual_enrollment")
    for region_code, year, major_id, graduates, enrollment in rows.values_list(*fields).order_by(
        "pk"
    ):
        export.major_ids.add(major_id)
        result.append([region_code, year, major_id, graduates or 0, enrollment or 0])
    return result


def raw_rows_export(directory: Path) -> RawExport:
    """Write listings, 人社 rows, school figures, regions and crosswalk links as CSV files."""
    directory.mkdir(parents=True, exist_ok=True)
    export = RawExport(directory)
    _write(export.path("listings"), LISTING_COLUMNS, _listing_rows(export))
    _write(export.path("labor"), LABOR_COLUMNS, _labor_rows(export))
    _write(export.path("supply"), SUPPLY_COLUMNS, _supply_rows(export))
    regions = [[code, pk] for code, pk in aggregate.region_ids_by_code().items()]
    _write(export.path("regions"), ["code", "region_id"], regions)
    by_occupation = links_for_occupations(export.occupation_codes)
    by_major = links_for_majors(export.major_ids)
    _write(export.path("links_by_occupation"), LINK_COLUMNS, [list(link) for link in by_occupation])
    _write(export.path("links_by_major"), LINK_COLUMNS, [list(link) for link in by_major])
    return export
