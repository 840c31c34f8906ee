"""Applications (投递): a person applies to a job or internship post with their profile.

Applying grants the post's publisher a separate consent (PIPL Art. 23) to see the applicant's
contact data, inside this application only; withdrawing the application revokes it. The
publisher moves the application through the ``application`` workflow (``applications.workflow``):
新投递 → 已查看 → 邀请面试 → 录用 / 不合适; the applicant may withdraw while it is open, and
closing the post closes its open applications.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from chanjiao.common.models import TimeStampedModel


class ApplicationState(models.TextChoices):
    SUBMITTED = "submitted", "新投递"
    VIEWED = "viewed", "已查看"
    INTERVIEW = "interview", "邀请面试"
    HIRED = "hired", "录用"
    DECLINED = "declined", "不合适"
    WITHDRAWN = "withdrawn", "已撤回"
    CLOSED = "closed", "岗位已关闭"


# The states in which the publisher still decides and the applicant may withdraw.
OPEN_APPLICATION_STATES = (
    ApplicationState.SUBMITTED,
    ApplicationState.VIEWED,
    ApplicationState.INTERVIEW,
)


class ApplicationQuerySet(models.QuerySet["Application"]):
    def open(self) -> "ApplicationQuerySet":
        return self.filter(state__in=OPEN_APPLICATION_STATES)


class Application(TimeStampedModel):
    listing = models.ForeignKey(
        "listings.Listing",
        verbose_name="岗位",
        on_delete=models.CASCADE,
        related_name="applications",
    )
    # The publisher, copied from the post so that an organisation's inbox is one index read.
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name="招聘单位",
        on_delete=models.CASCADE,
        related_name="applications_received",
    )
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="投递人",
        on_delete=models.CASCADE,
        related_name="applications",
    )
    profile = models.ForeignKey(
        "listings.Listing",
        verbose_name="求职档案",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The applicant's school, major and cohort when they applied (from their confirmed student
    # profile), for the school's outcome counts; empty for a job seeker who is not a student.
    school = models.ForeignKey(
        "organizations.Organization",
        verbose_name="学校",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="student_applications",
    )
    major = models.ForeignKey(
        "catalogs.Major",
        verbose_name="专业",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    graduation_year = models.PositiveSmallIntegerField("毕业年份", null=True, blank=True)
    event = models.ForeignKey(
        "events.MatchEvent",
        verbose_name="招聘活动",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
    )
    message = models.TextField("附言", max_length=1000, blank=True)
    attachment = models.FileField("附件", upload_to="applications/%Y/%m/", blank=True)
    attachment_name = models.CharField("附件原名", max_length=200, blank=True)
    state = models.CharField(
        "状态",
        max_length=12,
        choices=ApplicationState.choices,
        default=ApplicationState.SUBMITTED,
    )
    state_message = models.CharField("给投递人的说明", max_length=500, blank=True)
    submitted_at = models.DateTimeField("投递时间", default=timezone.now, db_index=True)
    viewed_at = models.DateTimeField("首次查看时间", null=True, blank=True)
    # Kept once set, so the outcome counts still see an invitation after a later decision.
    invited_at = models.DateTimeField("邀请面试时间", null=True, blank=True)
    decided_at = models.DateTimeField("处理完成时间", null=True, blank=True)
    consent_granted_at = models.DateTimeField("授权时间", default=timezone.now)
    consent_withdrawn_at = models.DateTimeField("授权撤回时间", null=True, blank=True)
    is_demo = models.BooleanField("演示数据", default=False, db_index=True)

    objects = ApplicationQuerySet.as_manager()

    class Meta:
        verbose_name = "投递"
        verbose_name_plural = verbose_name
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["listing", "applicant"],
                condition=~Q(state="withdrawn"),
                name="application_once_per_post",
                violation_error_message="您已投递过该岗位。",
            )
        ]
        indexes = [
            models.Index(fields=["organization", "state"], name="application_org_state"),
            models.Index(fields=["applicant", "-submitted_at"], name="application_applicant"),
            models.Index(fields=["school", "major", "graduation_year"], name="application_cohort"),
        ]

    def __str__(self) -> str:
        return f"{self.applicant_id} → {self.listing_id}（{self.get_state_display()}）"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_APPLICATION_STATES

    @property
    def consent_active(self) -> bool:
        return self.consent_withdrawn_at is None
