"""The staff URLs of work records (namespace ``workrecords``), under the Wagtail admin's ``gongkai/``."""

from django.urls import path

from .views import inspections, ledger, records

app_name = "workrecords"

_AGENCY = "work/<slug:code>/"
_YEAR = f"{_AGENCY}<int:year>/"
_INSPECTION = f"{_AGENCY}inspections/<int:pk>/"
urlpatterns = [
    path("work/", records.index, name="index"),
    path(_YEAR, records.year_detail, name="year"),
    path(f"{_YEAR}ledger.xlsx", ledger.export, name="export"),
    path(f"{_YEAR}import/", ledger.import_meetings, name="import"),
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
]
