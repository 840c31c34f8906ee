from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "chanjiao.events"
    verbose_name = "招聘活动"
