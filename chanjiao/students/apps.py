from django.apps import AppConfig


class StudentsConfig(AppConfig):
    name = "chanjiao.students"
    label = "students"
