"""The portal's public URLs at the site's root (before Wagtail's page tree): feedback, the large-font switch,
the search across all agencies, the health check, robots.txt, the sitemap and the favicon. Not staff URLs: no login, nothing scoped."""

from django.urls import path

from .views import feedback, search, site

urlpatterns = [
    path("healthz", site.healthz, name="portal_healthz"),
    path("robots.txt", site.robots_txt, name="portal_robots"),
    path("favicon.ico", site.favicon, name="portal_favicon"),
    path("sitemap.xml", site.sitemap_index, name="portal_sitemap"),
    path("sitemap-<slug:section>.xml", site.sitemap_part, name="portal_sitemap_part"),
    path("search/", search.search, name="portal_search"),
    path("large-font/", site.large_font, name="portal_large_font"),
    path("feedback/lookup/", feedback.feedback_lookup, name="portal_feedback_lookup"),
    path("feedback/receipt/", feedback.feedback_receipt, name="portal_feedback_receipt"),
    path("feedback/<slug:code>/", feedback.feedback_form, name="portal_feedback"),
]
