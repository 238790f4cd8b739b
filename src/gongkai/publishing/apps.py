from django.apps import AppConfig


def _calendar_changed(sender, years, **kwargs):
    from .services import recompute_due

    recompute_due(set(years))


class PublishingConfig(AppConfig):
    name = "gongkai.publishing"
    label = "publishing"
    verbose_name = "主动公开"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from gongkai.workdays.services import calendar_changed

        from . import signals  # noqa: F401

        calendar_changed.connect(_calendar_changed, dispatch_uid="gongkai.publishing.recompute_due")
