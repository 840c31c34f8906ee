from django.apps import AppConfig


class LocalitiesConfig(AppConfig):
    name = "chanjiao.localities"
    label = "localities"
