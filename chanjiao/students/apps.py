from django.apps import AppConfig


class StudentsConfig(AppConfig):
    name = "chanjiao.students"
    label = "students"
    verbose_name = "学生档案"
