from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "chanjiao.web"
    label = "web"
