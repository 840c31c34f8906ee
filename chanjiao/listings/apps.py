from django.apps import AppConfig


class ListingsConfig(AppConfig):
    name = "chanjiao.listings"
    verbose_name = "供需信息"
