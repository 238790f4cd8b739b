"""The public page cache: anonymous page views are served from it, a publication shows at once, forms and staff
views are never cached."""

import pytest
from django.core.cache import caches

from gongkai.portal import demo as portal_demo
from gongkai.publishing import demo as publishing_demo
from gongkai.publishing.models import InformationItemPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(db):
    from gongkai.agencies import demo as agencies_demo

    agencies_demo.load()
    portal_demo.load()
    publishing_demo.load()
    return InformationItemPage.objects.live().first()


def _entries() -> int:
    """Cached pages (the cache also keeps the columns' data, publishing/columns.py)."""
    return sum(":page:" in key for key in caches["portal"]._cache)


def test_anonymous_page_is_cached_and_served_from_the_cache(client, site):
    url = site.url
    first = client.get(url)
    assert first.status_code == 200 and _entries() == 1
    InformationItemPage.objects.filter(pk=site.pk).update(title="改过的标题（未经发布）")
    again = client.get(url)
    assert again.content == first.content  # from the cache: a database change without publication is not seen
    client.cookies["gongkai_large"] = "1"
    assert client.get(url).status_code == 200 and _entries() == 2  # the large-font page is another entry


def test_publishing_clears_the_cache(client, site):
    client.get(site.url)
    assert _entries() == 1
    site.title = "新标题"
    site.save_revision().publish()
    assert _entries() == 0
    assert "新标题" in client.get(site.url).content.decode()


def test_unpublishing_clears_the_cache(client, site):
    url = site.url
    client.get(url)
    site.unpublish()
    assert client.get(url).status_code == 410  # withdrawn, no longer the cached page


@pytest.mark.parametrize("path", ["/apply/jingkai-rsj/", "/feedback/jingkai-rsj/", "/healthz"])
def test_forms_and_plain_views_are_not_cached(client, site, path):
    assert client.get(path).status_code == 200
    assert _entries() == 0


def test_signed_in_staff_are_not_served_from_the_cache(client, site, django_user_model):
    client.get(site.url)
    user = django_user_model.objects.create_user("someone", password="x")
    client.force_login(user)
    InformationItemPage.objects.filter(pk=site.pk).update(title="工作人员看到的新标题")
    assert "工作人员看到的新标题" in client.get(site.url).content.decode()
