from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "gongkai.ops"
    label = "ops"
    verbose_name = "运维"
