from django.apps import AppConfig


class RecommendationsConfig(AppConfig):
    name = "chanjiao.recommendations"
    verbose_name = "精准推荐"
