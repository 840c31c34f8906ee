"""Supply and demand information (供需信息) of every kind, its history, reports and consents."""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from chanjiao.common.crypto import EncryptedTextField
from chanjiao.common.models import TimeStampedModel
from chanjiao.listings.kinds import Direction, Education, ListingKind, kind_spec

# The fields that hold an item's own content (not its workflow state or catalogue links).
LISTING_CONTENT_FIELDS = (
    "title",
    "description",
    "direction",
    "education",
    "experience_years",
    "salary_min",
    "salary_max",
    "quantity",
    "skills",
    "valid_from",
    "valid_until",
    "contact_name",
    "contact_phone",
    "details",
    "external_id",
)


class ListingStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "待审核"
    APPROVED = "approved", "已通过（待生效）"
    REJECTED = "rejected", "已驳回"
    PUBLISHED = "published", "已发布"
    CLOSED = "closed", "已关闭"
    EXPIRED = "expired", "已过期"


def live_condition() -> Q:
    """Published and not past its end date (even before the hourly expiry job has run)."""
    today = timezone.localdate()
    return Q(status=ListingStatus.PUBLISHED) & (
        Q(valid_until__isnull=True) | Q(valid_until__gte=today)
    )


class ListingQuerySet(models.QuerySet["Listing"]):
    def published(self) -> "ListingQuerySet":
        return self.filter(live_condition())

    def public(self) -> "ListingQuerySet":
        """Published and not personal: what an anonymous visitor may see."""
        return self.published().exclude(kind=ListingKind.JOBSEEKER)

    def of_kind(self, kind: str) -> "ListingQuerySet":
        return self.filter(kind=kind)


class OccupationSource(models.TextChoices):
    """How a post's occupation was set: chosen by the publisher, a suggestion they confirmed,
    or filled by the classifier when they gave none (with ``occupation_confidence``)."""

    DECLARED = "declared", "发布者填写"
    CONFIRMED = "confirmed", "发布者确认推荐"
    CLASSIFIED = "classified", "自动分类"


class Listing(TimeStampedModel):
    kind = models.CharField("信息类型", max_length=20, choices=ListingKind.choices)
    direction = models.CharField("供需方向", max_length=10, choices=Direction.choices)
    title = models.CharField("标题", max_length=200)
    description = models.TextField("详细说明", blank=True)
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name="发布机构",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="listings",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="发布人",
        on_delete=models.PROTECT,
        related_name="listings",
    )
    region = models.ForeignKey(
        "catalogs.Region", verbose_name="地区", on_delete=models.PROTECT, related_name="listings"
    )
    industry = models.ForeignKey(
        "catalogs.Industry",
        verbose_name="行业",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="listings",
    )
    occupation = models.ForeignKey(
        "catalogs.Occupation",
        verbose_name="职业",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="listings",
    )
    occupation_source = models.CharField(
        "职业来源", max_length=12, choices=OccupationSource.choices, blank=True, default=""
    )
    occupation_confidence = models.FloatField("职业分类置信度", null=True, blank=True)
    majors = models.ManyToManyField("catalogs.Major", verbose_name="专业", blank=True)
    education = models.CharField("学历", max_length=20, choices=Education.choices, blank=True)
    experience_years = models.PositiveSmallIntegerField("工作经验（年）", null=True, blank=True)
    salary_min = models.PositiveIntegerField("薪酬下限（元/月）", null=True, blank=True)
    salary_max = models.PositiveIntegerField("薪酬上限（元/月）", null=True, blank=True)
    quantity = models.PositiveIntegerField("数量", null=True, blank=True)
    skills = models.CharField("技能", max_length=500, blank=True)
    valid_from = models.DateField("有效期起", null=True, blank=True)
    valid_until = models.DateField("有效期止", null=True, blank=True, db_index=True)
    contact_name = models.CharField("联系人", max_length=50, blank=True)
    contact_phone = EncryptedTextField("联系电话", max_length=20, blank=True)
    details = models.JSONField("类型专有字段", default=dict, blank=True)
    external_id = models.CharField("外部编号", max_length=64, blank=True)

    status = models.CharField(
        "状态", max_length=20, choices=ListingStatus.choices, default=ListingStatus.DRAFT
    )
    status_reason = models.CharField("驳回/关闭原因", max_length=500, blank=True)
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    reviewed_at = models.DateTimeField("审核时间", null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审核人",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    published_at = models.DateTimeField("发布时间", null=True, blank=True, db_index=True)
    closed_at = models.DateTimeField("关闭时间", null=True, blank=True)
    open_report_count = models.PositiveIntegerField("待处理举报", default=0)
    version = models.PositiveIntegerField("版本", default=1)
    is_demo = models.BooleanField("演示数据", default=False, db_index=True)

    objects = ListingQuerySet.as_manager()

    class Meta:
        verbose_name = "供需信息"
        verbose_name_plural = verbose_name
        ordering = ["-published_at", "-pk"]
        indexes = [
            models.Index(fields=["kind", "status", "-published_at"], name="listing_kind_status"),
            models.Index(fields=["organization", "kind"], name="listing_org_kind"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organization", "kind", "external_id"],
                condition=~Q(external_id=""),
                name="listing_unique_external_id",
                violation_error_message="本机构已有使用该外部编号的同类信息。",
            ),
            models.CheckConstraint(
                condition=Q(salary_min__isnull=True)
                | Q(salary_max__isnull=True)
                | Q(salary_min__lte=models.F("salary_max")),
                name="listing_salary_range",
                violation_error_message="薪酬下限不能高于薪酬上限。",
            ),
        ]

    def __str__(self) -> str:
        return f"[{self.get_kind_display()}] {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("listings:detail", kwargs={"kind": self.kind, "listing_id": self.pk})

    @property
    def spec(self) -> Any:
        return kind_spec(self.kind)

    @property
    def review_region_code(self) -> str:
        """The region whose reviewers handle this item: the publisher's, or the item's own."""
        if self.organization is not None:
            return str(self.organization.region.code)
        return str(self.region.code)

    @property
    def is_live(self) -> bool:
        """Published and not past its end date: ``live_condition`` for a row already loaded."""
        return self.status == ListingStatus.PUBLISHED and (
            self.valid_until is None or self.valid_until >= timezone.localdate()
        )

    @property
    def is_public(self) -> bool:
        return self.status == ListingStatus.PUBLISHED and not self.spec.is_personal


class ListingEvent(models.Model):
    """One step in an item's history: a transition, an edit (with the snapshot), a report."""

    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField("操作", max_length=30)
    from_status = models.CharField("原状态", max_length=20, blank=True)
    to_status = models.CharField("新状态", max_length=20, blank=True)
    reason = models.CharField("原因", max_length=500, blank=True)
    snapshot = models.JSONField("内容快照", default=dict, blank=True)
    version = models.PositiveIntegerField("版本", default=1)
    created_at = models.DateTimeField("时间", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "信息历史"
        verbose_name_plural = verbose_name
        ordering = ["listing_id", "pk"]

    def __str__(self) -> str:
        return f"{self.listing_id} {self.action} {self.from_status}→{self.to_status}"


class ReportReason(models.TextChoices):
    FAKE = "fake", "虚假信息"
    FEES = "fees", "向求职者收费"
    DISCRIMINATION = "discrimination", "就业歧视"
    OTHER = "other", "其他"


class ListingReport(TimeStampedModel):
    """A signed-in user's report against an item; an open report sends it back to review."""

    class Status(models.TextChoices):
        OPEN = "open", "待处理"
        UPHELD = "upheld", "举报属实"
        DISMISSED = "dismissed", "举报不成立"

    listing = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="listing_reports"
    )
    reason = models.CharField("举报原因", max_length=20, choices=ReportReason.choices)
    detail = models.TextField("说明", max_length=2000, blank=True)
    status = models.CharField(
        "处理状态", max_length=20, choices=Status.choices, default=Status.OPEN
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField("处理时间", null=True, blank=True)

    class Meta:
        verbose_name = "举报"
        verbose_name_plural = verbose_name
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["listing", "reporter"],
                condition=Q(status="open"),
                name="listingreport_one_open_per_reporter",
            )
        ]

    def __str__(self) -> str:
        return f"{self.listing_id} {self.get_reason_display()}"


class ProfileConsent(TimeStampedModel):
    """A person's separate consent (PIPL Art. 23) to show their profile to one organisation."""

    profile = models.ForeignKey(Listing, on_delete=models.CASCADE, related_name="consents")
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="profile_consents"
    )
    application_for = models.ForeignKey(
        Listing,
        verbose_name="应聘岗位",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField("撤回时间", null=True, blank=True)

    class Meta:
        verbose_name = "个人信息授权"
        verbose_name_plural = verbose_name
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["profile", "organization"],
                condition=Q(withdrawn_at__isnull=True),
                name="profileconsent_one_active",
            )
        ]

    def __str__(self) -> str:
        return f"{self.profile_id} → {self.organization_id}"


class ExportJob(TimeStampedModel):
    """A large export written by the worker; its owner downloads the file when it is ready."""

    class Status(models.TextChoices):
        QUEUED = "queued", "排队中"
        RUNNING = "running", "生成中"
        DONE = "done", "已完成"
        FAILED = "failed", "失败"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="listing_export_jobs"
    )
    scope = models.CharField("导出范围", max_length=10)
    file_format = models.CharField("文件格式", max_length=5)
    filters = models.JSONField("筛选条件", default=dict, blank=True)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.QUEUED)
    file = models.FileField("文件", upload_to="exports/listings/%Y/%m/", blank=True)
    filename = models.CharField("文件名", max_length=200, blank=True)
    rows = models.PositiveIntegerField("行数", default=0)
    message = models.CharField("说明", max_length=500, blank=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)

    class Meta:
        verbose_name = "导出任务"
        verbose_name_plural = verbose_name
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.pk} {self.get_status_display()}"
