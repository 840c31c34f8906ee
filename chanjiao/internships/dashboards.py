"""The figures of the school's and the education bureau's internship dashboards.

Counts only (no names): the current placements (计划, 协议已签, 实习中) by major, by unit and by
school; the share of them with a fully confirmed agreement and with liability insurance; open
alerts and incidents; the monthly pay of post internships in bands. The charts are built from the
same numbers the tables show.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet

from chanjiao.common.echarts import ChartSpec, Series
from chanjiao.internships.models import (
    Alert,
    Incident,
    IncidentState,
    InsuranceKind,
    Placement,
    PlacementKind,
    PlacementState,
)
from chanjiao.organizations.models import Organization

CURRENT_STATES = (PlacementState.PLANNED, PlacementState.SIGNED, PlacementState.ACTIVE)
# (label, lower bound inclusive, upper bound exclusive) in 元/月.
PAY_BANDS: tuple[tuple[str, Decimal, Decimal | None], ...] = (
    ("1500 元以下", Decimal(0), Decimal(1500)),
    ("1500—1999 元", Decimal(1500), Decimal(2000)),
    ("2000—2499 元", Decimal(2000), Decimal(2500)),
    ("2500—2999 元", Decimal(2500), Decimal(3000)),
    ("3000—3999 元", Decimal(3000), Decimal(4000)),
    ("4000 元及以上", Decimal(4000), None),
)
NO_PAY = "未填写报酬"
TOP = 15


@dataclass(frozen=True)
class Counted:
    label: str
    count: int


@dataclass(frozen=True)
class Share:
    label: str
    count: int
    total: int

    @property
    def percent(self) -> float | None:
        return None if not self.total else round(self.count * 100 / self.total, 1)


@dataclass(frozen=True)
class Dashboard:
    current: int
    active: int
    by_major: list[Counted]
    by_enterprise: list[Counted]
    by_school: list[Counted]
    coverage: list[Share]
    open_alerts: int
    alerts: int
    open_incidents: int
    incidents: int
    pay_bands: list[Counted]


def school_scope(schools: list[Organization]) -> QuerySet[Placement]:
    """The placements of these schools' students."""
    return Placement.objects.filter(school__in=schools)


def region_scope(region_code: str) -> QuerySet[Placement]:
    """The placements at units within the region (the bureau's view, as the selectors scope it)."""
    return Placement.objects.filter(enterprise__region__code__startswith=region_code)


def _grouped(qs: QuerySet[Placement], field: str, *, empty: str) -> list[Counted]:
    rows = qs.values(field).annotate(n=Count("pk")).order_by("-n", field)
    return [Counted(str(row[field] or empty), int(row["n"])) for row in rows]


def fully_confirmed(qs: QuerySet[Placement]) -> QuerySet[Placement]:
    """Placements whose agreement every party of it has confirmed."""
    return qs.filter(agreement__isnull=False).exclude(
        agreement__signatories__confirmed_at__isnull=True
    )


def insured(qs: QuerySet[Placement]) -> QuerySet[Placement]:
    """Placements a liability policy names."""
    return qs.filter(insurance_policies__kind=InsuranceKind.LIABILITY).distinct()


def _pay_bands(qs: QuerySet[Placement]) -> list[Counted]:
    posts = qs.filter(kind=PlacementKind.POST)
    bands = []
    for label, low, high in PAY_BANDS:
        condition = Q(monthly_pay__gte=low)
        if high is not None:
            condition &= Q(monthly_pay__lt=high)
        bands.append(Counted(label, posts.filter(condition).count()))
    bands.append(Counted(NO_PAY, posts.filter(monthly_pay__isnull=True).count()))
    return bands


def dashboard_figures(scope: QuerySet[Placement]) -> Dashboard:
    """Return the dashboard's numbers for these placements (all of them counts, no names)."""
    current = scope.filter(status__in=CURRENT_STATES)
    total = current.count()
    alerts = Alert.objects.filter(placement__in=scope.values("pk"))
    incidents = Incident.objects.filter(placement__in=scope.values("pk"))
    return Dashboard(
        current=total,
        active=current.filter(status=PlacementState.ACTIVE).count(),
        by_major=_grouped(current, "student__student_profile__major__name", empty="未填写专业"),
        by_enterprise=_grouped(current, "enterprise__name", empty="—"),
        by_school=_grouped(current, "school__name", empty="—"),
        coverage=[
            Share("三方协议各方均已确认", fully_confirmed(current).count(), total),
            Share("已登记实习责任保险", insured(current).count(), total),
        ],
        open_alerts=alerts.filter(resolved_at__isnull=True).count(),
        alerts=alerts.count(),
        open_incidents=incidents.exclude(status=IncidentState.CLOSED).count(),
        incidents=incidents.count(),
        pay_bands=_pay_bands(current),
    )


def _bars(title: str, rows: list[Counted], *, x_label: str, empty: str) -> ChartSpec:
    shown = rows[:TOP]
    note = f"只显示人数最多的 {TOP} 项，完整数字见下方表格。" if len(rows) > TOP else ""
    return ChartSpec(
        title=title,
        unit="人",
        categories=[row.label for row in shown],
        series=[Series("实习学生", [float(row.count) for row in shown])],
        x_label=x_label,
        note=note,
        empty_text=empty,
    )


def dashboard_charts(figures: Dashboard, *, by_school: bool) -> list[ChartSpec]:
    """The charts of a dashboard: by major (or school), by unit, coverage, pay bands."""
    empty = "暂无当前实习安排。"
    charts = []
    if by_school:
        charts.append(_bars("各学校当前实习学生", figures.by_school, x_label="学校", empty=empty))
    charts.append(_bars("各专业当前实习学生", figures.by_major, x_label="专业", empty=empty))
    charts.append(
        _bars("各实习单位当前实习学生", figures.by_enterprise, x_label="实习单位", empty=empty)
    )
    charts.append(
        ChartSpec(
            title="三方协议与实习责任保险覆盖率",
            unit="%",
            categories=[share.label for share in figures.coverage],
            series=[Series("占当前实习安排", [share.percent for share in figures.coverage])],
            empty_text=empty,
        )
    )
    charts.append(
        ChartSpec(
            title="岗位实习报酬分布",
            unit="人",
            categories=[band.label for band in figures.pay_bands],
            series=[Series("岗位实习学生", [float(band.count) for band in figures.pay_bands])],
            x_label="月报酬",
            empty_text="暂无岗位实习安排。",
        )
    )
    return charts
