"""Users and their memberships of organisations."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from chanjiao.common.crypto import BlindIndexField, EncryptedTextField
from chanjiao.common.models import TimeStampedModel


class AdminRole(models.TextChoices):
    """三员分立 (GB/T 22239-2019 8.1.4.2): the three platform administrator roles, kept apart.

    Only an account with ``is_staff`` holds one; the role, not ``is_staff``, decides what it may do.
    """

    SYSTEM = "system", "系统管理员"
    SECURITY = "security", "安全管理员"
    AUDIT = "audit", "审计管理员"


class User(AbstractUser):
    admin_role = models.CharField(
        "管理员类别",
        max_length=10,
        choices=AdminRole.choices,
        default=AdminRole.SYSTEM,
        help_text="仅对平台工作人员（可登录后台）有效：系统管理员运行平台，安全管理员授予和收回权限，"
        "审计管理员只查看审计日志。",
    )
    password_changed_at = models.DateTimeField("密码修改时间", default=timezone.now)
    real_name = models.CharField("姓名", max_length=50, blank=True)
    # SM4-encrypted at rest; the blind indexes find a person by phone or ID number.
    phone = EncryptedTextField("手机号", max_length=20, blank=True)
    id_number = EncryptedTextField("身份证号", max_length=18, blank=True)
    phone_index = BlindIndexField("手机号索引", source="phone")
    id_number_index = BlindIndexField("身份证号索引", source="id_number")
    is_demo = models.BooleanField("演示数据", default=False, db_index=True)

    # Cached by ``accounts.permissions.active_memberships`` on the instance (not a column).
    _active_memberships: "list[Membership]"

    class Meta(AbstractUser.Meta):
        verbose_name = "用户"
        verbose_name_plural = verbose_name
        permissions = [("view_personal_data", "可查看完整个人信息（手机号、身份证号）")]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=~models.Q(email=""),
                name="user_unique_email",
                violation_error_message="该电子邮箱已被其他账号使用。",
            )
        ]

    def __str__(self) -> str:
        return self.real_name or self.username


class Role(models.TextChoices):
    ORG_ADMIN = "org_admin", "机构管理员"
    INFO_OFFICER = "info_officer", "信息员"
    REVIEWER = "reviewer", "审核员"
    GOV_ADMIN = "gov_admin", "政府管理员"


class Membership(TimeStampedModel):
    """A user's role in an organisation; a 政府管理员 is scoped to the organisation's region."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organization = models.ForeignKey(
        "organizations.Organization", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField("角色", max_length=20, choices=Role.choices)
    is_active = models.BooleanField("有效", default=True)

    class Meta:
        verbose_name = "机构成员"
        verbose_name_plural = verbose_name
        ordering = ["organization_id", "user_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization", "role"], name="membership_unique_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organization}（{self.get_role_display()}）"


class PasswordHistory(models.Model):
    """The hash of a password a user has set, kept so that the last few are not chosen again.

    Written by ``accounts.passwords.PasswordHistoryValidator.password_changed`` each time a
    password is set; only the newest ``keep`` rows of a user are kept.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="password_history")
    password = models.CharField("密码摘要", max_length=128)
    created_at = models.DateTimeField("设置时间", default=timezone.now)

    class Meta:
        verbose_name = "历史密码"
        verbose_name_plural = verbose_name
        ordering = ["user_id", "-created_at", "-id"]
        indexes = [models.Index(fields=["user", "-created_at"], name="password_history_recent")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.created_at:%Y-%m-%d %H:%M}"
