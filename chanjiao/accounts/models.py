"""Users and their memberships of organisations."""

from django.contrib.auth.models import AbstractUser
from django.db import models

from chanjiao.common.models import TimeStampedModel


class User(AbstractUser):
    real_name = models.CharField("姓名", max_length=50, blank=True)
    phone = models.CharField("手机号", max_length=20, blank=True)
    id_number = models.CharField("身份证号", max_length=18, blank=True)
    is_demo = models.BooleanField("演示数据", default=False, db_index=True)

    # Cached by ``accounts.permissions.active_memberships`` on the instance (not a column).
    _active_memberships: "list[Membership]"

    class Meta(AbstractUser.Meta):
        verbose_name = "用户"
        verbose_name_plural = verbose_name
        permissions = [("view_personal_data", "可查看完整个人信息（手机号、身份证号）")]

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
