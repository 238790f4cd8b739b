"""The staff side speaks Chinese and says 公开: each demo role's pages (dashboard, item list, editor, workflow
dialog, history, account) contain none of the English UI strings listed here, the login page is branded, and the
project's catalogue (src/gongkai/locale) is compiled: its .mo says what its .po says."""

from __future__ import annotations

import ast
import gettext
import json
import re
from pathlib import Path

import pytest
from lxml import html as lxml_html

from .conftest import act, person

LOCALE = Path(__file__).resolve().parents[2] / "src/gongkai/locale/zh_Hans/LC_MESSAGES"

# English (or half-translated) UI strings seen on the staff side before the project's catalogue; none may return.
UNTRANSLATED = [
    "Wagtail",
    "Password",
    "Your pages and snippets in a workflow",
    "Privacy and access",
    "Write something or type",
    "Autosave is paused",
    "Autosave is",
    "Locking:",
    "Referenced 0 times",
    "通过 和发布",
    "editor guide",
    "Sent to",
    "To be created by",
    "Anyone can edit",
    "Reviewers can edit",
    "Only reviewers can",
    "Locked by workflow",
    "Choose when this page",
    "Choose who can view",
    "Anyone with editing permissions",
    "Content metrics",
    "Reading time",
    "Readability",
    "Save changes",
    "Show keyboard shortcuts",
    "Text formatting",
    "Edit account avatar",
    "Search all pages",
    "Theme preferences",
    "Admin theme",
    "A network error occurred",
    "Go to the first error",
    "Saved",
    "Checks",
    "Dashboard",
    "Skip to main content",
    "Site summary",
]
ENGLISH_BROWSER = {"HTTP_ACCEPT_LANGUAGE": "en-US,en;q=0.9"}
"""What a browser set to English sends: the staff side stays Chinese (English only by the account's own choice)."""
_VISIBLE_ATTRIBUTES = "//@placeholder|//@aria-label|//@title|//@alt|//@data-w-tooltip-content-value"


def visible_text(body: bytes) -> str:
    """What a user reads or hears: the text outside scripts and styles, and the attributes shown or spoken."""
    doc = lxml_html.fromstring(body)
    for element in doc.xpath("//script|//style"):
        element.drop_tree()
    return "\n".join([*doc.xpath("//text()"), *doc.xpath(_VISIBLE_ATTRIBUTES)])


def english_in(body: bytes) -> list[str]:
    text = " ".join(visible_text(body).split())
    return [phrase for phrase in UNTRANSLATED if phrase in text]


def _po_entries(path: Path) -> dict[str, str]:
    """{msgid (with its plural after a NUL, as gettext keys it): msgstr} of a .po file written by the project."""
    entries, current = {}, {}

    def flush():
        if current.get("msgid"):
            key = current["msgid"] + ("\x00" + current["msgid_plural"] if "msgid_plural" in current else "")
            entries[key] = current.get("msgstr", current.get("msgstr[0]", ""))

    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        match = re.match(r"^(msgid|msgid_plural|msgstr|msgstr\[0\]) (\".*\")$", line)
        if match:
            current[match.group(1)] = ast.literal_eval(match.group(2))
        elif not line.strip():
            flush()
            current = {}
    return entries


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_the_compiled_catalogue_says_what_the_po_says(domain):
    entries = _po_entries(LOCALE / f"{domain}.po")
    with open(LOCALE / f"{domain}.mo", "rb") as stream:
        compiled = gettext.GNUTranslations(stream)
    # GNUTranslations keys a singular by its msgid and a plural form by (msgid, index); "" is the header
    catalog = {key: value for key, value in compiled._catalog.items() if key != ""}
    expected = {}
    for key, text in entries.items():
        msgid = key.split("\x00")[0]
        expected[(msgid, 0) if "\x00" in key else msgid] = text
    assert len(expected) > 10
    assert catalog == expected, (
        f"{domain}.mo does not say what {domain}.po says: msgfmt -o {domain}.mo {domain}.po"
    )


def test_the_login_page_says_gongkai(client, db):
    response = client.get("/admin/login/", **ENGLISH_BROWSER)
    text = visible_text(response.content)
    assert "登录公开" in text
    assert "密码" in text
    assert english_in(response.content) == []
    assert re.search(r"<title>登录 - 公开</title>", response.content.decode())


def test_the_javascript_catalogue_completes_the_editor(client, world):
    client.force_login(person(world, "staff"))
    response = client.get("/admin/jsi18n/")
    catalog = json.loads(re.search(r"newcatalog = (\{.*?\});", response.content.decode(), re.S).group(1))
    assert catalog["Write something or type ‘/’ to insert a block"] == "输入内容，或输入“/”插入内容块"
    assert catalog["Autosave in progress…"] == "正在自动保存…"


def _items_at_each_step(world, add_item):
    """A draft, and items waiting at 复核, 保密审查 and 审核, all written by dept's 业务人员."""
    author = person(world, "staff")
    draft = add_item(user=author, n=1)
    items = {"draft": draft}
    for n, step in enumerate(("check", "confidentiality", "approve"), start=2):
        item = add_item(user=author, n=n)
        item.get_workflow().start(item, author)
        if step in ("confidentiality", "approve"):
            act(item, person(world, "section_head"))
        if step == "approve":
            item.refresh_from_db()
            act(item, person(world, "confidentiality_reviewer"), conclusion="publishable")
        items[step] = item
    return items


ROLE_PAGES = {
    "staff": ("draft", None),
    "section_head": ("check", "approve"),
    "confidentiality_reviewer": ("confidentiality", "approve"),
    "principal_leader": ("approve", "approve"),
    "disclosure_office": ("draft", None),
}


@pytest.mark.parametrize("role", list(ROLE_PAGES))
def test_each_roles_staff_pages_are_in_chinese(role, world, portal, add_item, client):
    items = _items_at_each_step(world, add_item)
    client.force_login(person(world, role))
    item_key, action = ROLE_PAGES[role]
    item = type(items[item_key]).objects.get(pk=items[item_key].pk)
    urls = [
        "/admin/",
        "/admin/account/",
        f"/admin/pages/{portal['dept'].pk}/",
        "/admin/gongkai/agencies/dept/publishing/",
        f"/admin/pages/{item.pk}/edit/",
        f"/admin/gongkai/agencies/dept/publishing/items/{item.pk}/history/",
    ]
    for url in urls:
        response = client.get(url, **ENGLISH_BROWSER)
        if url == urls[2] and response.status_code == 302:
            continue  # the page explorer is for those who may edit the column's pages (not 业务人员)
        assert response.status_code == 200, url
        assert "- 公开</title>" in response.content.decode(), url
        assert english_in(response.content) == [], url
    if action:
        state = item.current_workflow_task_state
        response = client.get(f"/admin/pages/workflow/action/{item.pk}/{action}/{state.pk}/")
        assert response.status_code == 200
        assert english_in(response.json()["html"].encode() or b"<p></p>") == []


def test_the_last_steps_button_reads_approve_and_publish(world, portal, add_item, client):
    items = _items_at_each_step(world, add_item)
    client.force_login(person(world, "principal_leader"))
    response = client.get(f"/admin/pages/{items['approve'].pk}/edit/")
    assert "通过并发布" in visible_text(response.content)
