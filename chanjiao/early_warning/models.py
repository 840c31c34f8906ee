"""专业预警: per-locality rules, evaluation runs, the flags they raise, the schools' answers."""

from django.conf import settings
from django.db import models

from chanjiao.common.models import TimeStampedModel


class RuleType(models.TextChoices):
    LOW_ENROLLMENT = "low_enrollment", "招生规模不足"
    DUPLICATE_OFFERING = "duplicate_offering", "设置雷同"
    KEY_INDUSTRY_MATCH = "key_industry_match", "与重点产业匹配度低"
    LOW_EMPLOYMENT = "low_employment", "就业连续不达标"
    BOTTOM_PERCENTILE = "bottom_percentile", "指标连续排名末位"
    INDICATORS_FAILING = "indicators_failing", "多项指标不达标"
    NEEDS_DATA = "needs_data", "缺少数据，暂不能评估"


class Level(models.TextChoices):
    NOTICE = "notice", "提示"
    WARNING = "warning", "预警"
    REDUCE = "reduce", "调减"
    STOP = "stop", "停招"


LEVEL_RANK = {Level.NOTICE: 1, Level.WARNING: 2, Level.REDUCE: 3, Level.STOP: 4}


class WarningRule(TimeStampedModel):
    """One warning rule of a locality, with its parameters and the clause it comes from."""

    locality = models.ForeignKey(
        "localities.Locality",
        verbose_name="地区",
        on_delete=models.CASCADE,
        related_name="warning_rules",
    )
    key = models.SlugField("规则键", max_length=80)
    name = models.CharField("规则名称", max_length=200)
    rule_type = models.CharField("规则类型", max_length=30, choices=RuleType.choices)
    params = models.JSONField("参数", default=dict)
    level = models.CharField("预警等级", max_length=10, choices=Level.choices)
    exempt_majors = models.ManyToManyField(
        "catalogs.Major", verbose_name="豁免专业", blank=True, related_name="+"
    )
    clause = models.CharField("条款", max_length=100)
    quote = models.TextField("原文摘录", blank=True)
    note = models.TextField("说明", blank=True)
    is_active = models.BooleanField("启用", default=True)
    order = models.PositiveSmallIntegerField("顺序", default=0)
    is_edited = models.BooleanField("已由管理员修改", default=False)

    class Meta:
        verbose_name = "预警规则"
        verbose_name_plural = verbose_name
        ordering = ["locality_id", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["locality", "key"], name="warningrule_unique_key")
        ]

    def __str__(self) -> str:
        return f"{self.locality}：{self.name}"


class WarningRun(TimeStampedModel):
    """One evaluation of a locality's rules for one year."""

    locality = models.ForeignKey(
        "localities.Locality",
        verbose_name="地区",
        on_delete=models.CASCADE,
        related_name="warning_runs",
    )
    year = models.PositiveSmallIntegerField("年度")
    started_at = models.DateTimeField("开始时间")
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)
    rules_evaluated = models.PositiveIntegerField("评估规则数", default=0)
    pairs_evaluated = models.PositiveIntegerField("评估专业点数", default=0)
    flags_raised = models.PositiveIntegerField("预警数", default=0)
    counts = models.JSONField("按规则、等级计数", default=dict, blank=True)
    insufficient = models.JSONField("证据不足", default=list, blank=True)
    triggered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="触发人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_demo = models.BooleanField("演示数据", default=False, db_index=True)

    class Meta:
        verbose_name = "预警评估"
        verbose_name_plural = verbose_name
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.locality} {self.year} 预警评估"


class FlagStatus(models.TextChoices):
    OPEN = "open", "待回应"
    RESPONDED = "responded", "学校已回应"
    CLOSED = "closed", "已关闭"


class WarningFlag(TimeStampedModel):
    """A rule found a school's major in one year; ``evidence`` holds the numbers used."""

    locality = models.ForeignKey(
        "localities.Locality",
        verbose_name="地区",
        on_delete=models.CASCADE,
        related_name="warning_flags",
    )
    run = models.ForeignKey(
        WarningRun, verbose_name="评估批次", on_delete=models.PROTECT, related_name="flags"
    )
    rule = models.ForeignKey(
        WarningRule, verbose_name="预警规则", on_delete=models.PROTECT, related_name="flags"
    )
    school = models.ForeignKey(
        "organizations.Organization",
        verbose_name="学校",
        on_delete=models.CASCADE,
        related_name="warning_flags",
    )
    major = models.ForeignKey(
        "catalogs.Major", verbose_name="专业", on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField("年度", db_index=True)
    level = models.CharField("预警等级", max_length=10, choices=Level.choices)
    evidence = models.JSONField("证据", default=dict)
    summary = models.CharField("证据摘要", max_length=500)
    status = models.CharField(
        "状态", max_length=12, choices=FlagStatus.choices, default=FlagStatus.OPEN
    )

    class Meta:
        verbose_name = "专业预警"
        verbose_name_plural = verbose_name
        ordering = ["-year", "school_id", "major__code", "rule__order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "school", "major", "year"], name="warningflag_unique"
            )
        ]
        indexes = [models.Index(fields=["locality", "year"])]

    def __str__(self) -> str:
        return f"{self.school} {self.major} {self.year}：{self.rule.name}"

    @property
    def level_rank(self) -> int:
        """Return 1 (提示) to 4 (停招)."""
        return LEVEL_RANK[Level(self.level)]


class ResponseKind(models.TextChoices):
    SCHOOL = "school", "学校回应"
    CLOSE = "close", "关闭说明"


class WarningResponse(TimeStampedModel):
    """A school's answer to a flag, or the officer's note when closing it."""

    flag = models.ForeignKey(
        WarningFlag, verbose_name="专业预警", on_delete=models.CASCADE, related_name="responses"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="作者（空为系统）",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    kind = models.CharField("类型", max_length=10, choices=ResponseKind.choices)
    text = models.TextField("内容")

    class Meta:
        verbose_name = "预警回应"
        verbose_name_plural = verbose_name
        ordering = ["flag_id", "created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.flag_id} {self.get_kind_display()}"
