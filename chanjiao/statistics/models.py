"""Imported statistics: per school × major × year figures, and 人社 labour-market tables."""

from django.conf import settings
from django.db import models

from chanjiao.common.models import TimeStampedModel


class MajorYearStat(TimeStampedModel):
    """One school's figures for one major in one year (专业点年度统计).

    Destinations follow the MoE 毕业去向 classes: 就业, 升学, 未就业; the sub-cases
    (签就业协议, 签劳动合同, 灵活就业, 自主创业, 应征入伍, 境内升学, 出国出境, 待就业, 暂不就业 …)
    are kept in ``destination_details`` keyed by sub-case code.
    """

    school = models.ForeignKey(
        "organizations.Organization",
        verbose_name="学校",
        on_delete=models.CASCADE,
        related_name="major_year_stats",
    )
    major = models.ForeignKey(
        "catalogs.Major", verbose_name="专业", on_delete=models.PROTECT, related_name="year_stats"
    )
    year = models.PositiveSmallIntegerField("年度", db_index=True)
    planned_enrollment = models.PositiveIntegerField("计划招生数", null=True, blank=True)
    actual_enrollment = models.PositiveIntegerField("实际招生数", null=True, blank=True)
    students_on_roll = models.PositiveIntegerField("在校生数", null=True, blank=True)
    graduates = models.PositiveIntegerField("毕业生数", null=True, blank=True)
    employed = models.PositiveIntegerField("就业人数", null=True, blank=True)
    further_study = models.PositiveIntegerField("升学人数", null=True, blank=True)
    not_employed = models.PositiveIntegerField("未就业人数", null=True, blank=True)
    destination_details = models.JSONField("毕业去向明细", default=dict, blank=True)
    employed_local = models.PositiveIntegerField("本地就业人数", null=True, blank=True)
    employed_related = models.PositiveIntegerField("专业相关就业人数", null=True, blank=True)
    avg_starting_salary = models.DecimalField(
        "平均起薪（元/月）", max_digits=10, decimal_places=2, null=True, blank=True
    )
    external_id = models.CharField("外部编号", max_length=100, blank=True)
    source = models.CharField("数据来源", max_length=200, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="导入人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_demo = models.BooleanField("演示数据", default=False, db_index=True)

    class Meta:
        verbose_name = "专业点年度统计"
        verbose_name_plural = verbose_name
        ordering = ["school_id", "major_id", "year"]
        constraints = [
            models.UniqueConstraint(fields=["school", "major", "year"], name="majoryearstat_unique")
        ]
        indexes = [models.Index(fields=["major", "year"])]

    def __str__(self) -> str:
        return f"{self.school} {self.major} {self.year}"

    @property
    def employment_rate(self) -> float | None:
        """(就业 + 升学) / 毕业生, the MoE 去向落实率; None without graduates."""
        if not self.graduates or self.employed is None:
            return None
        return ((self.employed or 0) + (self.further_study or 0)) / self.graduates

    @property
    def related_employment_rate(self) -> float | None:
        """专业相关就业 / 就业; None without employed graduates."""
        if not self.employed or self.employed_related is None:
            return None
        return self.employed_related / self.employed


class LaborMarketStat(TimeStampedModel):
    """A row of a 人社 供求 table (求人倍率): demand and job seekers for a region and period.

    ``occupation`` is empty for the total row; ``occupation_label`` keeps the table's own wording.
    """

    region = models.ForeignKey(
        "catalogs.Region",
        verbose_name="地区",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="labor_market_stats",
    )
    region_label = models.CharField("地区（原文）", max_length=100)
    year = models.PositiveSmallIntegerField("年度", db_index=True)
    quarter = models.PositiveSmallIntegerField("季度（0 表示全年）", default=0)
    occupation = models.ForeignKey(
        "catalogs.Occupation",
        verbose_name="职业",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="labor_market_stats",
    )
    occupation_label = models.CharField("职业（原文）", max_length=200, blank=True)
    demand_persons = models.PositiveIntegerField("需求人数", null=True, blank=True)
    jobseekers_persons = models.PositiveIntegerField("求职人数", null=True, blank=True)
    vacancy_ratio = models.DecimalField(
        "求人倍率", max_digits=8, decimal_places=2, null=True, blank=True
    )
    cities_monitored = models.PositiveIntegerField("监测城市数", null=True, blank=True)
    source_url = models.URLField("来源网址", max_length=500, blank=True)
    source_kind = models.CharField("来源类型", max_length=200, blank=True)
    note = models.TextField("备注", blank=True)
    is_demo = models.BooleanField("演示数据", default=False, db_index=True)

    class Meta:
        verbose_name = "人力资源市场供求统计"
        verbose_name_plural = verbose_name
        ordering = ["year", "quarter", "region_label", "occupation_label"]
        constraints = [
            models.UniqueConstraint(
                fields=["region_label", "year", "quarter", "occupation_label"],
                name="labormarketstat_unique",
            )
        ]

    def __str__(self) -> str:
        period = f"{self.year}Q{self.quarter}" if self.quarter else str(self.year)
        return f"{self.region_label} {period} {self.occupation_label or '合计'}"
