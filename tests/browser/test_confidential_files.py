"""In the browser, anonymous: the attachment of a published demo item downloads from its page; the attachments
of the demo's draft and withheld items answer 404, as a file that does not exist."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def attachments(transactional_db):
    from gongkai.agencies import demo as agencies_demo
    from gongkai.portal import demo as portal_demo
    from gongkai.publishing import demo as publishing_demo
    from gongkai.publishing.models import ItemAttachment

    agencies_demo.load()
    portal_demo.load()
    publishing_demo.load()
    return {
        a.page.title: (a.page.specific, a.document)
        for a in ItemAttachment.objects.select_related("page", "document")
    }


def test_the_public_downloads_only_published_attachments(page, live_server, attachments):
    from gongkai.publishing.demo.attachments import DRAFT, PUBLISHED, WITHHELD

    item, document = attachments[PUBLISHED[0]]
    page.goto(f"{live_server.url}{item.url}")
    link = page.locator(f"a[href='{document.url}']")
    expect(link).to_be_visible()
    assert page.request.get(f"{live_server.url}{document.url}").status == 200
    for title in (DRAFT[0], WITHHELD[0]):
        _, hidden = attachments[title]
        response = page.goto(f"{live_server.url}{hidden.url}")
        assert response.status == 404, title
        expect(page.locator("body")).not_to_contain_text("%PDF")
