"""The generic history of every workflow: one row per transition taken, whatever the model."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models


class TransitionRecord(models.Model):
    """One transition of one row: from which state to which, by whom, why, with what content."""

    content_type = models.ForeignKey(
        ContentType, verbose_name="对象类型", on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.CharField("对象ID", max_length=64)
    target = GenericForeignKey("content_type", "object_id")
    workflow = models.CharField("流程", max_length=80)
    transition = models.CharField("操作", max_length=80)
    from_state = models.CharField("原状态", max_length=30, blank=True)
    to_state = models.CharField("新状态", max_length=30)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="操作人（空为系统）",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.CharField("原因", max_length=500, blank=True)
    snapshot = models.JSONField("内容快照", default=dict, blank=True)
    created_at = models.DateTimeField("时间", auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = "流程记录"
        verbose_name_plural = verbose_name
        ordering = ["created_at", "pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="transition_target"),
        ]

    def __str__(self) -> str:
        return (
            f"{self.workflow} {self.object_id} {self.transition} {self.from_state}→{self.to_state}"
        )
