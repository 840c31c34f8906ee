"""One generator class per report (django-oscar ``ReportGenerator``): who may have it, its data.

The yearly 《XX市年度技能人才供需报告》 and the quarterly 就业信息发布 each come in two versions:
the internal one, for the locality's officers and platform staff, and the public one, which
everybody may read and in which counts below 5 and the names of schools under warning are left
out.
"""

from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any, ClassVar

from django.contrib.auth.models import AnonymousUser

from chanjiao.accounts.models import User
from chanjiao.analytics import charts
from chanjiao.forecasting.explanations import PLAIN_PARAGRAPHS, plain_summary_text
from chanjiao.localities.models import Locality
from chanjiao.localities.permissions import user_is_locality_officer
from chanjiao.reports.downloads import report_download_name, report_title
from chanjiao.reports.selectors import BulletinData, ReportData, bulletin_data, report_data

TOP = 10


@dataclass
class ReportGenerator(ABC):
    """Base: a report of one locality and period, internal or public."""

    code: ClassVar[str] = ""
    label: ClassVar[str] = ""
    template_name: ClassVar[str] = ""

    locality: Locality
    year: int
    is_public: bool = False

    def is_available_to(self, user: User | AnonymousUser | None) -> bool:
        """The public version is for everybody; the internal one for the locality's officers."""
        return self.is_public or user_is_locality_officer(user, self.locality)

    @property
    @abstractmethod
    def title(self) -> str:
        """The report's Chinese title, e.g. 《梧州市2025年度技能人才供需报告》."""

    def filename(self, fmt: str) -> str:
        """Return an ASCII download name, e.g. ``4504-2025-yearly-public.pdf``."""
        version = "public" if self.is_public else "internal"
        return f"{self.locality.region.code}-{self.period_slug}-{self.code}-{version}.{fmt}"

    def download_name(self, fmt: str) -> str:
        """Return the Chinese download name: the title (``…报告.pdf``, ``…报告（内部版）.pdf``)."""
        return report_download_name(
            locality_name=self.locality.name,
            year=self.year,
            is_public=self.is_public,
            fmt=fmt,
            quarter=getattr(self, "quarter", None),
        )

    @property
    def period_slug(self) -> str:
        return str(self.year)

    @abstractmethod
    def context(self, *, user: User | AnonymousUser | None) -> dict[str, Any]:
        """The template's context for this user (public figures suppressed)."""


def _top(rows: list[Any], *, attribute: str = "value") -> list[Any]:
    return [r for r in rows if not r.suppressed and getattr(r, attribute) is not None][:TOP]


def yearly_charts(data: ReportData) -> list[charts.Chart]:
    """The four charts of the yearly report and the dashboard, each titled with its unit."""
    industries = _top(data.demand_by_industry)
    shortage = [r for r in data.shortage if r.ratio is not None][:TOP]
    warned = data.warnings_by_major[:TOP]
    majors = _top(data.supply_demand, attribute="demand")
    return [
        charts.bar_chart(
            title=f"{data.year}年各行业岗位需求人数（人）",
            labels=[r.name for r in industries],
            values=[r.value for r in industries],
            x_label="需求人数（人）",
            y_label="行业门类",
            empty_text=data.reasons.get("demand_by_industry", "本年度无分行业需求数据"),
        ),
        charts.bar_chart(
            title="紧缺职业预测求人倍率（倍）",
            labels=[r.name for r in shortage],
            values=[r.ratio for r in shortage],
            x_label="预测求人倍率（倍）",
            y_label="职业中类",
            empty_text="无紧缺职业（无预测数据，或预测求人倍率均未超过阈值）",
        ),
        charts.bar_chart(
            title=f"{data.year}年预警专业（专业点数，个）",
            labels=[r.name for r in warned],
            values=[r.value for r in warned],
            x_label="预警专业点数（个）",
            y_label="专业",
            empty_text="本年度无预警专业",
        ),
        charts.paired_bar_chart(
            title=f"{data.year}年分专业人才供需对比（人）",
            labels=[r.name for r in majors],
            series={
                "需求人数": [r.demand or 0 for r in majors],
                "毕业生供给人数": [r.supply or 0 for r in majors],
            },
            x_label="人数（人）",
            y_label="专业",
            empty_text=data.reasons.get("supply_demand", "本年度无分专业供需数据"),
        ),
    ]


class YearlySupplyDemandReport(ReportGenerator):
    """《XX市 YYYY 年度技能人才供需报告》 (梧州 （六）: 定期发布年度技能人才供需信息)."""

    code = "yearly"
    label = "年度技能人才供需报告"
    template_name = "reports/yearly.html"

    @property
    def title(self) -> str:
        return report_title(locality_name=self.locality.name, year=self.year)

    def data(self, *, user: User | AnonymousUser | None) -> ReportData:
        return report_data(
            locality=self.locality, year=self.year, is_public=self.is_public, fetched_by=user
        )

    def context(self, *, user: User | AnonymousUser | None) -> dict[str, Any]:
        data = self.data(user=user)
        run = data.forecast.run if data.forecast else None
        return {
            "report": self,
            "data": data,
            "charts": yearly_charts(data),
            # Reports are read by the public: the method in plain words (the forecast page
            # links the technical note).
            "method_paragraphs": PLAIN_PARAGRAPHS,
            "forecast_summary": plain_summary_text(run) if run else "",
            "top": TOP,
        }


@dataclass
class EmploymentBulletinReport(ReportGenerator):
    """The quarterly 就业信息发布 (梧州 （十八）, 五华 （十七）: 就业情况定期发布)."""

    code: ClassVar[str] = "bulletin"
    label: ClassVar[str] = "就业信息发布（季度）"
    template_name: ClassVar[str] = "reports/bulletin.html"

    quarter: int = 1

    @property
    def title(self) -> str:
        return report_title(locality_name=self.locality.name, year=self.year, quarter=self.quarter)

    @property
    def period_slug(self) -> str:
        return f"{self.year}q{self.quarter}"

    def context(self, *, user: User | AnonymousUser | None) -> dict[str, Any]:
        data: BulletinData = bulletin_data(
            locality=self.locality,
            year=self.year,
            quarter=self.quarter,
            is_public=self.is_public,
            fetched_by=user,
        )
        occupations = _top(data.occupations, attribute="demand")
        chart = charts.paired_bar_chart(
            title=f"{self.year}年第{self.quarter}季度分职业供求人数（人）",
            labels=[r.name for r in occupations],
            series={
                "需求人数": [r.demand or 0 for r in occupations],
                "求职人数": [r.supply or 0 for r in occupations],
            },
            x_label="人数（人）",
            y_label="职业",
            empty_text="本季度人社供求统计未按职业分列"
            if data.totals
            else "本季度尚无人社供求统计数据",
        )
        return {
            "report": self,
            "data": data,
            "charts": [chart],
            "top": TOP,
            "method_paragraphs": PLAIN_PARAGRAPHS,
        }


GENERATORS: dict[str, type[ReportGenerator]] = {
    YearlySupplyDemandReport.code: YearlySupplyDemandReport,
    EmploymentBulletinReport.code: EmploymentBulletinReport,
}
