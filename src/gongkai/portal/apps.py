from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "gongkai.portal"
    verbose_name = "公开门户"

    def ready(self) -> None:
        from . import page_cache

        page_cache.connect(self)
