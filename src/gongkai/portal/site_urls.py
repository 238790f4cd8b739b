"""The portal's public URLs at the site's root (before Wagtail's page tree): feedback, the large-font switch,
and the health check. Not staff URLs: no login, nothing scoped."""

from django.urls import path

from .views import feedback, site

urlpatterns = [
    path("healthz", site.healthz, name="portal_healthz"),
    path("large-font/", site.large_font, name="portal_large_font"),
    path("feedback/lookup/", feedback.feedback_lookup, name="portal_feedback_lookup"),
    path("feedback/receipt/", feedback.feedback_receipt, name="portal_feedback_receipt"),
    path("feedback/<slug:code>/", feedback.feedback_form, name="portal_feedback"),
]
