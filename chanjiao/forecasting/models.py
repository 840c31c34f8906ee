"""Stored talent-demand forecasts: one run per locality and level, its series, points and ranks."""

from django.conf import settings
from django.db import models

from chanjiao.common.models import TimeStampedModel


class ForecastLevel(models.TextChoices):
    OCCUPATION_GROUP = "occupation_group", "职业中类"
    INDUSTRY = "industry", "行业门类"


class ForecastMethod(models.TextChoices):
    NAIVE = "naive", "朴素法（沿用上年值）"
    DRIFT = "drift", "漂移法（历史平均增量外推）"
    ETS_SIMPLE = "ets_simple", "指数平滑 ETS(A,N,N)"
    ETS_HOLT = "ets_holt", "Holt 线性趋势 ETS(A,A,N)"
    ETS_DAMPED = "ets_damped", "阻尼趋势 ETS(A,Ad,N)"


class ForecastRun(TimeStampedModel):
    """One computation of forecasts for a locality at one level (the latest one is published)."""

    locality = models.ForeignKey(
        "localities.Locality",
        verbose_name="地区",
        on_delete=models.CASCADE,
        related_name="forecast_runs",
    )
    level = models.CharField("预测对象", max_length=20, choices=ForecastLevel.choices)
    source = models.CharField("历史数据来源", max_length=200)
    base_year = models.PositiveSmallIntegerField("历史数据截至年度")
    horizon = models.PositiveSmallIntegerField("预测年数")
    series_count = models.PositiveIntegerField("序列数", default=0)
    backtested_count = models.PositiveIntegerField("参与回测序列数", default=0)
    beats_naive_count = models.PositiveIntegerField("优于朴素法序列数", default=0)
    mase = models.FloatField("回测 MASE（所选方法，均值）", null=True, blank=True)
    naive_mase = models.FloatField("回测 MASE（朴素法，均值）", null=True, blank=True)
    shortage_threshold = models.FloatField("紧缺判定求人倍率阈值", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="发起人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_demo = models.BooleanField("演示数据", default=False, db_index=True)

    class Meta:
        verbose_name = "需求预测批次"
        verbose_name_plural = verbose_name
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["locality", "level", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.locality} {self.get_level_display()} {self.base_year}"


class ForecastSeries(models.Model):
    """One forecast series (an occupation group or an industry) with its back-test figures."""

    run = models.ForeignKey(ForecastRun, on_delete=models.CASCADE, related_name="series")
    code = models.CharField("代码", max_length=20)
    name = models.CharField("名称", max_length=200)
    method = models.CharField("所选方法", max_length=20, choices=ForecastMethod.choices)
    history = models.JSONField("历史需求（年度→人数）", default=dict)
    supply_history = models.JSONField("历史求职人数（年度→人数）", default=dict, blank=True)
    mase = models.FloatField("回测 MASE", null=True, blank=True)
    naive_mase = models.FloatField("朴素法回测 MASE", null=True, blank=True)
    backtest_errors = models.PositiveIntegerField("回测误差个数", default=0)
    is_small = models.BooleanField("含小于阈值的计数", default=False)

    class Meta:
        verbose_name = "预测序列"
        verbose_name_plural = verbose_name
        ordering = ["run_id", "code"]
        constraints = [
            models.UniqueConstraint(fields=["run", "code"], name="forecastseries_unique_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def beats_naive(self) -> bool | None:
        """Tell whether the chosen method's back-test MASE is below the naive one's."""
        if self.mase is None or self.naive_mase is None:
            return None
        return self.mase < self.naive_mase


class ForecastPoint(models.Model):
    """A forecast for one year of one series, with 80% and 95% prediction intervals."""

    series = models.ForeignKey(ForecastSeries, on_delete=models.CASCADE, related_name="points")
    year = models.PositiveSmallIntegerField("年度")
    point = models.FloatField("预测值")
    lower_80 = models.FloatField("80% 下限", null=True, blank=True)
    upper_80 = models.FloatField("80% 上限", null=True, blank=True)
    lower_95 = models.FloatField("95% 下限", null=True, blank=True)
    upper_95 = models.FloatField("95% 上限", null=True, blank=True)

    class Meta:
        verbose_name = "预测值"
        verbose_name_plural = verbose_name
        ordering = ["series_id", "year"]
        constraints = [
            models.UniqueConstraint(fields=["series", "year"], name="forecastpoint_unique_year")
        ]

    def __str__(self) -> str:
        return f"{self.series.code} {self.year}: {self.point:.0f}"


class ShortageRank(models.Model):
    """The rank of an occupation group by forecast 求人倍率, with its rank one period earlier."""

    run = models.ForeignKey(ForecastRun, on_delete=models.CASCADE, related_name="shortage_ranks")
    series = models.OneToOneField(
        ForecastSeries, on_delete=models.CASCADE, related_name="shortage_rank"
    )
    year = models.PositiveSmallIntegerField("预测年度")
    demand = models.FloatField("预测需求人数")
    supply = models.FloatField("求职人数（最近一年）")
    ratio = models.FloatField("预测求人倍率")
    rank = models.PositiveIntegerField("排名")
    previous_rank = models.PositiveIntegerField("上期排名", null=True, blank=True)
    is_shortage = models.BooleanField("紧缺", default=False)

    class Meta:
        verbose_name = "紧缺职业排名"
        verbose_name_plural = verbose_name
        ordering = ["run_id", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["run", "rank"], name="shortagerank_unique_rank")
        ]

    def __str__(self) -> str:
        return f"{self.rank}. {self.series.name}"

    @property
    def rank_change(self) -> int | None:
        """Places gained since the previous period (positive = moved up); None when new."""
        if self.previous_rank is None:
            return None
        return self.previous_rank - self.rank
