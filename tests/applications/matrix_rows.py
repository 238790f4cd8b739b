"""Rows of the scoping matrix (tests/agencies/test_scoping_matrix.py) for the applications desk and API."""

import io
from datetime import date

from PIL import Image

from gongkai.agencies.roles import Role as R

_VIEWERS = {
    R.DISCLOSURE_OFFICE,
    R.SUPERVISING_OFFICE,
    R.SYSTEM_ADMIN,
    R.SECTION_HEAD,
    R.DIVISION_LEADER,
    R.PRINCIPAL_LEADER,
}
# The system administrator is a Django superuser, whom scoping lets do everything everywhere.
# Only the agency's own office handles applications; not even the system administrator (DESIGN.md, "Personal data").
HOLDERS = {
    "applications.view": _VIEWERS,
    "applications.handle": {R.DISCLOSURE_OFFICE},
    "applications.personal_data": {R.DISCLOSURE_OFFICE},
}

STAFF_URLS = [
    ("applications:detail", "/admin/gongkai/applications/{application}/", "applications.view"),
    ("applications:step", "/admin/gongkai/applications/{application}/extend/", "applications.handle"),
    ("applications:intake", "/admin/gongkai/agencies/{code}/applications/new/", "applications.handle"),
    (
        "applications:figures",
        "/admin/gongkai/agencies/{code}/applications/figures/2025/",
        "applications.view",
    ),
    (
        "applications:attachment",
        "/admin/gongkai/applications/attachments/{attachment}/",
        "applications.personal_data",
    ),
    (
        "applications:split",
        "/admin/gongkai/applications/{application}/intake/split/",
        "applications.handle",
    ),
    (
        "applications:statistics",
        "/admin/gongkai/agencies/{code}/applications/statistics/2025/",
        "applications.view",
    ),
    (
        "applications:number_settings",
        "/admin/gongkai/agencies/{code}/applications/numbering/",
        "applications.handle",
    ),
    (
        "applications:fee_payment",
        "/admin/gongkai/agencies/{code}/applications/fee-payment/",
        "applications.handle",
    ),
]
# The desk: a 业务人员 opens it to list the cases assigned to them.
GLOBAL_STAFF_URLS = [("applications:index", "/admin/gongkai/applications/", _VIEWERS | {R.STAFF})]
PUBLIC_API = {"/api/v1/agencies/{code}/applications", "/api/v1/applications/lookup"}


def _application_in(agency) -> int:
    """An application received by `agency` (created once per test)."""
    from gongkai.applications import services
    from gongkai.applications.models import Application

    existing = Application.objects.filter(agency=agency).first()
    if existing:
        return existing.pk
    fields = {
        "applicant_type": "commercial",
        "name": "矩阵测试有限公司",
        "credit_code": agency.credit_code,
        "contact_person": "联系人",
        "phone": "0551-1234567",
        "info_name": "某文件",
        "form": "electronic",
        "obtaining": "online",
    }
    app, _ = services.intake(agency, fields, channel="in_person", arrived_on=date(2025, 3, 3))
    return app.pk


def _attachment_in(agency) -> int:
    """An attachment (a small PNG) of an application of `agency`."""
    from gongkai.applications import attachments
    from gongkai.applications.models import Application, Attachment

    app = Application.objects.get(pk=_application_in(agency))
    existing = Attachment.objects.filter(application=app).first()
    if existing:
        return existing.pk
    out = io.BytesIO()
    Image.new("RGB", (4, 4)).save(out, "PNG")
    png = out.getvalue()
    return attachments.attach(app, [attachments.check_one("matrix.png", png)])[0].pk


PLACEHOLDERS = {"application": _application_in, "attachment": _attachment_in}


# Letters (applications/letter_views.py): generating them and the templates are the handling office's; a letter
# names the applicant, so downloading one needs the personal-data permission, which only that office holds.
HOLDERS["applications.personal_data"] = {R.DISCLOSURE_OFFICE}
STAFF_URLS += [
    (
        "applications:letter_new",
        "/admin/gongkai/applications/{application}/letters/{letter_event}/",
        "applications.handle",
    ),
    (
        "applications:letter_download",
        "/admin/gongkai/applications/letters/{letter}/pdf/",
        "applications.personal_data",
    ),
    (
        "applications:letter_templates",
        "/admin/gongkai/agencies/{code}/letter-templates/",
        "applications.handle",
    ),
    (
        "applications:letter_template_edit",
        "/admin/gongkai/agencies/{code}/letter-templates/reply.withheld.third_party/",
        "applications.handle",
    ),
]


def _letter_event_in(agency) -> int:
    """The correction request (a step with a letter) of the application in `agency`."""
    from gongkai.applications import services
    from gongkai.applications.choices import EventKind
    from gongkai.applications.models import Application

    app = Application.objects.get(pk=_application_in(agency))
    event = app.events.filter(kind=EventKind.CORRECTION_REQUESTED).first()
    if event is None:
        services.request_correction(app, on=date(2025, 3, 4), what="请写明文件名称")
        event = app.events.get(kind=EventKind.CORRECTION_REQUESTED)
    return event.pk


def _letter_in(agency) -> int:
    """A letter kept with that application (small stand-in files: rendering is tested in test_letters.py)."""
    from django.core.files.base import ContentFile

    from gongkai.applications import letters
    from gongkai.applications.models import Letter

    existing = Letter.objects.filter(application__agency=agency).first()
    if existing:
        return existing.pk
    event_pk = _letter_event_in(agency)
    letter = Letter(
        application_id=_application_in(agency), event_id=event_pk, kind="correction", on=date(2025, 3, 4)
    )
    letter.number = letter.application.number
    letter.content = letters.draft(letter.application, letter.event).to_dict()  # the text its page shows
    letter.docx.save("letter.docx", ContentFile(b"PK"), save=False)
    letter.pdf.save("letter.pdf", ContentFile(b"%PDF-1.7"), save=False)
    letter.save()
    return letter.pk


PLACEHOLDERS.update(letter_event=_letter_event_in, letter=_letter_in)


# Records (applications/views/records.py): the case file is the handling office's (a GET download; a POST is
# answered alike, scoped first); the ledger is the desk's list as XLSX, for whoever sees the desk — what it holds
# is scoped and masked like the list (tests/applications/test_ledger.py).
STAFF_URLS += [
    (
        "applications:casefile",
        "/admin/gongkai/applications/{application}/casefile.pdf",
        "applications.handle",
    ),
]
GLOBAL_STAFF_URLS += [("applications:ledger", "/admin/gongkai/applications/ledger.xlsx", _VIEWERS)]

# Assignment and the reply letter's 审核 / 签发 (applications/views/assignment.py). The office assigns; whoever sees
# the case reads a kept letter there (masked outside the office) and takes the step their role allows. A 业务人员
# reaches only the cases assigned to them (none in the matrix's world), so the case URLs stay out of their reach;
# the desk lets them in to list their own.
STAFF_URLS += [
    ("applications:assign", "/admin/gongkai/applications/assign/{application}/", "applications.handle"),
    ("applications:letter_signoff", "/admin/gongkai/applications/signoff/{letter}/", "applications.view"),
]
POST_URLS = [
    (
        "applications:casefile",
        "/admin/gongkai/applications/{application}/casefile.pdf",
        "applications.handle",
        {},
    ),
    (
        "applications:assign",
        "/admin/gongkai/applications/assign/{application}/",
        "applications.handle",
        {"handler": ""},
    ),
    (
        "applications:letter_signoff",
        "/admin/gongkai/applications/signoff/{letter}/",
        "applications.view",
        {"decision": "approve", "opinion": "同意"},
    ),
]
