"""The portal's front page, and which agency a page of the portal belongs to."""

from __future__ import annotations

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from gongkai.agencies.models import Agency
from gongkai.publishing.models import DisclosureSectionPage


class PortalHomePage(Page):
    """The portal's front page: what the site is and the agencies that publish on it."""

    intro = RichTextField("简介", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    max_count = 1
    subpage_types = ["publishing.DisclosureSectionPage"]

    class Meta:
        verbose_name = "门户首页"

    def route(self, request, path_components):
        """A column is found by one query (with its agency) instead of a page query and a second for its type."""
        if path_components:
            section = (
                DisclosureSectionPage.objects.select_related("agency")
                .filter(path__startswith=self.path, depth=self.depth + 1, slug=path_components[0])
                .first()
            )
            if section is not None:
                section._cached_parent_obj = self
                return section.route(request, path_components[1:])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["agencies"] = Agency.objects.select_related("parent", "disclosure_section")
        return context


def agency_of(page) -> Agency | None:
    """The agency a page of the portal belongs to: its own `agency` (items, sections, guides) or its column's."""
    if not isinstance(page, Page):
        return None
    agency = getattr(page.specific, "agency", None)
    if isinstance(agency, Agency):
        return agency
    section = DisclosureSectionPage.objects.ancestor_of(page, inclusive=True).select_related("agency").first()
    return section.agency if section is not None else None
