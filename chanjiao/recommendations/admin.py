from django.contrib import admin

from chanjiao.recommendations.models import (
    Recommendation,
    RecommendationFeedback,
    RecommendationPreference,
    SubjectState,
)


@admin.register(Recommendation)
class RecommendationAdmin(admin.ModelAdmin):
    list_display = ("subject_type", "subject_key", "rank", "target_type", "target_id", "score")
    list_filter = ("subject_type", "target_type")


admin.site.register(SubjectState)
admin.site.register(RecommendationFeedback)
admin.site.register(RecommendationPreference)
