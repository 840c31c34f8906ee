"""Students and graduates, linked to a school, a major and a graduation year."""

from django.conf import settings
from django.db import models

from chanjiao.common.models import TimeStampedModel


class StudentProfile(TimeStampedModel):
    class Status(models.TextChoices):
        STUDENT = "student", "在校生"
        GRADUATE = "graduate", "毕业生"

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="student_profile"
    )
    school = models.ForeignKey(
        "organizations.Organization",
        verbose_name="学校",
        on_delete=models.PROTECT,
        related_name="students",
    )
    major = models.ForeignKey(
        "catalogs.Major", verbose_name="专业", on_delete=models.PROTECT, related_name="students"
    )
    graduation_year = models.PositiveSmallIntegerField("毕业年份")
    status = models.CharField("身份", max_length=10, choices=Status.choices)
    skills = models.TextField("技能", blank=True)
    is_demo = models.BooleanField("演示数据", default=False, db_index=True)

    class Meta:
        verbose_name = "学生/毕业生档案"
        verbose_name_plural = verbose_name
        ordering = ["school_id", "graduation_year"]

    def __str__(self) -> str:
        return f"{self.user}（{self.school}，{self.graduation_year}届）"
