from django.apps import AppConfig


class ContactRequestsConfig(AppConfig):
    name = "chanjiao.contact_requests"
    verbose_name = "联系学校"
