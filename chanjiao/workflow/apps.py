from django.apps import AppConfig


class WorkflowConfig(AppConfig):
    name = "chanjiao.workflow"
    label = "workflow"
    verbose_name = "流程"
