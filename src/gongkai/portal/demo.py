"""The portal's home page as the site root (replacing Wagtail's welcome page). Idempotent."""

from __future__ import annotations

from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from .models import PortalHomePage, PortalSettings

INTRO = (
    "<p>本平台依据《中华人民共和国政府信息公开条例》，集中发布经开区各机关主动公开的政府信息，"
    "受理政府信息公开申请，并发布各机关的政府信息公开工作年度报告。</p>"
)


def load() -> None:
    if PortalHomePage.objects.exists():
        return
    # Wagtail's migrations create the locale and the tree's root; a flushed database lacks them.
    Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    home = root.add_child(instance=PortalHomePage(title="经开区政府信息公开", slug="portal", intro=INTRO))
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="经开区政府信息公开",
        )
    else:
        old_root = site.root_page
        site.root_page = home
        site.site_name = "经开区政府信息公开"
        site.save()
        if old_root.specific_class is Page and old_root.depth == 2:
            old_root.delete()
    PortalSettings.objects.get_or_create(
        site=Site.objects.get(is_default_site=True),
        defaults={
            "host_organisation": "经开区管委会办公室（示例）",
            "site_code": "0000000000",
            "icp_number": "京ICP备00000000号（示例）",
            "police_number": "京公网安备00000000000000号（示例）",
        },
    )


GUIDE_CLASSIFICATION = (
    "<p>本机关主动公开的政府信息按《中华人民共和国政府信息公开条例》第二十条所列十五类分类，"
    "并按主题（劳动就业、社会保障、人事人才等）和体裁（通知、公告、办法等）标注。</p>"
)
GUIDE_ARRANGEMENT = (
    "<p>每条信息设索引号、名称、内容概述、生成日期、发布机构、文号、有效性等项目。"
    "索引号由机关代码、年度和五位顺序号组成，一经编制不再改变。"
    "政府信息公开目录可按类别、主题和年度浏览，并可全文检索。</p>"
)
GUIDE_OBTAINING = (
    "<p>主动公开的政府信息在本栏目发布，公众可以免费查阅、检索和下载；"
    "也可以到政府信息公开工作机构的查阅场所查阅。</p>"
    "<p>需要获取主动公开以外的政府信息的，可以通过本栏目的“依申请公开”在线提交申请，"
    "或以信函、传真、当面提交等方式提出申请（条例第二十七条至第二十九条）。</p>"
)
GUIDE_BODY = (
    "<p>公民、法人或者其他组织认为本机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者"
    "政府信息公开工作主管部门投诉、举报，也可以依法申请行政复议或者提起行政诉讼（条例第五十一条）。"
    "发现公开的信息有误或者应当公开而未公开的，可以通过每条信息页面的“纠错 / 意见”向本机关反映。</p>"
)

FEEDBACK = [
    (
        "wrong",
        "《经开区就业补助资金管理办法（2025年修订）》页面上的发布日期与文件落款日期不一致。",
        "李先生",
        "13955550101",
        "经核实，页面发布日期系录入错误，已更正。感谢您的监督。",
    ),
    ("missing", "希望公开2025年第三季度公益性岗位补贴的发放名单。", "", "", ""),
]


def load_guides() -> None:
    """A 公开指南 in every agency's 政府信息公开 column, and a few reports from the public (one replied, one
    open). Runs after publishing's demo, which creates the columns. Idempotent."""
    from django.contrib.auth import get_user_model

    from gongkai.publishing.models import DisclosureSectionPage, GuidePage

    from . import feedback
    from .models import Feedback

    for section in DisclosureSectionPage.objects.select_related("agency"):
        if GuidePage.objects.child_of(section).exists():
            continue
        guide = section.add_child(
            instance=GuidePage(
                title=f"{section.agency.name}政府信息公开指南",
                slug="guide",
                classification=GUIDE_CLASSIFICATION,
                arrangement=GUIDE_ARRANGEMENT,
                obtaining=GUIDE_OBTAINING,
                body=GUIDE_BODY,
            )
        )
        guide.save_revision().publish()
    rsj = DisclosureSectionPage.objects.filter(agency__code="jingkai-rsj").select_related("agency").first()
    if rsj is None or Feedback.objects.filter(agency=rsj.agency).exists():
        return
    office = get_user_model().objects.filter(username="rsj-gkb").first()
    for kind, content, name, contact, answer in FEEDBACK:
        report, _ = feedback.submit(
            rsj.agency, kind=kind, content=content, contact_name=name, contact=contact
        )
        if answer and office is not None:
            feedback.reply(report, answer, by=office)
