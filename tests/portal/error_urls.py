"""The project's URLs plus views that fail on purpose, for the error-page tests (tests/portal/test_error_pages.py)."""

from django.core.exceptions import PermissionDenied
from django.urls import path

from gongkai.urls import urlpatterns as project_urlpatterns


def boom(request):
    raise RuntimeError("a failure the visitor must not see")


def forbidden(request):
    raise PermissionDenied


urlpatterns = [path("boom/", boom), path("forbidden/", forbidden), *project_urlpatterns]
