"""Matching events (招聘会/双选会/小型面试会).

A school, government body or industry association organises an event; enterprises register
with the posts they bring and the organiser approves them (``event_enterprise`` workflow);
students and job seekers register up to the capacity. Applications made from the event page
carry the event (``applications.Application.event``), so the organiser sees what it led to.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from chanjiao.common.models import TimeStampedModel


class EventKind(models.TextChoices):
    JOB_FAIR = "job_fair", "招聘会"
    MUTUAL = "mutual", "双选会"
    INTERVIEW = "interview", "小型面试会"


class EventAudience(models.TextChoices):
    ALL = "all", "不限"
    GRADUATES = "graduates", "应届毕业生"
    STUDENTS = "students", "在校生"
    JOBSEEKERS = "jobseekers", "社会求职者"


class EventState(models.TextChoices):
    PUBLISHED = "published", "已发布"
    CANCELLED = "cancelled", "已取消"


class MatchEvent(TimeStampedModel):
    organizer = models.ForeignKey(
        "organizations.Organization",
        verbose_name="主办单位",
        on_delete=models.PROTECT,
        related_name="organized_events",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="创建人",
        on_delete=models.PROTECT,
        related_name="+",
    )
    title = models.CharField("活动名称", max_length=200)
    kind = models.CharField("活动类型", max_length=12, choices=EventKind.choices)
    description = models.TextField("活动介绍", max_length=5000, blank=True)
    starts_at = models.DateTimeField("开始时间", db_index=True)
    ends_at = models.DateTimeField("结束时间")
    is_online = models.BooleanField("线上活动", default=False)
    place = models.CharField("地点", max_length=200, blank=True)
    online_url = models.URLField("线上参会链接", blank=True)
    region = models.ForeignKey(
        "catalogs.Region", verbose_name="地区", on_delete=models.PROTECT, related_name="+"
    )
    audience = models.CharField(
        "面向对象", max_length=12, choices=EventAudience.choices, default=EventAudience.ALL
    )
    enterprise_capacity = models.PositiveIntegerField("参会单位上限", null=True, blank=True)
    student_capacity = models.PositiveIntegerField("求职者报名上限", null=True, blank=True)
    registration_deadline = models.DateTimeField("报名截止时间", null=True, blank=True)
    state = models.CharField(
        "状态", max_length=10, choices=EventState.choices, default=EventState.PUBLISHED
    )
    cancel_reason = models.CharField("取消原因", max_length=500, blank=True)
    is_demo = models.BooleanField("演示数据", default=False, db_index=True)

    class Meta:
        verbose_name = "招聘活动"
        verbose_name_plural = verbose_name
        ordering = ["-starts_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gte=models.F("starts_at")),
                name="matchevent_ends_after_start",
                violation_error_message="结束时间不能早于开始时间。",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:detail", kwargs={"event_id": self.pk})


class ParticipationState(models.TextChoices):
    PENDING = "pending", "待主办方审核"
    APPROVED = "approved", "已通过"
    DECLINED = "declined", "未通过"
    WITHDRAWN = "withdrawn", "已撤回"


class EventEnterprise(TimeStampedModel):
    """An enterprise's registration for an event, with the posts it brings."""

    event = models.ForeignKey(MatchEvent, on_delete=models.CASCADE, related_name="enterprises")
    organization = models.ForeignKey(
        "organizations.Organization",
        verbose_name="参会单位",
        on_delete=models.CASCADE,
        related_name="event_participations",
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="报名人", on_delete=models.PROTECT, related_name="+"
    )
    posts = models.ManyToManyField("listings.Listing", verbose_name="携带岗位", blank=True)
    note = models.CharField("备注", max_length=500, blank=True)
    state = models.CharField(
        "状态",
        max_length=10,
        choices=ParticipationState.choices,
        default=ParticipationState.PENDING,
    )
    decline_reason = models.CharField("未通过原因", max_length=500, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审核人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField("审核时间", null=True, blank=True)

    class Meta:
        verbose_name = "参会单位"
        verbose_name_plural = verbose_name
        ordering = ["event_id", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "organization"],
                condition=~Q(state="withdrawn"),
                name="evententerprise_once",
                violation_error_message="贵单位已报名该活动。",
            )
        ]

    def __str__(self) -> str:
        return f"{self.event_id} {self.organization_id}"


class EventRegistration(TimeStampedModel):
    """A student's or job seeker's registration for an event."""

    class State(models.TextChoices):
        REGISTERED = "registered", "已报名"
        CANCELLED = "cancelled", "已取消"

    event = models.ForeignKey(MatchEvent, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="报名人",
        on_delete=models.CASCADE,
        related_name="event_registrations",
    )
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.REGISTERED)

    class Meta:
        verbose_name = "活动报名"
        verbose_name_plural = verbose_name
        ordering = ["event_id", "created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=Q(state="registered"),
                name="eventregistration_once",
                violation_error_message="您已报名该活动。",
            )
        ]

    def __str__(self) -> str:
        return f"{self.event_id} {self.user_id}"
