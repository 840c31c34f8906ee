from django.apps import AppConfig


class SelfServiceConfig(AppConfig):
    name = "chanjiao.selfservice"
    label = "selfservice"
    verbose_name = "账号自助服务"
