"""What the rule functions read: a locality's figures per school × major × year, loaded once."""

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

Pair = tuple[int, int]  # (school_id, major_id)


@dataclass(frozen=True)
class MatchScore:
    """How much of a major's linked occupations falls under the locality's key industries."""

    score: float
    linked_weight: float
    matched_weight: float
    occupations: list[dict[str, Any]]


@dataclass
class Facts:
    """A locality's figures up to ``year``; rule functions never query the database."""

    year: int
    stats: dict[Pair, dict[int, Any]] = field(default_factory=dict)
    offerings: dict[int, dict[int, set[int]]] = field(default_factory=dict)
    school_names: dict[int, str] = field(default_factory=dict)
    match: dict[int, MatchScore | None] = field(default_factory=dict)
    # Why a major has no match score: what the crosswalk lacks for it (matching.match_gaps).
    match_gaps: dict[int, str] = field(default_factory=dict)
    key_industry_labels: list[str] = field(default_factory=list)

    def stat(self, pair: Pair, year: int) -> Any:
        """Return the MajorYearStat row of a pair in a year, or None."""
        return self.stats.get(pair, {}).get(year)

    def pairs_offered(self, year: int) -> list[Pair]:
        """Return the (school, major) pairs offered in the year, sorted."""
        by_major = self.offerings.get(year, {})
        return sorted((school, major) for major, schools in by_major.items() for school in schools)

    def stats_in_year(self, year: int) -> dict[Pair, Any]:
        """Return every pair's row of one year."""
        return {pair: rows[year] for pair, rows in self.stats.items() if year in rows}


def facts_build(
    *,
    year: int,
    stat_rows: list[Any],
    offering_rows: list[Pair | tuple[int, int, int]],
    school_names: dict[int, str],
) -> Facts:
    """Index MajorYearStat rows and (school, major, year) offerings into a Facts object."""
    stats: dict[Pair, dict[int, Any]] = defaultdict(dict)
    offerings: dict[int, dict[int, set[int]]] = defaultdict(lambda: defaultdict(set))
    for row in stat_rows:
        stats[(row.school_id, row.major_id)][row.year] = row
        offerings[row.year][row.major_id].add(row.school_id)
    for school_id, major_id, offered_year in offering_rows:  # type: ignore[misc]
        offerings[offered_year][major_id].add(school_id)
    return Facts(
        year=year,
        stats=dict(stats),
        offerings={y: dict(m) for y, m in offerings.items()},
        school_names=school_names,
    )


def window(year: int, years: int) -> list[int]:
    """Return the ``years`` consecutive years ending with ``year``, oldest first."""
    return list(range(year - years + 1, year + 1))


def years_text(years: list[int]) -> str:
    """Write a span of years: ``2025年`` or ``2023—2025年``."""
    if len(years) == 1:
        return f"{years[0]}年"
    return f"{years[0]}—{years[-1]}年"
