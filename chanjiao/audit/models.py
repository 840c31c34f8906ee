"""The append-only audit log: who did what to which row, when, from where, with what result."""

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone


class AuditResult(models.TextChoices):
    SUCCESS = "success", "成功"
    DENIED = "denied", "拒绝"
    FAILED = "failed", "失败"


class AuditEventImmutableError(Exception):
    """Raised on any attempt to change or remove an audit event."""


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise AuditEventImmutableError("审计日志只能追加，不能修改。")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AuditEventImmutableError("审计日志只能追加，不能删除。")


class AuditEvent(models.Model):
    # Set before the insert (not auto_now_add) so the chain's digest can cover it.
    occurred_at = models.DateTimeField("时间", default=timezone.now, db_index=True)
    # No database constraint: removing a user (e.g. demonstration data) must never touch the log.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人",
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_repr = models.CharField("操作人（记录时）", max_length=200, blank=True)
    action = models.CharField("操作", max_length=80, db_index=True)
    target_type = models.CharField("对象类型", max_length=80, blank=True, db_index=True)
    target_id = models.CharField("对象ID", max_length=64, blank=True, db_index=True)
    target_repr = models.CharField("对象", max_length=300, blank=True)
    changes = models.JSONField("变更内容", default=dict, blank=True)
    result = models.CharField(
        "结果", max_length=10, choices=AuditResult.choices, default=AuditResult.SUCCESS
    )
    ip_address = models.GenericIPAddressField("来源地址", null=True, blank=True)
    user_agent = models.CharField("客户端", max_length=300, blank=True)
    request_path = models.CharField("请求路径", max_length=300, blank=True)
    # The hash chain (chanjiao/audit/chain.py): the previous event's digest (unique, so the chain
    # cannot fork) and this event's SM3 digest over its content and ``prev_hash``.
    prev_hash = models.CharField("前一条摘要", max_length=64, unique=True, editable=False)
    entry_hash = models.CharField("本条摘要", max_length=64, editable=False)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = "审计日志"
        verbose_name_plural = verbose_name
        ordering = ["-occurred_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M:%S} {self.actor_repr} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AuditEventImmutableError("审计日志只能追加，不能修改。")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AuditEventImmutableError("审计日志只能追加，不能删除。")
