"""The staff URLs of the working-day calendar (namespace ``workdays``), under the Wagtail admin's ``gongkai/``."""

from django.urls import path

from gongkai import converters  # noqa: F401 - registers <year:…>

from . import views

app_name = "workdays"

urlpatterns = [
    path("calendar/", views.calendar_index, name="index"),
    path("calendar/new/", views.calendar_edit, name="new"),
    path("calendar/import/", views.calendar_import, name="import"),
    path("calendar/<year:year>/", views.calendar_year, name="year"),
    path("calendar/<year:year>/edit/", views.calendar_edit, name="edit"),
]
