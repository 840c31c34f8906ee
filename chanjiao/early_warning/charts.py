"""The chart on the warnings page: how many major offerings were flagged, by year and level."""

from collections import Counter

from django.db.models import QuerySet

from chanjiao.common.echarts import ChartSpec, Series
from chanjiao.early_warning.models import Level, WarningFlag


def flags_by_year_chart(flags: QuerySet[WarningFlag]) -> ChartSpec:
    """Distinct school-major pairs flagged per year, one bar series per level.

    A pair hit by several rules of different levels counts once, under its highest level, so the
    bars of a year add up to the number of pairs flagged that year.
    """
    highest: dict[tuple[int, int, int], int] = {}
    order = {level: rank for rank, level in enumerate(Level.values)}
    for year, school_id, major_id, level in flags.values_list(
        "year", "school_id", "major_id", "level"
    ):
        key = (year, school_id, major_id)
        highest[key] = max(highest.get(key, -1), order[level])
    counts = Counter((key[0], Level.values[rank]) for key, rank in highest.items())
    years = sorted({year for year, _ in counts})
    series = [
        Series(label, [float(counts.get((year, value), 0)) for year in years])
        for value, label in Level.choices
        if any(counts.get((year, value)) for year in years)
    ]
    return ChartSpec(
        title="各年度预警专业点数（按最高等级）",
        unit="个专业点",
        categories=[f"{year}年" for year in years],
        series=series,
        x_label="年度",
        note="同一专业点当年触发多条规则的，只按其中最高的等级计一次。图中只含您有权查看的预警。",
        empty_text="暂无预警数据：运行评估后，这里按年度显示各等级的预警专业点数。",
    )
