"""Saved searches (subscriptions) and the in-platform inbox (notifications)."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from chanjiao.common.models import TimeStampedModel
from chanjiao.listings.kinds import Direction, Education, ListingKind

# The list filters a subscription may keep, with their Chinese names (in display order).
FILTER_LABELS: dict[str, str] = {
    "kind": "信息类型",
    "direction": "供需方向",
    "region": "地区",
    "industry": "行业",
    "occupation": "职业",
    "major": "专业",
    "education": "学历",
    "salary_at_least": "薪酬不低于（元/月）",
    "organization": "发布机构",
    "q": "关键词",
}
_CHOICE_LABELS = {
    "kind": dict(ListingKind.choices),
    "direction": dict(Direction.choices),
    "education": dict(Education.choices),
}


class Subscription(TimeStampedModel):
    """A user's saved list filters; newly published items that match them go to the inbox."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="subscriptions"
    )
    name = models.CharField("名称", max_length=100)
    filters = models.JSONField("筛选条件", default=dict, blank=True)
    # Copied from ``filters`` so candidate subscriptions are found by index, not by JSON lookup.
    kind = models.CharField("信息类型", max_length=20, blank=True, db_index=True)
    region = models.CharField("地区代码", max_length=12, blank=True, db_index=True)
    is_active = models.BooleanField("启用", default=True)
    email_enabled = models.BooleanField("邮件提醒", default=True)
    last_notified_at = models.DateTimeField("最近提醒时间", null=True, blank=True)

    class Meta:
        verbose_name = "订阅"
        verbose_name_plural = verbose_name
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["is_active", "kind", "region"], name="subscription_match")]

    def __str__(self) -> str:
        return self.name

    @property
    def summary(self) -> str:
        """The saved conditions in words, e.g. ``信息类型：岗位需求；地区：4504``."""
        parts = []
        for key, label in FILTER_LABELS.items():
            value = self.filters.get(key)
            if value in (None, ""):
                continue
            parts.append(f"{label}：{_CHOICE_LABELS.get(key, {}).get(value, value)}")
        return "；".join(parts) or "全部信息"


class NoticeCategory(models.TextChoices):
    """What a message is about; a user chooses per category whether it also comes by e-mail."""

    SUBSCRIPTION = "subscription", "订阅的新信息"
    LISTING = "listing", "我发布的信息（审核、到期）"
    APPLICATION = "application", "投递与应聘"
    CONTACT = "contact", "联系学校请求"
    EVENT = "event", "招聘活动"
    INTERNSHIP = "internship", "实习管理"
    RECOGNITION = "recognition", "认定项目"


# What each category covers, shown beside its e-mail checkbox.
CATEGORY_HELP: dict[str, str] = {
    NoticeCategory.SUBSCRIPTION: (
        "您订阅的筛选条件有新发布的匹配信息时。是否发邮件在“我的订阅”中按每个订阅单独设置。"
    ),
    NoticeCategory.LISTING: "您或本机构发布的信息审核通过、被驳回，或将于 3 天后到期时。",
    NoticeCategory.APPLICATION: (
        "收到新的投递，或您投递的岗位处理状态有变化（已查看、邀请面试、录用、不合适）时。"
    ),
    NoticeCategory.CONTACT: "收到企业的联系学校请求，或您发出的联系请求有答复时。",
    NoticeCategory.EVENT: "招聘活动的报名结果、活动变更或取消时。",
    NoticeCategory.INTERNSHIP: "实习安排出现违规预警或突发事件，或实习协议有待您确认时。",
    NoticeCategory.RECOGNITION: "本机构的认定申报有进展（初审、复核、公示、认定、退回、退出）时。",
}
# The categories chosen in the notice settings; subscription messages follow each
# subscription's own e-mail flag instead, so that the two never contradict each other.
EMAIL_OPT_IN_CATEGORIES: tuple[str, ...] = tuple(
    c.value for c in NoticeCategory if c != NoticeCategory.SUBSCRIPTION
)


class Notification(models.Model):
    """One message in a user's inbox."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    subscription = models.ForeignKey(
        Subscription,
        verbose_name="订阅",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notifications",
    )
    listing = models.ForeignKey(
        "listings.Listing",
        verbose_name="信息",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    title = models.CharField("标题", max_length=200)
    body = models.TextField("内容", blank=True)
    url = models.CharField("链接", max_length=500, blank=True)
    category = models.CharField(
        "类别",
        max_length=20,
        choices=NoticeCategory.choices,
        default=NoticeCategory.SUBSCRIPTION,
    )
    # Set for a message that must reach a person once only (e.g. "expires in 3 days" per post).
    dedupe_key = models.CharField("去重键", max_length=200, blank=True)
    is_read = models.BooleanField("已读", default=False)
    created_at = models.DateTimeField("时间", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "站内信"
        verbose_name_plural = verbose_name
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "is_read"], name="notification_user_unread")]
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "listing"],
                condition=Q(subscription__isnull=False, listing__isnull=False),
                name="notification_once_per_subscription_listing",
            ),
            models.UniqueConstraint(
                fields=["user", "dedupe_key"],
                condition=~Q(dedupe_key=""),
                name="notification_once_per_key",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class NoticeSettings(models.Model):
    """A user's choice of which inbox messages also come by e-mail (opt-in, none by default)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notice_settings"
    )
    email_categories = models.JSONField("邮件提醒的类别", default=list, blank=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "提醒设置"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return f"{self.user_id}"
