"""Organisations: government offices, schools, enterprises, associations, institutes."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from chanjiao.accounts.models import Role
from chanjiao.common.crypto import EncryptedTextField
from chanjiao.common.models import TimeStampedModel
from chanjiao.organizations.validators import validate_credit_code, validate_school_code


class OrganizationType(models.TextChoices):
    GOVERNMENT = "government", "政府部门"
    SECONDARY_VOCATIONAL = "secondary_vocational", "中职学校"
    HIGHER_VOCATIONAL = "higher_vocational", "高职院校"
    VOCATIONAL_UNDERGRADUATE = "vocational_undergraduate", "职业本科学校"
    UNIVERSITY = "university", "普通本科高校"
    ENTERPRISE = "enterprise", "企业"
    ASSOCIATION = "association", "行业协会"
    RESEARCH_INSTITUTE = "research_institute", "科研院所"
    TRAINING_PROVIDER = "training_provider", "培训机构"


SCHOOL_TYPES = frozenset(
    {
        OrganizationType.SECONDARY_VOCATIONAL,
        OrganizationType.HIGHER_VOCATIONAL,
        OrganizationType.VOCATIONAL_UNDERGRADUATE,
        OrganizationType.UNIVERSITY,
    }
)


class VerificationStatus(models.TextChoices):
    """The state of an organisation's verification workflow (see ``organizations.workflow``)."""

    UNVERIFIED = "unverified", "未认证"
    VERIFIED = "verified", "已认证"
    REVOKED = "revoked", "已撤销认证"
    RETURNED = "returned", "已退回"


class OrganizationQuerySet(models.QuerySet["Organization"]):
    def schools(self) -> "OrganizationQuerySet":
        return self.filter(org_type__in=SCHOOL_TYPES)

    def enterprises(self) -> "OrganizationQuerySet":
        return self.filter(org_type=OrganizationType.ENTERPRISE)

    def in_region_code(self, code: str) -> "OrganizationQuerySet":
        """Keep organisations located in the region with this code or below it."""
        return self.filter(region__code__startswith=code)


class Organization(TimeStampedModel):
    name = models.CharField("名称", max_length=200)
    org_type = models.CharField("机构类型", max_length=30, choices=OrganizationType.choices)
    region = models.ForeignKey(
        "catalogs.Region",
        verbose_name="所在地区",
        on_delete=models.PROTECT,
        related_name="organizations",
    )
    credit_code = models.CharField(
        "统一社会信用代码",
        max_length=18,
        null=True,
        blank=True,
        unique=True,
        validators=[validate_credit_code],
    )
    industry = models.ForeignKey(
        "catalogs.Industry",
        verbose_name="所属行业（GB/T 4754）",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organizations",
    )
    school_code = models.CharField(
        "学校标识码",
        max_length=10,
        null=True,
        blank=True,
        unique=True,
        validators=[validate_school_code],
        help_text="教育部颁发的10位学校标识码，仅学校填写。",
    )
    contact_name = models.CharField("联系人", max_length=50, blank=True)
    contact_phone = EncryptedTextField("联系电话", max_length=20, blank=True)
    contact_email = models.EmailField("联系邮箱", blank=True)
    employee_count = models.PositiveIntegerField("职工人数", null=True, blank=True)
    is_above_designated_size = models.BooleanField("规模以上企业", default=False)
    # The verification workflow's state (verify / revoke, with history); ``is_verified`` reads it.
    verification_status = models.CharField(
        "认证状态",
        max_length=12,
        choices=VerificationStatus.choices,
        default=VerificationStatus.UNVERIFIED,
    )
    address = models.CharField("地址", max_length=300, blank=True)
    website = models.URLField("网址", blank=True)
    description = models.TextField("简介", blank=True)
    is_demo = models.BooleanField("演示数据", default=False, db_index=True)

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        verbose_name = "机构"
        verbose_name_plural = verbose_name
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "region"], name="organization_unique_name")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_verified(self) -> bool:
        """Verified now (the verification workflow's state is 已认证)."""
        return self.verification_status == VerificationStatus.VERIFIED

    @is_verified.setter
    def is_verified(self, value: bool) -> None:
        # For fixtures and scripts that build rows directly; the platform's own changes go
        # through the verification workflow (``organizations.workflow``), which keeps history.
        if value:
            self.verification_status = VerificationStatus.VERIFIED
        elif self.is_verified:
            self.verification_status = VerificationStatus.UNVERIFIED

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.credit_code:
            self.credit_code = self.credit_code.strip().upper()
        if self.school_code:
            self.school_code = self.school_code.strip()
            if not self.is_school:
                errors["school_code"] = "只有学校可以填写学校标识码。"
        if self.org_type == OrganizationType.ENTERPRISE:
            if not self.credit_code:
                errors["credit_code"] = "企业必须填写统一社会信用代码。"
            if not self.industry_id:
                errors["industry"] = "企业必须选择所属行业（GB/T 4754-2017）。"
        if errors:
            raise ValidationError(errors)

    @property
    def is_school(self) -> bool:
        return self.org_type in SCHOOL_TYPES


class SchoolMajor(TimeStampedModel):
    """A major a school offers (专业点) in a given year."""

    school = models.ForeignKey(
        Organization, verbose_name="学校", on_delete=models.CASCADE, related_name="school_majors"
    )
    major = models.ForeignKey(
        "catalogs.Major",
        verbose_name="专业",
        on_delete=models.PROTECT,
        related_name="school_majors",
    )
    year = models.PositiveSmallIntegerField("年度")
    planned_enrollment = models.PositiveIntegerField("计划招生数", null=True, blank=True)

    class Meta:
        verbose_name = "专业点"
        verbose_name_plural = verbose_name
        ordering = ["school_id", "year", "major_id"]
        constraints = [
            models.UniqueConstraint(fields=["school", "major", "year"], name="schoolmajor_unique")
        ]

    def __str__(self) -> str:
        return f"{self.school} {self.year} {self.major}"


class InvitationStatus(models.TextChoices):
    PENDING = "pending", "待接受"
    ACCEPTED = "accepted", "已接受"
    DECLINED = "declined", "已拒绝"
    REVOKED = "revoked", "已撤回"
    EXPIRED = "expired", "已过期"


class Invitation(TimeStampedModel):
    """An offer of a role in an organisation; it becomes a membership only when accepted.

    The token travels in the link only; the row keeps its SHA-256 hash. An invitation with an
    e-mail may be accepted only by an account with that e-mail; one without is a one-time link.
    """

    organization = models.ForeignKey(
        Organization, verbose_name="机构", on_delete=models.CASCADE, related_name="invitations"
    )
    role = models.CharField("角色", max_length=20, choices=Role.choices)
    email = models.EmailField("受邀邮箱", blank=True)
    token_hash = models.CharField("令牌摘要", max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="邀请人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="invitations_sent",
    )
    expires_at = models.DateTimeField("失效时间")
    status = models.CharField(
        "状态",
        max_length=10,
        choices=InvitationStatus.choices,
        default=InvitationStatus.PENDING,
        db_index=True,
    )
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="接受人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="invitations_accepted",
    )
    decided_at = models.DateTimeField("处理时间", null=True, blank=True)

    class Meta:
        verbose_name = "成员邀请"
        verbose_name_plural = verbose_name
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.organization}（{self.role_label}）"

    @property
    def role_label(self) -> str:
        return str(dict(Role.choices).get(self.role, self.role))

    @property
    def is_expired(self) -> bool:
        return self.status == InvitationStatus.EXPIRED or (
            self.status == InvitationStatus.PENDING and self.expires_at <= timezone.now()
        )

    @property
    def current_status_label(self) -> str:
        """The status as a person should read it now (a pending one past its time is 已过期)."""
        if self.is_expired:
            return InvitationStatus.EXPIRED.label
        return self.get_status_display()
