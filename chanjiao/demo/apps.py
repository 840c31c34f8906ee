from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "chanjiao.demo"
    label = "demo"
