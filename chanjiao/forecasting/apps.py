from django.apps import AppConfig


class ForecastingConfig(AppConfig):
    name = "chanjiao.forecasting"
    verbose_name = "人才需求预测"
