"""The staff URLs of agencies and people (namespace ``agencies``), under the Wagtail admin's ``gongkai/``."""

from django.urls import path

from . import views

app_name = "agencies"

_AGENCY = "agencies/<slug:code>/"
urlpatterns = [
    path("agencies/", views.agency_index, name="index"),
    path(_AGENCY, views.agency_detail, name="detail"),
    path(f"{_AGENCY}edit/", views.agency_edit, name="edit"),
    path(f"{_AGENCY}history/", views.agency_history, name="history"),
    path(f"{_AGENCY}new-child/", views.agency_new, name="new_child"),
    path(f"{_AGENCY}people/new/", views.person_new, name="person_new"),
    path(f"{_AGENCY}people/<int:person_id>/roles/", views.person_roles, name="person_roles"),
    path(f"{_AGENCY}people/<int:person_id>/history/", views.person_history, name="person_history"),
]
