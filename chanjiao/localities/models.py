"""Locality profiles (地区配置): each locality's policy numbers, key industries and institutions.

Everything is data: a sixth locality is added through the API, the admin or a JSON file.
"""

from decimal import Decimal

from django.db import models
from django.urls import reverse

from chanjiao.common.models import TimeStampedModel


def format_number(value: Decimal | None) -> str:
    """Write a decimal the way the documents do: ``30``, ``2``, ``0.5`` (no trailing zeros)."""
    if value is None:
        return ""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


class Locality(TimeStampedModel):
    name = models.CharField("地区名称", max_length=50, unique=True)
    region = models.ForeignKey(
        "catalogs.Region",
        verbose_name="行政区划",
        on_delete=models.PROTECT,
        related_name="localities",
    )
    document_title = models.CharField("政策文件", max_length=200)
    document_number = models.CharField("文号", max_length=100, blank=True)
    issuer = models.CharField("发文机关", max_length=200, blank=True)
    issued_on = models.DateField("发布日期", null=True, blank=True)
    source_file = models.CharField("文件原文", max_length=100, blank=True)
    summary = models.TextField("概述", blank=True)

    class Meta:
        verbose_name = "地区配置"
        verbose_name_plural = verbose_name
        ordering = ["region__code"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("localities:locality-detail", kwargs={"locality_id": self.pk})


class KeyIndustry(TimeStampedModel):
    """An industry the locality's document names as key, mapped to GB/T 4754 codes."""

    locality = models.ForeignKey(
        Locality, verbose_name="地区", on_delete=models.CASCADE, related_name="key_industries"
    )
    label = models.CharField("文件中的提法", max_length=100)
    industries = models.ManyToManyField(
        "catalogs.Industry", verbose_name="对应国民经济行业", related_name="key_for"
    )
    clause = models.CharField("条款", max_length=100)
    note = models.TextField("说明", blank=True)

    class Meta:
        verbose_name = "重点产业"
        verbose_name_plural = verbose_name
        ordering = ["locality_id", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["locality", "label"], name="keyindustry_unique_label")
        ]

    def __str__(self) -> str:
        return f"{self.locality}：{self.label}"


class NamedInstitution(TimeStampedModel):
    """An institution the locality's document names (schools, parks, platforms)."""

    locality = models.ForeignKey(
        Locality, verbose_name="地区", on_delete=models.CASCADE, related_name="institutions"
    )
    name = models.CharField("名称", max_length=200)
    kind = models.CharField("类别", max_length=50)
    clause = models.CharField("条款", max_length=100)
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name="平台机构",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="named_in",
    )

    class Meta:
        verbose_name = "文件点名机构"
        verbose_name_plural = verbose_name
        ordering = ["locality_id", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["locality", "name"], name="namedinstitution_unique")
        ]

    def __str__(self) -> str:
        return self.name


class Comparison(models.TextChoices):
    AT_LEAST = "gte", "不低于"
    AT_MOST = "lte", "不高于"
    BELOW = "lt", "低于"
    EQUAL = "eq", "等于"
    ABOUT = "approx", "约"
    RANGE = "range", "区间"


class PolicyParameter(TimeStampedModel):
    """A number the locality's policy sets, with the clause it comes from."""

    locality = models.ForeignKey(
        Locality, verbose_name="地区", on_delete=models.CASCADE, related_name="parameters"
    )
    key = models.SlugField("参数键", max_length=80)
    label = models.CharField("参数名称", max_length=200)
    comparison = models.CharField(
        "比较方式", max_length=10, choices=Comparison.choices, default=Comparison.EQUAL
    )
    value = models.DecimalField("数值", max_digits=14, decimal_places=4)
    value_max = models.DecimalField(
        "区间上限", max_digits=14, decimal_places=4, null=True, blank=True
    )
    unit = models.CharField("单位", max_length=20, blank=True)
    clause = models.CharField("条款", max_length=100)
    quote = models.TextField("原文摘录", blank=True)

    class Meta:
        verbose_name = "政策参数"
        verbose_name_plural = verbose_name
        ordering = ["locality_id", "key"]
        constraints = [
            models.UniqueConstraint(fields=["locality", "key"], name="policyparameter_unique_key")
        ]

    def __str__(self) -> str:
        return f"{self.locality} {self.label}：{self.rule_text}"

    @property
    def rule_text(self) -> str:
        """The rule in words, e.g. ``不低于60%``, ``低于30人``, ``约10家``, ``5—6个``."""
        value, unit = format_number(self.value), self.unit
        if self.comparison == Comparison.RANGE:
            return f"{value}—{format_number(self.value_max)}{unit}"
        prefixes: dict[str, str] = {
            Comparison.AT_LEAST: "不低于",
            Comparison.AT_MOST: "不高于",
            Comparison.BELOW: "低于",
            Comparison.ABOUT: "约",
        }
        return f"{prefixes.get(self.comparison, '')}{value}{unit}"
