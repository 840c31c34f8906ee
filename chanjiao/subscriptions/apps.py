from django.apps import AppConfig


class SubscriptionsConfig(AppConfig):
    name = "chanjiao.subscriptions"
    verbose_name = "订阅与站内信"
