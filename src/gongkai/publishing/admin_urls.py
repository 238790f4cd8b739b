"""The staff URLs of 主动公开 (namespace ``publishing``), under the Wagtail admin's ``gongkai/``."""

from django.urls import path

from . import views, wording_views

app_name = "publishing"

_AGENCY = "agencies/<slug:code>/publishing/"
urlpatterns = [
    path("publishing/", views.index, name="index"),
    path("publishing/guides/", views.guides, name="guides"),
    path(_AGENCY, views.agency_desk, name="desk"),
    path(f"{_AGENCY}guide/", views.guide, name="guide"),
    path(f"{_AGENCY}withheld/", views.withheld, name="withheld"),
    path(f"{_AGENCY}withheld/<int:pk>/", views.reevaluate, name="reevaluate"),
    path(f"{_AGENCY}cleanup/", views.cleanup, name="cleanup"),
    path(f"{_AGENCY}linkable/", views.linkable, name="linkable"),
    path(f"{_AGENCY}items/<int:pk>/history/", views.item_history, name="item_history"),
    path(f"{_AGENCY}items/<int:pk>/approval-sheet/", views.item_approval_sheet, name="item_approval_sheet"),
    path(f"{_AGENCY}items/<int:pk>/wording/", wording_views.item_check, name="item_wording"),
    path(f"{_AGENCY}wording/", wording_views.rules, name="wording_rules"),
    path(f"{_AGENCY}wording/<int:pk>/delete/", wording_views.delete_rule, name="wording_rule_delete"),
]
