"""Models of the crosswalk app: listing classifications and non-official crosswalk links.

Official major→occupation links (teaching standards) stay in ``catalogs.MajorOccupationLink``;
the rows here are the platform's own evidence (inferred, curated by staff, observed in posts).
"""

from django.conf import settings
from django.db import models

from chanjiao.common.models import TimeStampedModel


class ClassificationMethod(models.TextChoices):
    DECLARED = "declared", "发布者选定"
    CLASSIFIED = "classified", "自动分类"


class ListingOccupation(TimeStampedModel):
    """The 大典 occupation of a job or internship post, with the classifier's guess."""

    listing = models.OneToOneField(
        "listings.Listing",
        verbose_name="供需信息",
        on_delete=models.CASCADE,
        related_name="occupation_classification",
    )
    occupation = models.ForeignKey(
        "catalogs.Occupation",
        verbose_name="职业",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    method = models.CharField("来源", max_length=12, choices=ClassificationMethod.choices)
    confidence = models.FloatField("置信度", default=0.0)
    guessed_occupation = models.ForeignKey(
        "catalogs.Occupation",
        verbose_name="分类器结果",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    guessed_confidence = models.FloatField("分类器置信度", default=0.0)
    candidates = models.JSONField("候选职业", default=list, blank=True)
    classifier_version = models.CharField("分类器版本", max_length=40)
    listing_version = models.PositiveIntegerField("信息版本")

    class Meta:
        verbose_name = "供需信息职业分类"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return f"{self.listing_id} → {self.occupation_id}"


class LinkEvidence(models.TextChoices):
    INFERRED = "inferred", "推断"
    CURATED = "curated", "人工维护"
    OBSERVED = "observed", "招聘信息统计"


class LinkStatus(models.TextChoices):
    PROPOSED = "proposed", "待确认"
    CONFIRMED = "confirmed", "已确认"
    REJECTED = "rejected", "已否决"
    ACTIVE = "active", "有效"
    REMOVED = "removed", "已删除"


LIVE_STATUSES = (LinkStatus.PROPOSED, LinkStatus.CONFIRMED, LinkStatus.ACTIVE)


class _CrosswalkLink(TimeStampedModel):
    evidence = models.CharField("依据类型", max_length=10, choices=LinkEvidence.choices)
    status = models.CharField("状态", max_length=10, choices=LinkStatus.choices)
    confidence = models.FloatField("置信度/权重", default=1.0)
    note = models.TextField("依据说明", blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="最后修改人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        abstract = True

    @property
    def is_live(self) -> bool:
        return self.status in LIVE_STATUSES


class MajorLink(_CrosswalkLink):
    """A major ↔ occupation link that is not official: inferred or curated by staff."""

    major = models.ForeignKey(
        "catalogs.Major",
        verbose_name="专业",
        on_delete=models.PROTECT,
        related_name="crosswalk_links",
    )
    occupation = models.ForeignKey(
        "catalogs.Occupation",
        verbose_name="职业",
        on_delete=models.PROTECT,
        related_name="crosswalk_major_links",
    )

    class Meta:
        verbose_name = "专业—职业对应（非课标）"
        verbose_name_plural = verbose_name
        ordering = ["major_id", "-confidence"]
        constraints = [
            models.UniqueConstraint(
                fields=["major", "occupation", "evidence"], name="crosswalk_majorlink_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.major_id} → {self.occupation_id} ({self.evidence})"


class IndustryLink(_CrosswalkLink):
    """An occupation ↔ industry link: observed in published posts, or curated by staff."""

    occupation = models.ForeignKey(
        "catalogs.Occupation",
        verbose_name="职业",
        on_delete=models.PROTECT,
        related_name="crosswalk_industry_links",
    )
    industry = models.ForeignKey(
        "catalogs.Industry",
        verbose_name="行业",
        on_delete=models.PROTECT,
        related_name="crosswalk_occupation_links",
    )
    post_count = models.PositiveIntegerField("招聘信息数", default=0)

    class Meta:
        verbose_name = "职业—行业对应"
        verbose_name_plural = verbose_name
        ordering = ["occupation_id", "-confidence"]
        constraints = [
            models.UniqueConstraint(
                fields=["occupation", "industry", "evidence"], name="crosswalk_industrylink_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.occupation_id} → {self.industry_id} ({self.evidence})"


class TitleLabelSource(models.TextChoices):
    PUBLISHER = "publisher", "发布者确认"
    REVIEWER = "reviewer", "审核员校订"
    STAFF = "staff", "平台人员标注"


class TitleLabel(TimeStampedModel):
    """A title whose 大典 occupation a person confirmed; the periodic re-fit learns from them."""

    title = models.CharField("标题", max_length=200)
    description = models.TextField("描述", blank=True)
    occupation = models.ForeignKey(
        "catalogs.Occupation", verbose_name="职业", on_delete=models.PROTECT, related_name="+"
    )
    source = models.CharField("来源", max_length=12, choices=TitleLabelSource.choices)
    listing = models.ForeignKey(
        "listings.Listing",
        verbose_name="供需信息",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    labelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="标注人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    guessed_occupation = models.ForeignKey(
        "catalogs.Occupation",
        verbose_name="分类器当时的结果",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = "职业标注"
        verbose_name_plural = verbose_name
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["listing", "source"],
                condition=models.Q(listing__isnull=False),
                name="titlelabel_one_per_listing_source",
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} → {self.occupation_id}"


class ClassifierFit(TimeStampedModel):
    """One re-fit of the title classifier: the confirmed labels it learnt from (those up to
    ``labels_until``). The classifier's version changes with each fit, not with each new label,
    so stored classifications go stale once per re-fit."""

    labels_until = models.DateTimeField("纳入标注截至")
    label_count = models.PositiveIntegerField("标注数")
    build_seconds = models.FloatField("构建秒数", default=0.0)

    class Meta:
        verbose_name = "职业分类器拟合记录"
        verbose_name_plural = verbose_name
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} · {self.label_count} 条标注"
