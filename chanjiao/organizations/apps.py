from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "chanjiao.organizations"
    label = "organizations"
    verbose_name = "机构"
