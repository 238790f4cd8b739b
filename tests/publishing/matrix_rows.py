"""Rows of the scoping matrix (tests/agencies/test_scoping_matrix.py) for the 主动公开 desk.

Wagtail's own page URLs (create, edit, workflow actions) are not ``gongkai_`` URLs: who may use them on the
pages of an agency's column is decided by publishing.permissions and the review chain's tasks, and tested in
tests/publishing/test_permissions.py.
"""

from datetime import date

from gongkai.agencies.roles import Role as R

HOLDERS = {
    "publishing.view": set(R),
    "publishing.collect": {R.STAFF, R.SECTION_HEAD, R.DISCLOSURE_OFFICE},
    "publishing.manage": {R.DISCLOSURE_OFFICE, R.SYSTEM_ADMIN},
    # an item's 错敏词 check: its collectors and its checkers (views use (COLLECT_INFORMATION, CHECK_INFORMATION))
    "publishing.collect_or_check": {R.STAFF, R.SECTION_HEAD, R.DISCLOSURE_OFFICE, R.DIVISION_LEADER},
}

_DESK = "/admin/gongkai/agencies/{code}/publishing"
STAFF_URLS = [
    ("publishing:desk", f"{_DESK}/", "publishing.view"),
    ("publishing:cleanup", f"{_DESK}/cleanup/", "publishing.view"),
    ("publishing:linkable", f"{_DESK}/linkable/?q=规", "publishing.collect"),
    ("publishing:item_history", _DESK + "/items/{info_item}/history/", "publishing.view"),
    ("publishing:withheld", f"{_DESK}/withheld/", "publishing.manage"),
    ("publishing:guide", f"{_DESK}/guide/", "publishing.manage"),
    ("publishing:item_approval_sheet", _DESK + "/items/{info_item}/approval-sheet/", "publishing.view"),
    ("publishing:wording_rules", f"{_DESK}/wording/", "publishing.manage"),
    ("publishing:wording_rule_delete", _DESK + "/wording/{wording_rule}/delete/", "publishing.manage"),
    ("publishing:item_wording", _DESK + "/items/{info_item}/wording/", "publishing.collect_or_check"),
    ("publishing:reevaluate", _DESK + "/withheld/{withheld}/", "publishing.manage"),
]
# The URLs that change state, tried with POST (a refused POST changes nothing: tests/publishing/test_desk.py).
POST_URLS = [
    (
        "publishing:reevaluate",
        _DESK + "/withheld/{withheld}/",
        "publishing.manage",
        {"next_on": "2099-01-01"},
    ),
    ("publishing:wording_rules", f"{_DESK}/wording/", "publishing.manage", {"expression": "矩阵测试词"}),
    ("publishing:wording_rule_delete", _DESK + "/wording/{wording_rule}/delete/", "publishing.manage", {}),
    ("publishing:item_wording", _DESK + "/items/{info_item}/wording/", "publishing.collect_or_check", {}),
]
UNSCOPED_STAFF_URLS = {
    "publishing:index": "/admin/gongkai/publishing/",
    "publishing:guides": "/admin/gongkai/publishing/guides/",
}


def _withheld_in(agency) -> int:
    from gongkai.publishing.models import WithheldInformation

    entry, _ = WithheldInformation.objects.get_or_create(
        agency=agency,
        title="矩阵测试不予公开信息",
        defaults={
            "ground": "process_info",
            "decided_on": date(2025, 3, 3),
            "reevaluate_on": date(2026, 3, 3),
        },
    )
    return entry.pk


def _item_in(agency) -> int:
    """An item of ``agency``'s column (the column made on demand under the portal's home page)."""
    from gongkai.portal import demo as portal_demo
    from gongkai.portal.models import PortalHomePage
    from gongkai.publishing.models import InformationItemPage
    from gongkai.publishing.services import create_section

    item = InformationItemPage.objects.filter(agency=agency).first()
    if item is not None:
        return item.pk
    if not PortalHomePage.objects.exists():
        portal_demo.load()
    section = create_section(agency, PortalHomePage.objects.get())
    item = section.add_child(
        instance=InformationItemPage(
            title="矩阵测试信息",
            formed_on=date(2025, 3, 3),
            category="livelihood",
            summary="矩阵测试",
            live=False,
        )
    )
    return item.pk


def _wording_rule_in(agency) -> int:
    from gongkai.publishing.models import WordingRule

    rule, _ = WordingRule.objects.get_or_create(agency=agency, expression="矩阵测试错敏词")
    return rule.pk


PLACEHOLDERS = {"withheld": _withheld_in, "info_item": _item_in, "wording_rule": _wording_rule_in}

# Documents and renditions of images not (yet) on a live page: their owning agency's staff may download them,
# in the agencies their roles reach; everyone else gets 404 (tests/publishing/test_files_matrix.py).
FILE_URLS = [
    ("wagtaildocs_serve", "/documents/{document}", "publishing.view"),
    ("gongkai_rendition", "/images/{rendition}", "publishing.view"),
]
# Wagtail's choosers: every staff member may open them, their content is scoped (test_collections.py).
UNSCOPED_STAFF_URLS.update(
    {
        "wagtaildocs_chooser:choose": "/admin/documents/chooser/",
        "wagtailimages_chooser:choose": "/admin/images/chooser/",
    }
)


def _document_in(agency) -> str:
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    document = Document.objects.filter(collection=agency.collection).first() or Document.objects.create(
        title="矩阵测试文件",
        file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="matrix.pdf"),
        collection=agency.collection,
    )
    return f"{document.pk}/{document.filename}"


def _rendition_in(agency) -> str:
    import io

    from django.core.files.base import ContentFile
    from PIL import Image as PILImage
    from wagtail.images.models import Image

    image = Image.objects.filter(collection=agency.collection).first()
    if image is None:
        buffer = io.BytesIO()
        PILImage.new("RGB", (20, 20), "blue").save(buffer, "PNG")
        image = Image.objects.create(
            title="矩阵测试图片",
            file=ContentFile(buffer.getvalue(), name="matrix.png"),
            collection=agency.collection,
        )
    return image.get_rendition("width-100").file.name


PLACEHOLDERS.update({"document": _document_in, "rendition": _rendition_in})
