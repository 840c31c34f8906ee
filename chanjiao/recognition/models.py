"""Recognition programmes (认定项目) and the organisations moving through them.

A ``Programme`` (产教融合型企业, 校企合作基地, 名师基地, 实训基地, 产业学院…) belongs to a locality
and is data (``data/programmes.json``, loaded by ``chanjiao load_programmes``): its conditions with
their clause, its stages, validity, notice period, target and incentive rules. A ``Recognition``
is one organisation's way through one programme, moved by the ``recognition`` workflow
(``recognition.workflow``): 入库 → 已申报 → 初审通过 → 复核通过 → 公示中 → 已认定 → 已失效 /
已退出 / 已撤销; 已申报 ⇄ 退回补正; 未通过.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from chanjiao.common.models import TimeStampedModel


class ProgrammeKind(models.TextChoices):
    ENTERPRISE = "enterprise", "产教融合型企业"
    COOPERATION_BASE = "cooperation_base", "校企合作基地"
    MASTER_TEACHER_BASE = "master_teacher_base", "名师基地"
    TRAINING_BASE = "training_base", "实训基地"
    INDUSTRY_COLLEGE = "industry_college", "产业学院"


class ProgrammeLevel(models.TextChoices):
    NATIONAL = "national", "国家级"
    PROVINCIAL = "provincial", "省级"
    CITY = "city", "市级"
    DISTRICT = "district", "区（县）级"


class EvidenceSource(models.TextChoices):
    """Where the platform finds a condition's evidence; ``attachment``: only the applicant knows."""

    COOPERATION = "cooperation", "校企合作项目"
    ORDER_CLASS = "order_class", "订单培养"
    INTERNSHIP_POSTS = "internship_posts", "提供实习岗位数"
    INTERNSHIP_FILLED = "internship_filled", "接收实习学生数"
    INTERNSHIP_QUOTA = "internship_quota", "实习岗位比例"
    MENTOR = "mentor", "兼职教师/产业导师"
    TRAINING = "training", "培训项目"
    RND = "rnd", "项目研发"
    TECH_SERVICE = "tech_service", "技术服务"
    TRAINING_BASE = "training_base", "实训基地信息"
    APPLICATIONS = "applications", "收到的岗位投递"
    ATTACHMENT = "attachment", "申报材料（上传）"


class Programme(TimeStampedModel):
    locality = models.ForeignKey(
        "localities.Locality", on_delete=models.PROTECT, related_name="programmes"
    )
    key = models.SlugField("项目键", max_length=80)
    name = models.CharField("项目名称", max_length=100)
    kind = models.CharField("类别", max_length=24, choices=ProgrammeKind.choices)
    level = models.CharField("级别", max_length=12, choices=ProgrammeLevel.choices)
    clause = models.CharField("依据条款", max_length=100)
    basis = models.TextField("依据说明", blank=True)
    certifier = models.CharField("认定机关", max_length=200, blank=True)
    preliminary_department = models.CharField("初审部门", max_length=200, blank=True)
    applicant_types = models.JSONField("可申报机构类型", default=list)
    stages = models.JSONField("阶段说明", default=dict, blank=True)
    validity_years = models.PositiveSmallIntegerField("有效期（年）", default=3)
    notice_days = models.PositiveSmallIntegerField("公示期（天）", default=5)
    evidence_years = models.PositiveSmallIntegerField("材料统计年限（年）", default=3)
    recheck_annually = models.BooleanField("年度复核", default=True)
    target_parameter_key = models.CharField("目标参数键", max_length=80, blank=True)
    credit_rule = models.JSONField("附加抵免规则", default=dict, blank=True)
    incentive_kinds = models.JSONField("激励类别", default=list, blank=True)
    certificate_prefix = models.CharField("证书编号前缀", max_length=20, blank=True)
    is_active = models.BooleanField("开放申报", default=True)

    class Meta:
        verbose_name = "认定项目"
        verbose_name_plural = "认定项目"
        ordering = ("locality_id", "key")
        constraints = [
            models.UniqueConstraint(fields=("locality", "key"), name="programme_unique_key")
        ]

    def __str__(self) -> str:
        return self.name


class Condition(models.Model):
    programme = models.ForeignKey(Programme, on_delete=models.CASCADE, related_name="conditions")
    key = models.SlugField("条件键", max_length=80)
    label = models.CharField("条件", max_length=200)
    clause = models.CharField("依据条款", max_length=100)
    source = models.CharField("依据文件", max_length=200)
    quote = models.TextField("原文摘录", blank=True)
    is_verified = models.BooleanField("依据已核对", default=True)
    evidence = models.CharField("证据来源", max_length=20, choices=EvidenceSource.choices)
    threshold = models.PositiveIntegerField("参考数量", null=True, blank=True)
    max_score = models.PositiveSmallIntegerField("满分", default=10)
    position = models.PositiveSmallIntegerField("顺序", default=0)

    class Meta:
        verbose_name = "认定条件"
        verbose_name_plural = "认定条件"
        ordering = ("programme_id", "position", "pk")
        constraints = [
            models.UniqueConstraint(fields=("programme", "key"), name="condition_unique_key")
        ]

    def __str__(self) -> str:
        return self.label


class RecognitionState(models.TextChoices):
    RESERVE = "reserve", "入库（培育）"
    SUBMITTED = "submitted", "已申报"
    RETURNED = "returned", "退回补正"
    PRELIMINARY = "preliminary", "初审通过"
    REVIEWED = "reviewed", "复核通过"
    NOTICE = "notice", "公示中"
    CERTIFIED = "certified", "已认定"
    REJECTED = "rejected", "未通过"
    LAPSED = "lapsed", "已失效"
    WITHDRAWN = "withdrawn", "已退出"
    REVOKED = "revoked", "已撤销"


OPEN_STATES = frozenset(
    {
        RecognitionState.RESERVE,
        RecognitionState.SUBMITTED,
        RecognitionState.RETURNED,
        RecognitionState.PRELIMINARY,
        RecognitionState.REVIEWED,
        RecognitionState.NOTICE,
        RecognitionState.CERTIFIED,
    }
)


class Recognition(TimeStampedModel):
    programme = models.ForeignKey(Programme, on_delete=models.PROTECT, related_name="recognitions")
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.PROTECT, related_name="recognitions"
    )
    status = models.CharField(
        "状态", max_length=12, choices=RecognitionState.choices, default=RecognitionState.RESERVE
    )
    statement = models.TextField("申报说明", max_length=5000, blank=True)
    window_start = models.DateField("材料统计起", null=True, blank=True)
    window_end = models.DateField("材料统计止", null=True, blank=True)
    submitted_at = models.DateTimeField("申报时间", null=True, blank=True)
    preliminary_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="初审人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="复核人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    total_score = models.PositiveIntegerField("评审总分", null=True, blank=True)
    notice_start = models.DateField("公示起", null=True, blank=True)
    notice_end = models.DateField("公示止", null=True, blank=True)
    certificate_number = models.CharField("证书编号", max_length=40, blank=True)
    certified_on = models.DateField("认定日期", null=True, blank=True)
    valid_until = models.DateField("有效期至", null=True, blank=True)
    last_recheck_year = models.PositiveSmallIntegerField("最近复核年度", null=True, blank=True)
    status_reason = models.CharField("退回/退出原因", max_length=500, blank=True)
    ended_on = models.DateField("退出日期", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="入库人",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    is_demo = models.BooleanField("演示数据", default=False, db_index=True)

    class Meta:
        verbose_name = "认定申报"
        verbose_name_plural = "认定申报"
        ordering = ("-created_at", "-pk")
        constraints = [
            models.UniqueConstraint(
                fields=("programme", "organization"),
                condition=Q(status__in=sorted(OPEN_STATES)),
                name="recognition_one_open_per_programme",
            ),
            models.UniqueConstraint(
                fields=("certificate_number",),
                condition=~Q(certificate_number=""),
                name="recognition_unique_certificate",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organization} · {self.programme}"


class ReviewScore(models.Model):
    recognition = models.ForeignKey(Recognition, on_delete=models.CASCADE, related_name="scores")
    condition = models.ForeignKey(Condition, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField("得分")
    comment = models.CharField("评审意见", max_length=500, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField("评审时间", auto_now_add=True)

    class Meta:
        verbose_name = "条件评分"
        verbose_name_plural = "条件评分"
        constraints = [
            models.UniqueConstraint(
                fields=("recognition", "condition"), name="review_score_once_per_condition"
            )
        ]

    def __str__(self) -> str:
        return f"{self.condition_id}: {self.score}"


class Attachment(TimeStampedModel):
    recognition = models.ForeignKey(
        Recognition, on_delete=models.CASCADE, related_name="attachments"
    )
    condition = models.ForeignKey(
        Condition, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    file = models.FileField("文件", upload_to="recognition/%Y/%m/")
    file_name = models.CharField("文件原名", max_length=200)
    description = models.CharField("说明", max_length=200, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = "申报附件"
        verbose_name_plural = "申报附件"
        ordering = ("pk",)


class Objection(TimeStampedModel):
    recognition = models.ForeignKey(
        Recognition, on_delete=models.CASCADE, related_name="objections"
    )
    text = models.TextField("异议内容", max_length=2000)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    resolution = models.CharField("处理意见", max_length=500, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    resolved_at = models.DateTimeField("处理时间", null=True, blank=True)

    class Meta:
        verbose_name = "公示异议"
        verbose_name_plural = "公示异议"
        ordering = ("pk",)


class RecheckResult(models.TextChoices):
    PASSED = "passed", "合格"
    FAILED = "failed", "不合格"


class Recheck(models.Model):
    recognition = models.ForeignKey(Recognition, on_delete=models.CASCADE, related_name="rechecks")
    year = models.PositiveSmallIntegerField("复核年度")
    result = models.CharField("结论", max_length=8, choices=RecheckResult.choices)
    comment = models.CharField("复核意见", max_length=500, blank=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField("复核时间", auto_now_add=True)

    class Meta:
        verbose_name = "年度复核"
        verbose_name_plural = "年度复核"
        ordering = ("year",)
        constraints = [
            models.UniqueConstraint(fields=("recognition", "year"), name="recheck_once_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.get_result_display()}"


class IncentiveKind(models.TextChoices):
    TECH_PRIORITY = "tech_priority", "技改/项目优先支持"
    SPECIAL_FUND = "special_fund", "专项资金"
    FINANCE = "finance", "金融"
    FISCAL = "fiscal", "财政"
    LAND = "land", "土地"
    CREDIT = "credit", "信用"


class IncentiveEntry(TimeStampedModel):
    recognition = models.ForeignKey(
        Recognition, on_delete=models.PROTECT, related_name="incentives"
    )
    kind = models.CharField("激励类别", max_length=16, choices=IncentiveKind.choices)
    granted_on = models.DateField("日期")
    amount = models.DecimalField(
        "金额（元）", max_digits=14, decimal_places=2, null=True, blank=True
    )
    department = models.CharField("责任部门", max_length=100)
    description = models.CharField("内容", max_length=500)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = "激励台账"
        verbose_name_plural = "激励台账"
        ordering = ("-granted_on", "-pk")


class InvestmentDeclaration(TimeStampedModel):
    recognition = models.ForeignKey(
        Recognition, on_delete=models.CASCADE, related_name="investments"
    )
    year = models.PositiveSmallIntegerField("年度")
    investment = models.DecimalField("兴办职业教育投资额（元）", max_digits=14, decimal_places=2)
    surcharge_due = models.DecimalField(
        "当年应缴教育费附加和地方教育附加（元）", max_digits=14, decimal_places=2
    )
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = "投资申报"
        verbose_name_plural = "投资申报"
        ordering = ("year",)
        constraints = [
            models.UniqueConstraint(fields=("recognition", "year"), name="investment_once_per_year")
        ]
