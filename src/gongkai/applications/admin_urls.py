"""The staff URLs of applications (namespace ``applications``), under the Wagtail admin's ``gongkai/``."""

from django.urls import path

from gongkai import converters  # noqa: F401 - registers <year:…>

from .views import assignment, cases, fees, intake, letters, numbering, records

app_name = "applications"

_AGENCY = "agencies/<slug:code>/"
urlpatterns = [
    path("applications/", cases.application_index, name="index"),
    path("applications/<int:pk>/", cases.application_detail, name="detail"),
    path("applications/<int:pk>/<slug:step>/", cases.application_step, name="step"),
    path(f"{_AGENCY}applications/new/", cases.application_intake, name="intake"),
    path(f"{_AGENCY}applications/figures/<year:year>/", cases.application_figures, name="figures"),
    path("applications/attachments/<int:pk>/", intake.attachment_download, name="attachment"),
    path("applications/<int:pk>/intake/split/", intake.application_split, name="split"),
    path(f"{_AGENCY}applications/statistics/<year:year>/", intake.application_statistics, name="statistics"),
    path(f"{_AGENCY}applications/numbering/", numbering.number_settings, name="number_settings"),
    path(f"{_AGENCY}applications/fee-payment/", fees.fee_payment_settings, name="fee_payment"),
    path("applications/<int:pk>/letters/<int:event>/", letters.letter_new, name="letter_new"),
    path("applications/letters/<int:pk>/<str:fmt>/", letters.letter_download, name="letter_download"),
    path(f"{_AGENCY}letter-templates/", letters.template_index, name="letter_templates"),
    path(f"{_AGENCY}letter-templates/<str:key>/", letters.template_edit, name="letter_template_edit"),
    # Records: the printable case file and the ledger export (views/records.py).
    path("applications/<int:pk>/casefile.pdf", records.casefile_download, name="casefile"),
    path("applications/ledger.xlsx", records.ledger_download, name="ledger"),
    # assignment (承办人) and the reply letter's 审核 / 签发 (the desk's batch actions POST to the index)
    path("applications/assign/<int:pk>/", assignment.application_assign, name="assign"),
    path("applications/signoff/<int:pk>/", assignment.letter_signoff, name="letter_signoff"),
]
