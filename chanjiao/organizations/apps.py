from django.apps import AppConfig


class OrganizationsConfig(AppConfig):
    name = "chanjiao.organizations"
    label = "organizations"
