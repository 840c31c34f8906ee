"""The invented figures of one demo series (a school's major over 2021–2025).

Enrollment is 35–120 a year (20–30 in the shaped warning cases), graduates are the cohort that
entered ``duration`` years earlier less some drop-out, 去向落实率 is 82–98 % (68–77 % in the
low-employment cases), 专业相关就业 55–85 % of the employed (30–45 % in the low-related cases),
starting salaries 3,000–6,500 元/月 by level, rising about 3 % a year.
"""

import random
from decimal import Decimal
from typing import Any

from chanjiao.catalogs.models import MajorLevel
from chanjiao.statistics.destinations import DESTINATION_CLASSES

DURATION: dict[str, int] = {MajorLevel.SECONDARY: 3, MajorLevel.HIGHER: 3}
FURTHER_SHARE: dict[str, tuple[float, float]] = {
    MajorLevel.SECONDARY: (0.35, 0.6),
    MajorLevel.HIGHER: (0.08, 0.25),
}
SALARY: dict[str, tuple[int, int]] = {
    MajorLevel.SECONDARY: (3000, 4000),
    MajorLevel.HIGHER: (3400, 4800),
}
SUB_CASE_WEIGHTS = {
    "employed": (0.25, 0.45, 0.03, 0.02, 0.03, 0.12, 0.10),
    "further_study": (0.96, 0.04),
    "not_employed": (0.7, 0.3),
}
# The last two years' 去向落实率 68–77 %, and/or 专业相关就业 30–45 % of the employed.
LOW_EMPLOYMENT_CASES = ("low_employment", "low_employment_related")
LOW_RELATED_CASES = ("low_related", "low_employment_related")
SHAPED_ENROLLMENT = {
    # case: (enrollment range before 2023, per year 2023, 2024, 2025)
    "low_3_years": ((30, 42), ((20, 28), (20, 28), (20, 28))),
    "exactly_30": ((34, 48), ((30, 30), (30, 30), (30, 30))),
    "low_2_years": ((34, 48), ((32, 40), (20, 28), (20, 28))),
}


def _enrollments(
    rng: random.Random, *, planned: dict[int, int | None], case: str, first: int
) -> dict[int, int]:
    """Enrollment per year, including invented earlier cohorts of a continuing major."""
    fill = rng.uniform(0.6, 0.95)
    enrollment: dict[int, int] = {}
    for year, plan in sorted(planned.items()):
        enrollment[year] = max(35, min(120, round((plan or 60) * fill * rng.uniform(0.92, 1.08))))
    if case in SHAPED_ENROLLMENT:
        early, late = SHAPED_ENROLLMENT[case]
        for year in enrollment:
            low, high = late[year - 2023] if year >= 2023 else early
            enrollment[year] = rng.randint(low, high)
    if first == min(planned):  # offered since before 2021: earlier cohorts exist
        start = enrollment[first]
        for year in range(first - 4, first):
            enrollment[year] = max(30, min(120, round(start * rng.uniform(0.9, 1.15))))
    return enrollment


def _split(rng: random.Random, total: int, weights: tuple[float, ...]) -> list[int]:
    """Split a count by perturbed weights into whole numbers that add up (largest remainder)."""
    noisy = [w * rng.uniform(0.7, 1.3) for w in weights]
    scale = sum(noisy)
    shares = [total * w / scale for w in noisy]
    counts = [int(share) for share in shares]
    order = sorted(range(len(shares)), key=lambda i: counts[i] - shares[i])
    for index in order[: total - sum(counts)]:
        counts[index] += 1
    return counts


def _destinations(
    rng: random.Random, *, level: str, graduates: int, rate: float, related: tuple[float, float]
) -> dict[str, Any]:
    placed = round(graduates * rate)
    further = min(placed, round(graduates * rng.uniform(*FURTHER_SHARE.get(level, (0.1, 0.25)))))
    counts = {
        "employed": placed - further,
        "further_study": further,
        "not_employed": graduates - placed,
    }
    details: dict[str, int] = {}
    for destination in DESTINATION_CLASSES:
        split = _split(rng, counts[destination.field], SUB_CASE_WEIGHTS[destination.field])
        for (key, _), count in zip(destination.sub_cases, split, strict=True):
            details[key] = count
    employed = counts["employed"]
    return {
        **counts,
        "destination_details": details,
        "employed_local": round(employed * rng.uniform(0.45, 0.75)),
        "employed_related": round(employed * rng.uniform(*related)),
    }


def series_figures(
    rng: random.Random, *, level: str, planned: dict[int, int | None], case: str, years: range
) -> dict[int, dict[str, Any]]:
    """Return the figures of each offered year of one series."""
    duration = DURATION.get(level, 4)
    first = min(planned)
    enrollment = _enrollments(
        rng, planned=planned, case=case, first=first if first == years[0] else -1
    )
    salary_low, salary_high = SALARY.get(level, (4000, 5600))
    salary = rng.uniform(salary_low, salary_high)
    figures: dict[int, dict[str, Any]] = {}
    for year in sorted(planned):
        cohorts = [enrollment[y] for y in range(year - duration + 1, year + 1) if y in enrollment]
        entered = enrollment.get(year - duration)
        values: dict[str, Any] = {
            "planned_enrollment": planned[year],
            "actual_enrollment": enrollment[year],
            "students_on_roll": round(sum(cohorts) * rng.uniform(0.93, 0.98)),
            "graduates": None,
            "employed": None,
            "further_study": None,
            "not_employed": None,
            "destination_details": {},
            "employed_local": None,
            "employed_related": None,
            "avg_starting_salary": None,
        }
        if entered:
            graduates = round(entered * rng.uniform(0.88, 0.97))
            recent = year >= years[-2]
            low = recent and case in LOW_EMPLOYMENT_CASES
            rate = rng.uniform(0.68, 0.77) if low else rng.uniform(0.82, 0.98)
            related = (0.30, 0.45) if recent and case in LOW_RELATED_CASES else (0.55, 0.85)
            values.update(
                graduates=graduates,
                **_destinations(rng, level=level, graduates=graduates, rate=rate, related=related),
            )
            pay = min(6500.0, salary * 1.03 ** (year - years[0]) * rng.uniform(0.97, 1.03))
            values["avg_starting_salary"] = Decimal(round(pay / 10) * 10).quantize(Decimal("0.01"))
        figures[year] = values
    return figures
