"""The base of every public page: landmarks, skip link, breadcrumbs, the large-font switch without JavaScript,
the print stylesheet, and the health check."""

from __future__ import annotations

import pytest

from gongkai.portal import demo as portal_demo

pytestmark = pytest.mark.django_db


def test_landmarks_and_skip_link(client, world):
    portal_demo.load()
    html = client.get("/").content.decode()
    assert '<html lang="zh-CN">' in html and 'name="viewport"' in html
    assert html.index('class="skip" href="#main"') < html.index("<header")
    for landmark in ("<header", '<nav class="site-nav" aria-label="主导航">', '<main id="main"', "<footer"):
        assert landmark in html
    assert 'media="print"' in html and 'aria-pressed="false"' in html
    assert "breadcrumbs" not in html  # the home page has no trail


def test_breadcrumbs_of_a_view(client, world):
    html = client.get("/feedback/lookup/").content.decode()
    assert '<nav class="breadcrumbs wrap" aria-label="当前位置">' in html
    assert '<a href="/feedback/lookup/" aria-current="page">意见答复查询</a>' in html


@pytest.mark.parametrize(
    "cookie,next_url,location,now",
    [
        (None, "/feedback/lookup/", "/feedback/lookup/", "1"),
        ("1", "/feedback/lookup/?x=1", "/feedback/lookup/?x=1", "0"),
        ("0", "https://evil.example/", "/", "1"),
        (None, "//evil.example/", "/", "1"),
    ],
)
def test_large_font_switch_without_javascript(client, world, cookie, next_url, location, now):
    if cookie is not None:
        client.cookies["gongkai_large"] = cookie
    response = client.get("/large-font/", {"next": next_url})
    assert response.status_code == 302 and response["Location"] == location
    assert response.cookies["gongkai_large"].value == now
    page = client.get("/feedback/lookup/").content.decode()
    assert ('<html lang="zh-CN" class="large">' in page) is (now == "1")
    assert ('aria-pressed="true"' in page) is (now == "1")


def test_healthz(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200 and response.content == b"ok"
