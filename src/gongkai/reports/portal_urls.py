"""Public URLs of published annual reports (no login, nothing scoped: only published reports are shown)."""

from django.urls import path

from . import portal_views

urlpatterns = [
    path("<slug:code>/", portal_views.annual_reports, name="portal_annual_reports"),
    path("<slug:code>/<int:year>/", portal_views.annual_report, name="portal_annual_report"),
    path(
        "<slug:code>/<int:year>/<slug:fmt>/",
        portal_views.annual_report_file,
        name="portal_annual_report_file",
    ),
]
