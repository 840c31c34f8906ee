"""Students and graduates, linked to a school, a major and a graduation year.

A person becomes a student of a school through a claim (``StudentClaim``): they name the school,
the major and the cohort; the school's 机构管理员 or 信息员 confirms it (one by one, several at
once, or all at once from a roster), and the confirmation writes the ``StudentProfile``.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from chanjiao.common.models import TimeStampedModel


class StudentProfile(TimeStampedModel):
    class Status(models.TextChoices):
        STUDENT = "student", "在校生"
        GRADUATE = "graduate", "毕业生"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="student_profile"
    )
    school = models.ForeignKey(
        "organizations.Organization",
        verbose_name="学校",
        on_delete=models.PROTECT,
        related_name="students",
    )
    major = models.ForeignKey(
        "catalogs.Major", verbose_name="专业", on_delete=models.PROTECT, related_name="students"
    )
    graduation_year = models.PositiveSmallIntegerField("毕业年份")
    enrollment_year = models.PositiveSmallIntegerField("入学年份", null=True, blank=True)
    student_number = models.CharField("学号", max_length=30, blank=True, default="")
    status = models.CharField("身份", max_length=10, choices=Status.choices)
    skills = models.TextField("技能", blank=True)
    # Needed by the internship age rules (``internships``); entered by the school.
    birth_date = models.DateField("出生日期", null=True, blank=True)
    is_demo = models.BooleanField("演示数据", default=False, db_index=True)

    class Meta:
        verbose_name = "学生/毕业生档案"
        verbose_name_plural = verbose_name
        ordering = ["school_id", "graduation_year"]

    def __str__(self) -> str:
        return f"{self.user}（{self.school}，{self.graduation_year}届）"


class ClaimState(models.TextChoices):
    """The states of a claim (see ``students.workflow``)."""

    PENDING = "pending", "待学校确认"
    CONFIRMED = "confirmed", "已确认"
    RETURNED = "returned", "已退回"
    WITHDRAWN = "withdrawn", "已撤回"


# A claim waiting on the school, or returned to the person for correction.
OPEN_CLAIM_STATES = (ClaimState.PENDING, ClaimState.RETURNED)


class StudentClaimQuerySet(models.QuerySet["StudentClaim"]):
    def open(self) -> "StudentClaimQuerySet":
        return self.filter(state__in=OPEN_CLAIM_STATES)

    def pending(self) -> "StudentClaimQuerySet":
        return self.filter(state=ClaimState.PENDING)


class StudentClaim(TimeStampedModel):
    """A person's claim to be a student or graduate of a school, for the school to confirm."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="申请人",
        on_delete=models.CASCADE,
        related_name="student_claims",
    )
    school = models.ForeignKey(
        "organizations.Organization",
        verbose_name="学校",
        on_delete=models.CASCADE,
        related_name="student_claims",
    )
    major = models.ForeignKey(
        "catalogs.Major", verbose_name="专业", on_delete=models.PROTECT, related_name="+"
    )
    graduation_year = models.PositiveSmallIntegerField("毕业年份")
    enrollment_year = models.PositiveSmallIntegerField("入学年份", null=True, blank=True)
    student_number = models.CharField("学号", max_length=30, blank=True)
    status = models.CharField("身份", max_length=10, choices=StudentProfile.Status.choices)
    state = models.CharField(
        "状态", max_length=10, choices=ClaimState.choices, default=ClaimState.PENDING
    )
    submitted_at = models.DateTimeField("提交时间", default=timezone.now, db_index=True)
    return_reason = models.CharField("退回原因", max_length=500, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="处理人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField("处理时间", null=True, blank=True)

    objects = StudentClaimQuerySet.as_manager()

    class Meta:
        verbose_name = "学籍确认申请"
        verbose_name_plural = verbose_name
        ordering = ["submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(state__in=["pending", "returned"]),
                name="studentclaim_one_open_per_user",
                violation_error_message="您已有一份未完成的学校确认申请。",
            )
        ]
        indexes = [models.Index(fields=["school", "state"], name="studentclaim_school_state")]

    def __str__(self) -> str:
        return f"{self.user} → {self.school}（{self.get_state_display()}）"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_CLAIM_STATES
