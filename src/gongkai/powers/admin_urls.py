"""The staff URLs of powers (namespace ``powers``), under the Wagtail admin's ``gongkai/``."""

from django.urls import path

from gongkai import converters  # noqa: F401 - registers <year:…>

from .views import appeals, exports, imports, lists

app_name = "powers"

_YEAR = "powers/<slug:code>/<year:year>/"
urlpatterns = [
    path("powers/", lists.index, name="index"),
    path(_YEAR, lists.year_detail, name="year"),
    path(f"{_YEAR}start/", lists.start_year, name="start"),
    path(f"{_YEAR}history/", lists.list_history, name="history"),
    path(f"{_YEAR}import/", imports.import_decisions, name="import"),
    path(f"{_YEAR}import/<int:pk>/", imports.import_job, name="import_job"),
    path(f"{_YEAR}import/<int:pk>/status/", imports.import_status, name="import_status"),
    path(f"{_YEAR}<slug:kind>/new/", lists.entry_edit, name="entry_new"),
    path(f"{_YEAR}<slug:kind>/<int:pk>/", lists.entry_edit, name="entry_edit"),
    path("powers/<slug:code>/cases/", appeals.case_index, name="appeals"),
    path("powers/<slug:code>/cases/new/", appeals.case_edit, name="appeal_new"),
    path("powers/<slug:code>/cases/<int:pk>/", appeals.case_edit, name="appeal_edit"),
    # The 台账 downloads (views/exports.py).
    path(f"{_YEAR}decisions.xlsx", exports.decisions_download, name="decisions_xlsx"),
    path("powers/<slug:code>/cases.xlsx", exports.cases_download, name="appeals_xlsx"),
]
