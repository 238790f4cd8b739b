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
