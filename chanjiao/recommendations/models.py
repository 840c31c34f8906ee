"""Stored recommendations, the state of each subject's computation, feedback and preferences."""

from django.conf import settings
from django.db import models

from chanjiao.common.models import TimeStampedModel


class SubjectType(models.TextChoices):
    STUDENT = "student", "学生/毕业生档案"
    LISTING = "listing", "供需信息"
    COHORT = "cohort", "专业毕业生群体"


class TargetType(models.TextChoices):
    LISTING = "listing", "供需信息"
    SCHOOL_MAJOR = "school_major", "专业点"
    ORGANIZATION = "organization", "机构"


class SubjectState(models.Model):
    """When a subject's recommendations were computed, and whether they need recomputing."""

    subject_type = models.CharField("对象类型", max_length=20, choices=SubjectType.choices)
    subject_key = models.CharField("对象标识", max_length=60)
    target_group = models.CharField("推荐内容", max_length=30, db_index=True)
    computed_at = models.DateTimeField("计算时间", null=True, blank=True)
    is_stale = models.BooleanField("待更新", default=True, db_index=True)
    version = models.PositiveIntegerField("算法版本", default=0)

    class Meta:
        verbose_name = "推荐计算状态"
        verbose_name_plural = verbose_name
        constraints = [
            models.UniqueConstraint(
                fields=["subject_type", "subject_key"], name="recsubjectstate_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.subject_type}:{self.subject_key}"


class Recommendation(models.Model):
    """One recommended item for one subject, with its score and reasons in Chinese."""

    subject_type = models.CharField("对象类型", max_length=20, choices=SubjectType.choices)
    subject_key = models.CharField("对象标识", max_length=60)
    target_type = models.CharField("推荐类型", max_length=20, choices=TargetType.choices)
    target_id = models.PositiveBigIntegerField("推荐对象")
    rank = models.PositiveSmallIntegerField("名次")
    score = models.FloatField("得分")
    reasons = models.JSONField("推荐理由", default=list)
    computed_at = models.DateTimeField("计算时间")
    version = models.PositiveIntegerField("算法版本")

    class Meta:
        verbose_name = "推荐结果"
        verbose_name_plural = verbose_name
        ordering = ["subject_type", "subject_key", "rank"]
        indexes = [models.Index(fields=["subject_type", "subject_key", "rank"], name="rec_subject")]
        constraints = [
            models.UniqueConstraint(
                fields=["subject_type", "subject_key", "target_type", "target_id"],
                name="recommendation_unique_target",
            )
        ]

    def __str__(self) -> str:
        return f"{self.subject_type}:{self.subject_key} → {self.target_type}:{self.target_id}"


class RecommendationFeedback(TimeStampedModel):
    """A person marked a recommended item 'not relevant' for one subject."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recommendation_feedback"
    )
    subject_type = models.CharField("对象类型", max_length=20, choices=SubjectType.choices)
    subject_key = models.CharField("对象标识", max_length=60)
    target_type = models.CharField("推荐类型", max_length=20, choices=TargetType.choices)
    target_id = models.PositiveBigIntegerField("推荐对象")
    occupation_id = models.PositiveIntegerField("职业", null=True, blank=True)
    major_id = models.PositiveIntegerField("专业", null=True, blank=True)
    organization_id = models.PositiveIntegerField("发布机构", null=True, blank=True)

    class Meta:
        verbose_name = "推荐反馈（不相关）"
        verbose_name_plural = verbose_name
        constraints = [
            models.UniqueConstraint(
                fields=["subject_type", "subject_key", "target_type", "target_id"],
                name="recfeedback_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.subject_type}:{self.subject_key} ✕ {self.target_type}:{self.target_id}"


class RecommendationPreference(TimeStampedModel):
    """A person's choice about personalised recommendation (PIPL Art. 24)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="recommendation_preference"
    )
    is_personalised = models.BooleanField("个性化推荐", default=True)

    class Meta:
        verbose_name = "推荐设置"
        verbose_name_plural = verbose_name

    def __str__(self) -> str:
        return f"{self.user_id}: {self.is_personalised}"
