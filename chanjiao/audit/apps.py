from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "chanjiao.audit"
    label = "audit"
    verbose_name = "审计日志"

    def ready(self) -> None:
        # Model imports need a ready registry: the admin-change receivers connect here.
        from chanjiao.audit import admin_changes, system_events

        admin_changes.connect()
        system_events.connect()
