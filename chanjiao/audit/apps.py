from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "chanjiao.audit"
    label = "audit"
