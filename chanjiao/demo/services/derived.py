"""The demonstration data the value-added services derive from the demo organisations and items.

Each app owns its part (a ``demo`` module with ``demo_write`` and ``demo_remove``); this module
only runs them in the order their inputs need: the statistics first, then the occupations of the
posts, the count tables, the warnings, the forecasts and the recommendations.
"""

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from django.db import transaction

from chanjiao.common.periodic import periodic_runs_record
from chanjiao.localities.models import Locality


@dataclass(frozen=True)
class DerivedDemo:
    module: str  # dotted path of a module with demo_write(*, locality, seed) and demo_remove()
    label: str
    # The periodic jobs (config/schedules.py) whose results this demo computes: recorded as run,
    # so the first `run_periodic_tasks` after `demo_data` does not compute them a second time.
    covers: tuple[str, ...] = ()
    # Whether demo_write works on its locality only (run once per locality) or recomputes the
    # whole platform's derived rows (run once after every locality's rows are written).
    per_locality: bool = False
    # Whether `make run` may leave it to the task worker: its periodic job (``covers``) computes
    # the same rows, and nothing later in this list reads them. Left over, it is not recorded as
    # run, so the scheduler queues it as soon as the platform starts.
    background: bool = False


DERIVED_DEMOS: tuple[DerivedDemo, ...] = (
    DerivedDemo("chanjiao.statistics.demo", "办学与就业统计、人社求人倍率", per_locality=True),
    DerivedDemo(
        "chanjiao.crosswalk.demo",
        "岗位职业识别、专业职业推断、职业行业推断",
        covers=(
            "chanjiao.crosswalk.tasks.enrich_listings_task",
            "chanjiao.crosswalk.tasks.infer_major_links_task",
            "chanjiao.crosswalk.tasks.infer_industry_links_task",
        ),
    ),
    DerivedDemo(
        "chanjiao.analytics.demo",
        "供需统计计数表",
        covers=("chanjiao.analytics.tasks.fill_analytics_task",),
    ),
    DerivedDemo(
        "chanjiao.early_warning.demo",
        "专业预警",
        covers=("chanjiao.early_warning.tasks.evaluate_warnings_task",),
        per_locality=True,
    ),
    DerivedDemo(
        "chanjiao.demo.services.matching",
        "投递、招聘活动与联系学校",
        per_locality=True,
    ),
    DerivedDemo("chanjiao.demo.services.internships", "实习管理", per_locality=True),
    DerivedDemo("chanjiao.demo.services.recognition", "认定项目", per_locality=True),
    DerivedDemo(
        "chanjiao.forecasting.demo",
        "人才需求预测",
        covers=("chanjiao.forecasting.tasks.compute_all_forecasts_task",),
        per_locality=True,
        background=True,
    ),
    DerivedDemo(
        "chanjiao.recommendations.demo",
        "推荐结果",
        covers=("chanjiao.recommendations.tasks.recompute_recommendations_task",),
        background=True,
    ),
)


# The counts an operator is shown after a run, in Chinese; other keys stay in the audit log only.
COUNT_LABELS = {
    "major_year_stats": "专业年度统计",
    "school_majors_added": "补充的专业点",
    "labor_market_stats": "人社供求统计",
    "classified": "已识别职业的岗位",
    "industry_links": "职业—行业关联",
    "inferred_links": "推断的专业—职业关联",
    "inferred_industry_links": "推断的职业—行业关联",
    "demand": "需求计数",
    "supply": "供给计数",
    "supply_demand": "供需单元",
    "warning_runs": "预警评估",
    "warning_flags": "预警条目",
    "forecast_runs": "预测批次",
    "forecast_series": "预测序列",
    "shortage_occupations": "紧缺职业",
    "subjects": "推荐对象",
    "recommendations": "推荐结果",
    "applications": "投递",
    "events": "招聘活动",
    "contact_requests": "联系学校请求",
    "placements": "实习安排",
    "placements_created": "新增实习安排",
    "internship_alerts": "未处理的实习预警",
    "recognitions": "认定申报",
    "recognitions_certified": "已认定",
}


def counts_shown(counts: dict[str, int]) -> str:
    """Return the counts an operator reads, e.g. ``专业年度统计 405，人社供求统计 2960``."""
    return "，".join(f"{COUNT_LABELS[k]} {v}" for k, v in counts.items() if k in COUNT_LABELS)


def demo_derived_background() -> list[str]:
    """The labels of the services' demos that ``in_background`` leaves to the task worker."""
    return [demo.label for demo in DERIVED_DEMOS if demo.background]


def demo_derived_write(
    *,
    localities: list[Locality],
    seed: int,
    progress: Callable[[str], None] | None = None,
    in_background: bool = False,
) -> list[tuple[str, dict[str, int]]]:
    """Write every service's demo rows, in order; return each label (and locality) with counts.

    A per-locality demo runs for each locality in turn; a platform-wide one runs once. With
    ``in_background`` the demos marked ``background`` are skipped and their jobs left due, for
    the task worker of `chanjiao serve` to compute once the platform is up.
    """
    results = []
    for demo in DERIVED_DEMOS:
        if in_background and demo.background:
            continue
        module: Any = import_module(demo.module)
        targets = localities if demo.per_locality else localities[:1]
        for locality in targets:
            several = demo.per_locality and len(localities) > 1
            label = f"{demo.label}（{locality.name}）" if several else demo.label
            if progress is not None:
                progress(label)
            with transaction.atomic():
                results.append((label, module.demo_write(locality=locality, seed=seed)))
        if targets:
            periodic_runs_record(tasks=demo.covers, source="demo")
    return results


def demo_derived_remove() -> int:
    """Delete every service's demo rows, last written first; return how many were deleted."""
    removed = 0
    with transaction.atomic():
        for demo in reversed(DERIVED_DEMOS):
            module: Any = import_module(demo.module)
            removed += module.demo_remove()
    return removed
