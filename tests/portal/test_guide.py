"""The 政府信息公开指南 (条例第十二条): its fields, the office's contacts defaulting from the agency's record,
the date it was last updated, one per column, and who may edit it."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from gongkai.agencies.roles import Role
from gongkai.agencies.services import update_agency
from gongkai.portal import demo as portal_demo
from gongkai.portal.models import agency_of
from gongkai.publishing.models import GuidePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def sections(world):
    """The 政府信息公开 columns of `dept` and `sibling` under the portal's home page."""
    from gongkai.portal.models import PortalHomePage
    from gongkai.publishing import services

    portal_demo.load()
    home = PortalHomePage.objects.get()
    update_agency(
        world["dept"],
        disclosure_office="甲区人社局办公室",
        office_address="甲区人民路 1 号",
        office_hours="工作日 9:00—17:00",
        office_phone="0551-1234567",
        office_email="gk@dept.example.gov.cn",
    )
    return {code: services.create_section(world[code], home) for code in ("dept", "sibling")}


def _guide(section, **fields) -> GuidePage:
    guide = section.add_child(
        instance=GuidePage(
            title="政府信息公开指南",
            slug="guide",
            classification="<p>按第二十条分十五类。</p>",
            arrangement="<p>按索引号编排。</p>",
            obtaining="<p>在线查阅、依申请获取。</p>",
            **fields,
        )
    )
    guide.save_revision().publish()
    guide.refresh_from_db()
    return guide


def test_guide_shows_the_article_12_contents_with_the_agency_defaults(client, world, sections):
    guide = _guide(sections["dept"], office_fax="0551-7654321")
    response = client.get("/dept/guide/")
    assert response.status_code == 200
    html = response.content.decode()
    for heading in ("政府信息的分类", "编排体系", "获取方式", "政府信息公开工作机构"):
        assert heading in html
    office = dict(guide.office())
    assert office == {
        "政府信息公开工作机构名称": "甲区人社局办公室",
        "办公地址": "甲区人民路 1 号",
        "办公时间": "工作日 9:00—17:00",
        "联系电话": "0551-1234567",
        "传真号码": "0551-7654321",
        "互联网联系方式": "gk@dept.example.gov.cn",
    }
    for value in office.values():
        assert value in html
    assert (
        'id="guide-updated"' in html and f"{timezone.localdate():%Y年}{timezone.localdate().month}月" in html
    )
    assert f'href="/feedback/dept/?item={guide.pk}"' in html
    assert agency_of(guide) == world["dept"]
    # a change of the agency's record shows at once; a value entered in the guide wins
    update_agency(world["dept"], office_phone="0551-7777777")
    assert "0551-7777777" in client.get("/dept/guide/").content.decode()
    guide.office_phone = "0551-8888888"
    guide.save_revision().publish()
    html = client.get("/dept/guide/").content.decode()
    assert "0551-8888888" in html and "0551-7777777" not in html


def test_one_guide_per_column_and_only_there(world, sections):
    from gongkai.portal.models import PortalHomePage

    _guide(sections["dept"])
    assert not GuidePage.can_create_at(sections["dept"])
    assert GuidePage.can_create_at(sections["sibling"])
    assert not GuidePage.can_create_at(PortalHomePage.objects.get())
    with pytest.raises(ValidationError):
        sections["dept"].add_child(instance=GuidePage(title="第二份指南", slug="guide"))


@pytest.mark.parametrize(
    "home,role,target,allowed",
    [
        ("dept", Role.DISCLOSURE_OFFICE, "dept", True),
        ("dept", Role.DISCLOSURE_OFFICE, "sibling", False),
        ("dept", Role.STAFF, "dept", False),
        ("dept", Role.PRINCIPAL_LEADER, "dept", False),
        ("gov", Role.SUPERVISING_OFFICE, "dept", False),
        ("gov", Role.SYSTEM_ADMIN, "dept", True),
    ],
)
def test_who_may_edit_the_guide(client, world, sections, home, role, target, allowed):
    guide = _guide(sections[target])
    user = world["people"][(home, role)].user
    tester = guide.permissions_for_user(user)
    assert tester.can_edit() is allowed and tester.can_publish() is allowed
    client.force_login(user)
    response = client.get(f"/admin/pages/{guide.pk}/edit/")
    assert (response.status_code == 200) is allowed
    if allowed:
        html = response.content.decode()
        for label in ("政府信息的分类", "编排体系", "获取方式", "办公地址", "传真号码", "互联网联系方式"):
            assert label in html
    else:
        assert response.status_code == 302


def test_office_edits_and_publishes_through_the_admin(client, world, sections):
    guide = _guide(sections["dept"])
    client.force_login(world["people"][("dept", Role.DISCLOSURE_OFFICE)].user)
    edit = client.get(f"/admin/pages/{guide.pk}/edit/")
    form = edit.context["form"]
    data = {name: form[name].value() or "" for name in form.fields}
    data.update(
        {
            "title": "政府信息公开指南（2026年修订）",
            "office_hours": "工作日 8:30—17:30",
            "action-publish": "1",
        }
    )
    for name in ("classification", "arrangement", "obtaining", "body"):
        data[name] = (
            '{"blocks": [{"key": "a", "type": "unstyled", "text": "修订内容", "depth": 0, "inlineStyleRanges": [], "entityRanges": []}], "entityMap": {}}'
        )
    response = client.post(f"/admin/pages/{guide.pk}/edit/", data)
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    html = client.get("/dept/guide/").content.decode()
    assert "政府信息公开指南（2026年修订）" in html and "工作日 8:30—17:30" in html


def test_demo_guides_and_feedback_are_idempotent(world, sections):
    from gongkai.portal.models import Feedback

    for _ in range(2):
        portal_demo.load_guides()
    for section in sections.values():
        guides = GuidePage.objects.child_of(section)
        assert guides.count() == 1 and guides.get().live
    assert not Feedback.objects.exists()  # the demo's reports go to the demo agency only
