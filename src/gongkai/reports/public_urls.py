"""Public URLs of published annual reports (no login, nothing scoped: only published reports are shown)."""

from django.urls import path

from gongkai import converters  # noqa: F401 - registers <year:…>

from .views import public

urlpatterns = [
    path("<slug:code>/", public.annual_reports, name="portal_annual_reports"),
    path("<slug:code>/<year:year>/", public.annual_report, name="portal_annual_report"),
    path("<slug:code>/<year:year>/<slug:fmt>/", public.annual_report_file, name="portal_annual_report_file"),
]
