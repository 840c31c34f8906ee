"""Internship placements (实习管理): a student placed with an enterprise for a period.

A placement moves through the ``placement`` workflow (``internships.workflow``): 计划 → 协议已签 →
实习中 → 已完成 / 提前终止; 计划 → 已取消. The tripartite agreement (三方协议) and the liability
insurance (实习责任保险) gate the start; the red lines of 《职业学校学生实习管理规定》
(``data/red_lines.json``) are checked at entry and, through weekly logs, while it runs (alerts).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from chanjiao.common.models import TimeStampedModel


class PlacementKind(models.TextChoices):
    COGNITIVE = "cognitive", "认识实习"
    FOLLOW = "follow", "跟岗实习"
    POST = "post", "岗位实习"


class PlacementState(models.TextChoices):
    PLANNED = "planned", "计划"
    SIGNED = "signed", "协议已签"
    ACTIVE = "active", "实习中"
    COMPLETED = "completed", "已完成"
    TERMINATED = "terminated", "提前终止"
    CANCELLED = "cancelled", "已取消"


class PlacementSource(models.TextChoices):
    LISTING = "listing", "实习岗位"
    APPLICATION = "application", "投递录用"
    SCHOOL = "school", "学校录入"


# Placements that still occupy a place at the unit (counted by the share rules and the quota).
OCCUPYING_STATES = (PlacementState.PLANNED, PlacementState.SIGNED, PlacementState.ACTIVE)
ENDED_STATES = (PlacementState.COMPLETED, PlacementState.TERMINATED)


class Placement(TimeStampedModel):
    student = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="学生",
        on_delete=models.PROTECT,
        related_name="placements",
    )
    # The student's school when placed (from the confirmed student profile).
    school = models.ForeignKey(
        "organizations.Organization",
        verbose_name="学校",
        on_delete=models.PROTECT,
        related_name="placements_sent",
    )
    enterprise = models.ForeignKey(
        "organizations.Organization",
        verbose_name="实习单位",
        on_delete=models.PROTECT,
        related_name="placements_received",
    )
    listing = models.ForeignKey(
        "listings.Listing",
        verbose_name="实习岗位",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="placements",
    )
    application = models.ForeignKey(
        "applications.Application",
        verbose_name="投递",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="placements",
    )
    source = models.CharField("来源", max_length=12, choices=PlacementSource.choices)
    # Rows created together from one call (a group of students) share this key.
    batch = models.CharField("批次", max_length=32, blank=True, db_index=True)
    kind = models.CharField("实习类型", max_length=10, choices=PlacementKind.choices)
    post_name = models.CharField("实习岗位名称", max_length=100)
    address = models.CharField("实习地点", max_length=200)
    venue_description = models.CharField(
        "场所类型或说明", max_length=200, blank=True, help_text="如：生产车间、门店、酒店前台。"
    )
    start_date = models.DateField("开始日期")
    end_date = models.DateField("结束日期")
    daily_hours = models.DecimalField("每日工作时间（小时）", max_digits=4, decimal_places=1)
    weekly_hours = models.DecimalField("每周工作时间（小时）", max_digits=4, decimal_places=1)
    has_night_shift = models.BooleanField("安排夜班", default=False)
    has_overtime = models.BooleanField("安排加班", default=False)
    has_holiday_work = models.BooleanField("休息日或法定节假日实习", default=False)
    monthly_pay = models.DecimalField(
        "实习报酬（元/月）", max_digits=10, decimal_places=2, null=True, blank=True
    )
    probation_wage = models.DecimalField(
        "本单位相同岗位试用期工资（元/月）", max_digits=10, decimal_places=2, null=True, blank=True
    )
    post_staff_count = models.PositiveIntegerField("该岗位在岗职工人数", null=True, blank=True)
    charges_fees = models.BooleanField("收取押金、培训费、管理费等费用", default=False)
    withholds_id_documents = models.BooleanField("扣押身份证件", default=False)
    via_intermediary = models.BooleanField("通过中介机构或有偿代理安排", default=False)
    school_mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="学校指导教师",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="placements_mentored_for_school",
    )
    enterprise_mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="企业指导教师",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="placements_mentored_for_enterprise",
    )
    status = models.CharField(
        "状态", max_length=12, choices=PlacementState.choices, default=PlacementState.PLANNED
    )
    termination_reason = models.CharField("终止原因", max_length=500, blank=True)
    started_at = models.DateTimeField("开始实习时间", null=True, blank=True)
    ended_at = models.DateTimeField("结束时间", null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="录入人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    is_demo = models.BooleanField("演示数据", default=False, db_index=True)

    class Meta:
        verbose_name = "实习安排"
        verbose_name_plural = verbose_name
        ordering = ["-start_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="placement_period_ordered",
                violation_error_message="结束日期不能早于开始日期。",
            ),
        ]
        indexes = [
            models.Index(fields=["enterprise", "kind", "status"], name="placement_unit"),
            models.Index(fields=["school", "status"], name="placement_school"),
        ]

    def __str__(self) -> str:
        return f"{self.student_id} @ {self.enterprise_id}（{self.get_status_display()}）"


class AgreementTemplate(TimeStampedModel):
    """The text of the tripartite agreement a locality uses; the one without a locality is the
    default."""

    locality = models.OneToOneField(
        "localities.Locality",
        verbose_name="地区（空为默认模板）",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="agreement_template",
    )
    title = models.CharField("标题", max_length=200)
    body = models.TextField("正文")

    class Meta:
        verbose_name = "三方协议模板"
        verbose_name_plural = verbose_name
        constraints = [
            models.UniqueConstraint(
                fields=["title"],
                condition=Q(locality__isnull=True),
                name="agreementtemplate_one_default_title",
            )
        ]

    def __str__(self) -> str:
        return self.title


class Agreement(TimeStampedModel):
    """The tripartite agreement (三方协议) of one placement, with its signatories."""

    placement = models.OneToOneField(
        Placement, verbose_name="实习安排", on_delete=models.CASCADE, related_name="agreement"
    )
    title = models.CharField("标题", max_length=200)
    body = models.TextField("正文（生成时的模板文本）")
    signed_file = models.FileField("已签协议文件", upload_to="internships/%Y/%m/", blank=True)
    signed_file_name = models.CharField("文件原名", max_length=200, blank=True)

    class Meta:
        verbose_name = "三方协议"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return self.title


class PartyRole(models.TextChoices):
    SCHOOL = "school", "学校"
    ENTERPRISE = "enterprise", "实习单位"
    STUDENT = "student", "学生"
    GUARDIAN = "guardian", "监护人"


class Signatory(models.Model):
    agreement = models.ForeignKey(
        Agreement, verbose_name="协议", on_delete=models.CASCADE, related_name="signatories"
    )
    role = models.CharField("签约方", max_length=12, choices=PartyRole.choices)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="确认人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The guardian's own name (the school records the guardian's confirmation).
    signer_name = models.CharField("签字人姓名", max_length=50, blank=True)
    confirmed_at = models.DateTimeField("确认时间", null=True, blank=True)

    class Meta:
        verbose_name = "协议签约方"
        verbose_name_plural = verbose_name
        ordering = ["agreement_id", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "role"], name="signatory_once_per_role")
        ]

    def __str__(self) -> str:
        return f"{self.agreement_id} {self.get_role_display()}"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None


class InsuranceKind(models.TextChoices):
    LIABILITY = "liability", "实习责任保险"
    ACCIDENT = "accident", "意外伤害保险"


class InsurancePolicy(TimeStampedModel):
    kind = models.CharField("险种", max_length=10, choices=InsuranceKind.choices)
    insurer = models.CharField("保险公司", max_length=100)
    policy_number = models.CharField("保单号", max_length=60)
    start_date = models.DateField("保险起期")
    end_date = models.DateField("保险止期")
    placements = models.ManyToManyField(
        Placement, verbose_name="被保险的实习安排", related_name="insurance_policies"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="录入人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "实习保险"
        verbose_name_plural = verbose_name
        ordering = ["-start_date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="insurance_period_ordered",
                violation_error_message="保险止期不能早于起期。",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.insurer} {self.policy_number}"


class WeeklyLog(TimeStampedModel):
    placement = models.ForeignKey(
        Placement, verbose_name="实习安排", on_delete=models.CASCADE, related_name="weekly_logs"
    )
    week_start = models.DateField("周开始日期")
    content = models.TextField("本周工作内容", max_length=4000)
    hours_worked = models.DecimalField("本周工作时间（小时）", max_digits=4, decimal_places=1)
    longest_day_hours = models.DecimalField(
        "单日最长工作时间（小时）", max_digits=4, decimal_places=1, null=True, blank=True
    )
    had_night_shift = models.BooleanField("上过夜班", default=False)
    had_overtime = models.BooleanField("加过班", default=False)
    had_holiday_work = models.BooleanField("休息日或节假日实习", default=False)

    class Meta:
        verbose_name = "实习周志"
        verbose_name_plural = verbose_name
        ordering = ["-week_start", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["placement", "week_start"],
                name="weeklylog_once_per_week",
                violation_error_message="本周的周志已填写。",
            )
        ]

    def __str__(self) -> str:
        return f"{self.placement_id} {self.week_start}"


class LogComment(models.Model):
    log = models.ForeignKey(
        WeeklyLog, verbose_name="周志", on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="指导教师",
        on_delete=models.CASCADE,
        related_name="+",
    )
    mentor_role = models.CharField(
        "身份",
        max_length=12,
        choices=[("school", "学校指导教师"), ("enterprise", "企业指导教师")],
    )
    body = models.TextField("评语", max_length=2000)
    created_at = models.DateTimeField("时间", default=timezone.now)

    class Meta:
        verbose_name = "周志评语"
        verbose_name_plural = verbose_name
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.log_id} {self.mentor_role}"


class IncidentKind(models.TextChoices):
    INJURY = "injury", "受伤"
    UNPAID_WAGES = "unpaid_wages", "拖欠报酬"
    ABUSE = "abuse", "侵害/不当对待"
    OTHER = "other", "其他"


class IncidentState(models.TextChoices):
    REPORTED = "reported", "已报告"
    HANDLED = "handled", "已处理"
    CLOSED = "closed", "已关闭"


class Incident(TimeStampedModel):
    placement = models.ForeignKey(
        Placement, verbose_name="实习安排", on_delete=models.CASCADE, related_name="incidents"
    )
    kind = models.CharField("类型", max_length=14, choices=IncidentKind.choices)
    description = models.TextField("经过", max_length=4000)
    occurred_on = models.DateField("发生日期")
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="报告人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        "状态", max_length=10, choices=IncidentState.choices, default=IncidentState.REPORTED
    )
    handling_note = models.TextField("处理说明", blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="处理人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    handled_at = models.DateTimeField("处理时间", null=True, blank=True)

    class Meta:
        verbose_name = "实习突发事件"
        verbose_name_plural = verbose_name
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.placement_id} {self.get_kind_display()}"


class EvaluationDirection(models.TextChoices):
    SCHOOL_TO_STUDENT = "school_to_student", "学校评价学生"
    ENTERPRISE_TO_STUDENT = "enterprise_to_student", "实习单位评价学生"
    STUDENT_TO_ENTERPRISE = "student_to_enterprise", "学生评价实习单位"


class Evaluation(TimeStampedModel):
    placement = models.ForeignKey(
        Placement, verbose_name="实习安排", on_delete=models.CASCADE, related_name="evaluations"
    )
    direction = models.CharField("评价方向", max_length=24, choices=EvaluationDirection.choices)
    score = models.PositiveSmallIntegerField(
        "评分（1—5）", validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField("评语", max_length=2000, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="评价人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "实习评价"
        verbose_name_plural = verbose_name
        ordering = ["placement_id", "direction"]
        constraints = [
            models.UniqueConstraint(
                fields=["placement", "direction"],
                name="evaluation_once_per_direction",
                violation_error_message="该方向的评价已提交。",
            )
        ]

    def __str__(self) -> str:
        return f"{self.placement_id} {self.direction}"


class Alert(models.Model):
    """A red line a running placement was found to cross (a weekly log, a later change)."""

    placement = models.ForeignKey(
        Placement, verbose_name="实习安排", on_delete=models.CASCADE, related_name="alerts"
    )
    rule_key = models.CharField("规则", max_length=40)
    article = models.CharField("条款", max_length=40, blank=True)
    message = models.CharField("说明", max_length=500)
    weekly_log = models.ForeignKey(
        WeeklyLog,
        verbose_name="周志",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="alerts",
    )
    raised_at = models.DateTimeField("发现时间", default=timezone.now, db_index=True)
    resolved_at = models.DateTimeField("处理时间", null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="处理人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resolution_note = models.CharField("处理说明", max_length=500, blank=True)

    class Meta:
        verbose_name = "实习违规预警"
        verbose_name_plural = verbose_name
        ordering = ["-raised_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.placement_id} {self.rule_key}"

    @property
    def is_open(self) -> bool:
        return self.resolved_at is None
