"""The staff URLs of annual reports (namespace ``reports``), under the Wagtail admin's ``gongkai/``."""

from django.urls import path

from gongkai import converters  # noqa: F401 - registers <year:…>

from .views import audits, drafting, overview, signoff, supervision

app_name = "reports"

_REPORT = "reports/<slug:code>/<year:year>/"
urlpatterns = [
    path("reports/", drafting.report_index, name="index"),
    path(f"{_REPORT}draft/", drafting.report_draft, name="draft"),
    path(f"{_REPORT}draft/prose/<slug:section>/", drafting.report_prose, name="prose"),
    path(f"{_REPORT}draft/cells/<str:key>/", drafting.report_cell, name="cell"),
    path(f"{_REPORT}draft/file/<slug:fmt>/", drafting.report_file, name="file"),
    path(f"{_REPORT}signoff/", signoff.report_signoff, name="signoff"),
    path("reports/supervision/", supervision.supervision_index, name="supervision_index"),
    path("reports/supervision/<slug:code>/<year:year>/", supervision.supervision_detail, name="supervision"),
    path(
        "reports/supervision/<slug:code>/<year:year>/xlsx/",
        supervision.supervision_xlsx,
        name="supervision_xlsx",
    ),
    path(
        "reports/supervision/<slug:code>/<year:year>/figures/",
        overview.supervision_figures,
        name="supervision_figures",
    ),
    path(
        "reports/supervision/<slug:code>/<year:year>/summary.pdf",
        overview.supervision_summary,
        name="supervision_summary",
    ),
    path(
        "reports/supervision/<slug:code>/applications/",
        overview.supervision_applications,
        name="supervision_applications",
    ),
    path("audits/", audits.audit_index, name="audits"),
    path("audits/upload/", audits.audit_upload, name="audit_upload"),
    path("audits/batches/<int:pk>/", audits.audit_batch, name="audit_batch"),
    path("audits/<int:pk>/", audits.audit_detail, name="audit_detail"),
    path("audits/<int:pk>/file/", audits.audit_file, name="audit_file"),
    path("audits/<int:pk>/json/", audits.audit_json, name="audit_json"),
]
