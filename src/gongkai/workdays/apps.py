from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _seed(sender, **kwargs):
    from .services import seed_from_chinesecalendar

    seed_from_chinesecalendar()


class WorkdaysConfig(AppConfig):
    name = "gongkai.workdays"
    verbose_name = "工作日历"

    def ready(self):
        # After migrate (and after a test flush) every year chinesecalendar knows is in the table.
        post_migrate.connect(_seed, sender=self, dispatch_uid="gongkai.workdays.seed")
