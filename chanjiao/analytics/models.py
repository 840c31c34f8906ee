"""Count tables filled by the hourly analytics job, and how far each statistic has been filled.

Modelled on Zulip's analytics (``CountStat``, ``*Count`` tables, ``FillState``): dashboards and
reports read these small tables, never the raw listings or statistics rows.
Catalogue dimensions are stored as codes ("" = unknown) so that the unique constraints hold on
every database (NULLs are distinct in a unique index).
"""

from django.db import models


class DemandSource(models.TextChoices):
    LISTINGS = "listings", "平台发布的招聘/实习信息"
    LABOR_MARKET = "labor_market", "人社部门供求统计"


class FillState(models.Model):
    """How far one statistic has been filled (one row per statistic)."""

    class Status(models.TextChoices):
        RUNNING = "running", "正在填充"
        DONE = "done", "已完成"
        FAILED = "failed", "失败"

    stat = models.CharField("统计项", max_length=50, unique=True)
    status = models.CharField("状态", max_length=10, choices=Status.choices)
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)
    watermark = models.DateTimeField(
        "数据截至", null=True, blank=True, help_text="源数据中已计入的最晚更新时间"
    )
    years_filled = models.JSONField("本次填充的年度", default=list, blank=True)
    rows_written = models.PositiveIntegerField("写入行数", default=0)
    last_error = models.TextField("错误信息", blank=True)

    class Meta:
        verbose_name = "统计填充状态"
        verbose_name_plural = verbose_name
        ordering = ["stat"]

    def __str__(self) -> str:
        return f"{self.stat} {self.status}"


class DemandCount(models.Model):
    """Openings and postings per region × year × industry × occupation × source.

    A row exists for the posting's own region and for each region above it (county → city →
    province) for the platform's listings; 人社 figures stay at the region they were published for.
    """

    region = models.ForeignKey(
        "catalogs.Region", verbose_name="地区", on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField("年度")
    source = models.CharField("来源", max_length=20, choices=DemandSource.choices)
    industry_code = models.CharField("行业代码（GB/T 4754）", max_length=10, blank=True)
    occupation_code = models.CharField("职业代码（大典 2022）", max_length=20, blank=True)
    openings = models.PositiveIntegerField("需求人数")
    postings = models.PositiveIntegerField("信息条数")
    jobseekers = models.PositiveIntegerField("求职人数（人社统计）", default=0)

    class Meta:
        verbose_name = "需求计数"
        verbose_name_plural = verbose_name
        constraints = [
            models.UniqueConstraint(
                fields=["region", "year", "source", "industry_code", "occupation_code"],
                name="demandcount_unique",
            )
        ]
        indexes = [models.Index(fields=["region", "year", "source"], name="demandcount_lookup")]

    def __str__(self) -> str:
        return f"{self.region_id} {self.year} {self.source} {self.occupation_code}"


class SupplyCount(models.Model):
    """Graduates, enrollment and schools per region × year × major (from MajorYearStat)."""

    region = models.ForeignKey(
        "catalogs.Region", verbose_name="地区", on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField("年度")
    major = models.ForeignKey(
        "catalogs.Major", verbose_name="专业", on_delete=models.CASCADE, related_name="+"
    )
    schools = models.PositiveIntegerField("开设学校数")
    graduates = models.PositiveIntegerField("毕业生数")
    enrollment = models.PositiveIntegerField("实际招生数")

    class Meta:
        verbose_name = "供给计数"
        verbose_name_plural = verbose_name
        constraints = [
            models.UniqueConstraint(fields=["region", "year", "major"], name="supplycount_unique")
        ]

    def __str__(self) -> str:
        return f"{self.region_id} {self.year} {self.major_id}"


class SupplyDemandCell(models.Model):
    """Demand and supply of one occupation × major pair, apportioned through the crosswalk.

    ``occupation_code`` "" holds supply of majors linked to no occupation; ``major`` NULL holds
    demand of occupations linked to no major. Values are fractional because of apportioning.
    """

    region = models.ForeignKey(
        "catalogs.Region", verbose_name="地区", on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField("年度")
    source = models.CharField("需求来源", max_length=20, choices=DemandSource.choices)
    occupation_code = models.CharField("职业代码", max_length=20, blank=True)
    major = models.ForeignKey(
        "catalogs.Major",
        verbose_name="专业",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    demand = models.FloatField("需求人数（分摊）")
    supply = models.FloatField("毕业生数（分摊）")

    class Meta:
        verbose_name = "供需对照单元"
        verbose_name_plural = verbose_name
        indexes = [models.Index(fields=["region", "year", "source"], name="sdcell_lookup")]

    def __str__(self) -> str:
        return f"{self.region_id} {self.year} {self.occupation_code} {self.major_id}"
