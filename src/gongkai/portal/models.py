"""Pages of the public portal."""

from __future__ import annotations

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from gongkai.agencies.models import Agency


class PortalHomePage(Page):
    """The portal's front page: what the site is and the agencies that publish on it."""

    intro = RichTextField("简介", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    max_count = 1
    subpage_types: list[str] = []

    class Meta:
        verbose_name = "门户首页"

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["agencies"] = Agency.objects.select_related("parent")
        return context
