"""The portal's public URLs at the site's root (before Wagtail's page tree): feedback, the large-font switch,
and the health check. Not staff URLs: no login, nothing scoped."""

from django.urls import path

from . import feedback_views, site_views

urlpatterns = [
    path("healthz", site_views.healthz, name="portal_healthz"),
    path("large-font/", site_views.large_font, name="portal_large_font"),
    path("feedback/lookup/", feedback_views.feedback_lookup, name="portal_feedback_lookup"),
    path("feedback/receipt/", feedback_views.feedback_receipt, name="portal_feedback_receipt"),
    path("feedback/<slug:code>/", feedback_views.feedback_form, name="portal_feedback"),
]
