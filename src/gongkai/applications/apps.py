from django.apps import AppConfig


def _calendar_changed(sender, years, **kwargs):
    from .services import recompute_for_years

    recompute_for_years(set(years))


class ApplicationsConfig(AppConfig):
    name = "gongkai.applications"
    verbose_name = "依申请公开"

    def ready(self):
        from gongkai.workdays.services import calendar_changed

        calendar_changed.connect(_calendar_changed, dispatch_uid="gongkai.applications.recompute")
