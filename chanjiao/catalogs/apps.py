from django.apps import AppConfig


class CatalogsConfig(AppConfig):
    name = "chanjiao.catalogs"
    label = "catalogs"
    verbose_name = "参考目录"
