from django.apps import AppConfig


class WorkrecordsConfig(AppConfig):
    name = "gongkai.workrecords"
    verbose_name = "政务公开工作记录"
