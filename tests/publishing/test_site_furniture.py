"""The site furniture of a government website (issue 13, item 16): robots.txt, sitemap.xml with live public pages
only (never a draft, an item in the sign-off chain or a withheld item), the favicon, and the footer's 主办单位 /
网站标识码 / ICP 备案号 / 公安备案号 from the Wagtail site setting."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlsplit
from xml.etree import ElementTree

import pytest
from wagtail.models import PageViewRestriction, Site

from gongkai.portal.models import PortalSettings
from gongkai.portal.views import site as site_views
from gongkai.publishing.demo import bulk
from gongkai.publishing.models import InformationItemPage, WithheldInformation

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
ROW = dict(title="关于发放就业补贴的通知", formed_on=date(2025, 3, 3), category="services", summary="补贴。")


def _locations(client, url) -> list[str]:
    response = client.get(url)
    assert response.status_code == 200
    return [node.text for node in ElementTree.fromstring(response.content).findall(".//s:loc", NS)]


def _sitemap(client) -> list[str]:
    return [loc for part in _locations(client, "/sitemap.xml") for loc in _locations(client, part)]


def test_robots_txt_keeps_crawlers_out_of_staff_pages_and_names_the_sitemap(client, world):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert {"Disallow: /admin/", "Disallow: /api/", "Disallow: /*/search/"} <= set(lines)
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_the_favicon_is_linked_and_answers(client, portal):
    response = client.get("/favicon.ico")
    assert response.status_code == 302 and response["Location"].endswith("portal/favicon.svg")
    assert 'rel="icon" href="/static/portal/favicon.svg"' in client.get("/").content.decode()


def test_the_sitemap_lists_live_public_pages_only(client, world, portal, add_item, submitted, monkeypatch):
    monkeypatch.setattr(site_views.PublicPages, "limit", 3)  # several parts, as with 100,000 items
    bulk.create_items(portal["dept"], [dict(ROW, title=f"公开的通知{i}") for i in range(4)])
    live = list(InformationItemPage.objects.live().order_by("index_seq"))
    withdrawn, restricted = live[0], live[1]
    withdrawn.unpublish()
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    draft = add_item(title="草稿")
    withheld = add_item(title="不予公开")
    WithheldInformation.objects.create(
        agency=world["dept"],
        item=withheld,
        title=withheld.title,
        ground="process_info",
        decided_on=date(2025, 1, 5),
        reevaluate_on=date(2026, 1, 5),
    )
    parts = _locations(client, "/sitemap.xml")
    assert len(parts) > 1 and all(p.startswith("http://testserver/sitemap-pages.xml") for p in parts)
    urls = [urlsplit(url).path for url in _sitemap(client)]  # on the Wagtail site's host name
    assert sorted(urls) == sorted(["/", "/dept/", "/sibling/", *(item.url for item in live[2:])])
    for hidden in (withdrawn, restricted, draft, withheld, submitted):
        assert f"/dept/{hidden.slug}/" not in urls, hidden.title


def test_the_sitemap_reads_rows_not_page_objects(client, portal, monkeypatch):
    from django.db.models import Model

    bulk.create_items(portal["dept"], [dict(ROW, title=f"公开的通知{i}") for i in range(30)])
    loaded = []
    from_db = Model.from_db.__func__

    def counting(cls, *args, **kwargs):
        if issubclass(cls, InformationItemPage):
            loaded.append(cls)
        return from_db(cls, *args, **kwargs)

    monkeypatch.setattr(Model, "from_db", classmethod(counting))
    urls = _sitemap(client)
    assert len(urls) == 33 and loaded == []
    assert all(url.startswith("http://localhost/") for url in urls)


def test_the_footer_shows_the_site_setting_and_follows_its_changes(client, portal):
    site = Site.objects.get(is_default_site=True)
    PortalSettings.objects.all().delete()  # the portal's demo fills it in
    assert "主办单位" not in client.get("/dept/").content.decode()
    settings = PortalSettings.objects.create(
        site=site,
        host_organisation="甲区人民政府办公室",
        site_code="1101000001",
        icp_number="京ICP备12345678号",
        police_number="京公网安备 11010202000001号",
    )
    footer = client.get("/dept/").content.decode().split("<footer", 1)[1]
    assert "主办单位：甲区人民政府办公室" in footer and "网站标识码：1101000001" in footer
    assert '<a href="https://beian.miit.gov.cn/" rel="noopener">京ICP备12345678号</a>' in footer
    assert "code=11010202000001" in footer and "京公网安备 11010202000001号" in footer
    settings.host_organisation = "甲区政务服务数据管理局"
    settings.save()
    assert "主办单位：甲区政务服务数据管理局" in client.get("/dept/").content.decode()


@pytest.mark.parametrize("path", ["/", "/dept/catalogue/", "/feedback/lookup/", "/no-such-page/"])
def test_every_public_page_has_the_footer(client, portal, path):
    PortalSettings.objects.update_or_create(
        site=Site.objects.get(is_default_site=True), defaults={"site_code": "1101000001"}
    )
    assert "网站标识码：1101000001" in client.get(path).content.decode().split("<footer", 1)[1]
