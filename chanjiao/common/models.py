"""Abstract base models shared by every app."""

from django.db import models


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField("创建时间", auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        abstract = True


class PeriodicRun(models.Model):
    """When each periodic job of config/schedules.py last ran, so that cron runs only due ones."""

    task = models.CharField("任务", max_length=200, unique=True)
    last_started_at = models.DateTimeField("上次运行", null=True, blank=True)
    source = models.CharField("运行来源", max_length=20, blank=True)

    class Meta:
        verbose_name = "周期任务运行记录"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return self.task
