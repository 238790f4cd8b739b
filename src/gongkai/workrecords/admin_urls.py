"""The staff URLs of work records (namespace ``workrecords``), under the Wagtail admin's ``gongkai/``."""

from django.urls import path

from .views import evaluation, inspections, ledger, plans, records

app_name = "workrecords"

_AGENCY = "work/<slug:code>/"
_YEAR = f"{_AGENCY}<int:year>/"
_INSPECTION = f"{_AGENCY}inspections/<int:pk>/"
_PLAN = f"{_AGENCY}plans/<int:pk>/"
_SCHEME = f"{_AGENCY}evaluation/<int:pk>/"
urlpatterns = [
    path("work/", records.index, name="index"),
    path("work/templates/<slug:kind>.xlsx", plans.template, name="template"),
    path(_YEAR, records.year_detail, name="year"),
    path(f"{_YEAR}ledger.xlsx", ledger.export, name="export"),
    path(f"{_YEAR}import/", ledger.import_meetings, name="import"),
    path(f"{_YEAR}import/proposals/", ledger.import_proposals, name="import_proposals"),
    path(f"{_YEAR}scores/", evaluation.own_scores, name="scores"),
    path(f"{_YEAR}<slug:kind>/new/", records.record_edit, name="record_new"),
    path(f"{_YEAR}<slug:kind>/<int:pk>/", records.record_edit, name="record_edit"),
    path(f"{_AGENCY}files/<slug:kind>/<int:pk>/", records.download, name="file"),
    path(f"{_AGENCY}inspections/self/", inspections.self_inspection_new, name="self_inspection_new"),
    path(f"{_AGENCY}inspections/supervision/", inspections.supervision_new, name="supervision_new"),
    path(_INSPECTION, inspections.inspection_detail, name="inspection"),
    path(f"{_INSPECTION}items/new/", inspections.item_edit, name="item_new"),
    path(f"{_INSPECTION}items/<int:item>/", inspections.item_edit, name="item_edit"),
    path(f"{_INSPECTION}items/<int:item>/close/", inspections.item_close, name="item_close"),
    path(f"{_INSPECTION}items/<int:item>/confirm/", inspections.item_confirm, name="item_confirm"),
    path(f"{_AGENCY}plans/", plans.plan_list, name="plans"),
    path(f"{_AGENCY}plans/new/", plans.plan_edit, name="plan_new"),
    path(_PLAN, plans.plan_detail, name="plan"),
    path(f"{_PLAN}edit/", plans.plan_edit, name="plan_edit"),
    path(f"{_PLAN}tasks/new/", plans.task_edit, name="task_new"),
    path(f"{_PLAN}tasks/<int:task>/", plans.task_edit, name="task_edit"),
    path(f"{_PLAN}import/", plans.task_import, name="task_import"),
    path(f"{_AGENCY}tasks/<int:pk>/", plans.progress, name="progress"),
    path(f"{_AGENCY}evaluation/", evaluation.scheme_list, name="schemes"),
    path(f"{_AGENCY}evaluation/new/", evaluation.scheme_new, name="scheme_new"),
    path(_SCHEME, evaluation.scheme_detail, name="scheme"),
    path(f"{_SCHEME}indicators/new/", evaluation.indicator_new, name="indicator_new"),
    path(f"{_SCHEME}compute/", evaluation.compute, name="compute"),
    path(f"{_SCHEME}results.xlsx", evaluation.export, name="scheme_export"),
    path(f"{_SCHEME}score/<int:indicator>/<slug:agency>/", evaluation.hand_score, name="hand_score"),
]
