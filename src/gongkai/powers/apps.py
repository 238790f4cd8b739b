from django.apps import AppConfig


class PowersConfig(AppConfig):
    name = "gongkai.powers"
    verbose_name = "权责事项与统计"
