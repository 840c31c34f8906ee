"""Contact requests (联系学校): an enterprise asks a school for graduates of a major and year.

The school's 机构管理员 or 信息员 answers: accepts with a contact person, or declines. The contact
person of an accepted request is shown to the requesting enterprise only, every full view audited.
The states move through the ``contact_request`` workflow (``contact_requests.workflow``).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q

from chanjiao.common.crypto import EncryptedTextField
from chanjiao.common.models import TimeStampedModel


class ContactRequestState(models.TextChoices):
    PENDING = "pending", "待学校答复"
    ACCEPTED = "accepted", "已接受"
    DECLINED = "declined", "已婉拒"
    WITHDRAWN = "withdrawn", "已撤回"


class ContactRequest(TimeStampedModel):
    enterprise = models.ForeignKey(
        "organizations.Organization",
        verbose_name="用人单位",
        on_delete=models.CASCADE,
        related_name="contact_requests_sent",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="申请人",
        on_delete=models.PROTECT,
        related_name="contact_requests",
    )
    school = models.ForeignKey(
        "organizations.Organization",
        verbose_name="学校",
        on_delete=models.CASCADE,
        related_name="contact_requests_received",
    )
    major = models.ForeignKey(
        "catalogs.Major", verbose_name="专业", on_delete=models.PROTECT, related_name="+"
    )
    graduation_year = models.PositiveSmallIntegerField("毕业年份")
    source_listing = models.ForeignKey(
        "listings.Listing",
        verbose_name="来源信息",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    message = models.TextField("需求说明", max_length=1000, blank=True)
    headcount = models.PositiveIntegerField("拟招人数", null=True, blank=True)
    state = models.CharField(
        "状态",
        max_length=10,
        choices=ContactRequestState.choices,
        default=ContactRequestState.PENDING,
    )
    contact_name = models.CharField("学校联系人", max_length=50, blank=True)
    contact_phone = EncryptedTextField("联系电话", max_length=20, blank=True)
    contact_email = models.EmailField("电子邮箱", blank=True)
    contact_note = models.CharField("答复说明", max_length=500, blank=True)
    decline_reason = models.CharField("婉拒原因", max_length=500, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="答复人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField("答复时间", null=True, blank=True)
    is_demo = models.BooleanField("演示数据", default=False, db_index=True)

    class Meta:
        verbose_name = "联系学校请求"
        verbose_name_plural = verbose_name
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "school", "major", "graduation_year"],
                condition=Q(state="pending"),
                name="contactrequest_one_pending",
                violation_error_message="贵单位已就该专业、届别向该校提出请求，正在等待答复。",
            )
        ]
        indexes = [
            models.Index(fields=["school", "state"], name="contactrequest_school_state"),
            models.Index(
                fields=["school", "major", "graduation_year"], name="contactrequest_cohort"
            ),
            models.Index(fields=["enterprise", "-created_at"], name="contactrequest_enterprise"),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise_id} → {self.school_id} {self.graduation_year}"
