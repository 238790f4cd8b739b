"""The demo: idempotent, with the sample report's 2020 第（一）项 zeros and items at every step."""

from __future__ import annotations

from gongkai.core.report.formats import TEMPLATE_2019


def test_demo_loads_twice_and_matches_the_sample(db):
    from gongkai.agencies import demo as agencies_demo
    from gongkai.agencies.models import Agency
    from gongkai.portal import demo as portal_demo
    from gongkai.publishing import demo, figures
    from gongkai.publishing.models import InformationItemPage, WithheldInformation

    agencies_demo.load()
    portal_demo.load()
    demo.load()
    count = InformationItemPage.objects.count()
    demo.load()
    assert InformationItemPage.objects.count() == count
    rsj = Agency.objects.get(code="jingkai-rsj")
    assert set(figures.rules_figures(rsj, 2020, TEMPLATE_2019).values()) == {0}
    assert figures.rules_figures(rsj, 2025, TEMPLATE_2019)["normative_documents.made"] == 2
    steps = {i.current_workflow_task.name for i in figures.in_signoff(rsj)}
    assert steps == {"复核", "保密审查", "审核"}
    assert WithheldInformation.objects.filter(agency=rsj).count() == 1
    assert InformationItemPage.objects.filter(agency=rsj, expired=True).exists()
    assert InformationItemPage.objects.filter(agency__code="jingkai-zjj", live=True).count() == 4


def _demo_users():
    from django.contrib.auth import get_user_model

    return {u.username: u for u in get_user_model().objects.all()}


def test_demo_attachments_sit_on_both_sides_of_the_line(client, db):
    from gongkai.agencies import demo as agencies_demo
    from gongkai.portal import demo as portal_demo
    from gongkai.publishing import demo
    from gongkai.publishing.demo import attachments
    from gongkai.publishing.models import ItemAttachment

    agencies_demo.load()
    portal_demo.load()
    demo.load()
    users = _demo_users()
    by_title = {a.page.title: a.document for a in ItemAttachment.objects.select_related("page", "document")}
    expected = {attachments.PUBLISHED[0]: 200, attachments.DRAFT[0]: 404, attachments.WITHHELD[0]: 404}
    assert set(by_title) == set(expected)
    for title, anonymous in expected.items():
        url = by_title[title].url
        client.logout()
        assert client.get(url).status_code == anonymous, title
        client.force_login(users["zjj-gkb"])
        assert client.get(url).status_code == anonymous, title
        client.force_login(users["rsj-yewu"])
        assert client.get(url).status_code == 200, title


def test_zjj_can_publish_through_its_own_chain(db):
    from gongkai.agencies import demo as agencies_demo
    from gongkai.portal import demo as portal_demo
    from gongkai.publishing import demo
    from gongkai.publishing.choices import Conclusion
    from gongkai.publishing.models import DisclosureSectionPage, InformationItemPage

    from .conftest import act, item_fields

    agencies_demo.load()
    portal_demo.load()
    demo.load()
    users = _demo_users()
    section = DisclosureSectionPage.objects.get(agency__code="jingkai-zjj")
    item = section.add_child(
        instance=InformationItemPage(live=False, owner=users["zjj-yewu"], **item_fields(title="住建局新通知"))
    )
    item.save_revision(user=users["zjj-yewu"])
    item.get_workflow().start(item, users["zjj-yewu"])
    act(item, users["zjj-kezhang"])
    act(item, users["zjj-baomi"], conclusion=Conclusion.PUBLISHABLE)
    act(item, users["zjj-juzhang"])
    assert InformationItemPage.objects.get(pk=item.pk).live
