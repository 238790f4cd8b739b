"""Demo 主动公开: the 政府信息公开 columns of 经开区人社局 and 经开区住建局 with published items, items at each
step of the sign-off chain, a withheld item in the register, expired / repealed documents and attachments on a
published item, a draft and the withheld item (demo/attachments.py). Idempotent.

Table 二 第（一）项 of 2020 stays 0 (as in the sample report): the first 规范性文件 are from 2022.
"""

from __future__ import annotations

import datetime
from datetime import date

from django.contrib.auth import get_user_model
from wagtail.models import Site, TaskState

from gongkai.agencies.models import Agency

from .. import services
from ..choices import Conclusion, Ground
from ..models import DisclosureSectionPage, InformationItemPage
from . import attachments, bulk

INTRO = "<p>本栏目集中发布本机关依照《中华人民共和国政府信息公开条例》主动公开的政府信息。</p>"

# title, formed_on, category, topic, genre, summary
RSJ_ITEMS = [
    (
        "经开区2021年度高校毕业生就业见习基地名单公示",
        date(2021, 3, 15),
        "livelihood",
        "employment",
        "list",
        "公布经认定的2021年度高校毕业生就业见习基地名单及见习岗位数量。",
    ),
    (
        "关于发放2021年度一次性创业补贴的公示",
        date(2021, 6, 7),
        "livelihood",
        "employment",
        "announcement",
        "公示符合条件的创业者名单及一次性创业补贴发放标准。",
    ),
    (
        "经开区2021年城乡居民基本养老保险待遇调整情况",
        date(2021, 8, 2),
        "livelihood",
        "social_security",
        "notice",
        "说明2021年城乡居民基本养老保险基础养老金调整标准和发放时间。",
    ),
    (
        "经开区人力资源和社会保障局2022年部门预算",
        date(2022, 2, 10),
        "budget",
        "finance",
        "report",
        "公开本局2022年部门收支预算总表、财政拨款支出预算表及说明。",
    ),
    (
        "关于开展2022年根治欠薪冬季专项行动的通知",
        date(2022, 11, 14),
        "livelihood",
        "labour_relations",
        "notice",
        "部署在建工程项目和劳动密集型企业欠薪问题排查整治工作。",
    ),
    (
        "经开区2022年度劳动保障监察行政处罚决定",
        date(2022, 12, 20),
        "enforcement",
        "labour_relations",
        "decision",
        "公开本年度作出的具有一定社会影响的劳动保障监察行政处罚决定。",
    ),
    (
        "经开区2023年社会保障卡服务网点及办理指南",
        date(2023, 1, 9),
        "services",
        "social_security",
        "notice",
        "列明社会保障卡申领、补换、激活的服务网点、办理时间和所需材料。",
    ),
    (
        "关于做好2023年失业保险稳岗返还工作的通知",
        date(2023, 4, 3),
        "livelihood",
        "social_security",
        "notice",
        "明确稳岗返还的对象、标准、办理流程和资金拨付方式。",
    ),
    (
        "经开区2023年事业单位公开招聘工作人员公告",
        date(2023, 5, 22),
        "civil_service",
        "talent",
        "announcement",
        "公布事业单位公开招聘岗位、名额、报考条件和考试安排。",
    ),
    (
        "经开区人力资源和社会保障局2022年部门决算",
        date(2023, 8, 15),
        "budget",
        "finance",
        "report",
        "公开本局2022年度部门决算报表及情况说明。",
    ),
    (
        "经开区2024年春风行动专场招聘会安排",
        date(2024, 2, 1),
        "livelihood",
        "employment",
        "notice",
        "公布春风行动期间各专场招聘会的时间、地点和参会企业。",
    ),
    (
        "关于调整经开区最低工资标准的通知",
        date(2024, 3, 18),
        "livelihood",
        "labour_relations",
        "notice",
        "转发并落实省人民政府关于调整最低工资标准的决定。",
    ),
    (
        "经开区2024年工伤保险行政确认办事指南",
        date(2024, 4, 8),
        "services",
        "social_security",
        "notice",
        "说明工伤认定申请的条件、材料、程序和办理时限。",
    ),
    (
        "经开区2024年度劳动人事争议仲裁情况通报",
        date(2025, 1, 20),
        "statistics",
        "labour_relations",
        "report",
        "通报2024年度劳动人事争议仲裁案件受理、审结和调解情况。",
    ),
    (
        "关于做好2025年高校毕业生等青年就业创业工作的通知",
        date(2025, 3, 3),
        "livelihood",
        "employment",
        "notice",
        "部署高校毕业生、失业青年就业服务和创业扶持措施。",
    ),
    (
        "经开区2025年职业技能提升行动补贴目录",
        date(2025, 4, 14),
        "livelihood",
        "employment",
        "list",
        "公布职业技能培训补贴的工种、等级和补贴标准。",
    ),
    (
        "经开区人力资源和社会保障局机构职能",
        date(2025, 6, 2),
        "organisation",
        "general",
        "other",
        "公开本局主要职责、内设机构、办公地址、办公时间、联系方式和负责人姓名。",
    ),
    (
        "经开区2025年企业职工基本养老保险参保缴费指南",
        date(2025, 9, 1),
        "services",
        "social_security",
        "notice",
        "说明企业职工基本养老保险参保登记、缴费基数申报和缴费方式。",
    ),
    (
        "经开区2026年春季大型招聘会公告",
        date(2026, 2, 9),
        "livelihood",
        "employment",
        "announcement",
        "公布2026年春季大型招聘会的时间、地点、参会方式和岗位信息。",
    ),
    (
        "关于开展2026年社会保险基金监督检查的通知",
        date(2026, 4, 7),
        "supervision",
        "social_security",
        "notice",
        "部署社会保险基金管理使用情况的监督检查工作。",
    ),
]

# title, formed_on, document_number, validity, validity_changed_on
RSJ_NORMATIVE = [
    ("经开区就业补助资金管理办法", date(2022, 5, 9), "经开人社〔2022〕12号", "repealed", date(2025, 6, 30)),
    (
        "经开区创业担保贷款贴息管理暂行办法",
        date(2023, 7, 3),
        "经开人社〔2023〕8号",
        "expired",
        date(2025, 12, 31),
    ),
    ("经开区就业补助资金管理办法（2025年修订）", date(2025, 6, 20), "经开人社〔2025〕15号", "valid", None),
    ("经开区高层次人才引进补贴实施细则", date(2025, 10, 13), "经开人社〔2025〕21号", "valid", None),
]

ZJJ_ITEMS = [
    (
        "经开区2024年保障性租赁住房项目清单",
        date(2024, 3, 11),
        "livelihood",
        "housing",
        "list",
        "公布2024年度保障性租赁住房项目名称、位置和房源数量。",
    ),
    (
        "经开区2024年老旧小区改造计划",
        date(2024, 4, 22),
        "projects",
        "construction",
        "plan",
        "公布纳入2024年改造计划的老旧小区名单及改造内容。",
    ),
    (
        "经开区建筑施工安全生产专项检查情况通报",
        date(2025, 5, 6),
        "supervision",
        "construction",
        "report",
        "通报建筑施工领域安全生产专项检查发现的问题及整改情况。",
    ),
    (
        "经开区2025年公共租赁住房租金标准",
        date(2025, 7, 1),
        "fees",
        "housing",
        "notice",
        "公布公共租赁住房租金标准及其依据。",
    ),
]

RSJ_INTERPRETATIONS = [
    # title, formed_on, category, topic, genre, summary
    (
        "一图读懂《经开区就业补助资金管理办法（2025年修订）》",
        date(2025, 6, 20),
        "rules",
        "employment",
        "interpretation_graphic",
        "以图表说明修订后就业补助资金的支出范围、申领条件和办理流程。",
    ),
    (
        "《经开区就业补助资金管理办法（2025年修订）》政策解读",
        date(2025, 6, 20),
        "rules",
        "employment",
        "interpretation_text",
        "解读修订背景、主要变化和新旧办法的衔接。",
    ),
]

IN_SIGNOFF = [
    # title, formed_on, how far the chain has got (number of approved steps)
    ("关于开展2026年度技能人才评价工作的通知", date(2026, 11, 9), 0),
    ("经开区2026年度就业见习补贴发放名单", date(2026, 11, 12), 1),
    ("经开区2026年第三季度社会保险待遇发放情况", date(2026, 11, 16), 2),
]
WITHHELD = ("关于某企业欠薪案件线索的请示", date(2026, 10, 20))


def _user(username: str):
    return get_user_model().objects.filter(username=username).first()


def _row(title, formed_on, category, topic, genre, summary) -> dict:
    return {
        "title": title,
        "formed_on": formed_on,
        "category": category,
        "topic": topic,
        "genre": genre,
        "summary": summary,
        "body": f"<p>{summary}</p><p>特此公告。</p>",
        "published_on": formed_on.replace(day=min(formed_on.day + 7, 28)),
    }


def _submit(section: DisclosureSectionPage, title: str, formed_on: date, author) -> InformationItemPage:
    item = section.add_child(
        instance=InformationItemPage(
            title=title,
            formed_on=formed_on,
            category="livelihood",
            topic="employment",
            genre="notice",
            summary=f"{title}。",
            body=f"<p>{title}（草稿）。</p>",
            live=False,
            owner=author,
        )
    )
    item.save_revision(user=author)
    item.get_workflow().start(item, author)
    return item


def _act(item: InformationItemPage, username: str, **kwargs) -> None:
    user = _user(username)
    state = TaskState.objects.get(pk=item.current_workflow_task_state.pk).specific
    state.task.specific.on_action(state, user, "approve", **kwargs)


def _signoff_chain(section: DisclosureSectionPage) -> None:
    author = _user("rsj-yewu")
    for title, formed_on, steps in IN_SIGNOFF:
        item = _submit(section, title, formed_on, author)
        if steps >= 1:
            _act(item, "rsj-kezhang")
        if steps >= 2:
            _act(item, "rsj-baomi", conclusion=Conclusion.PUBLISHABLE)
    title, formed_on = WITHHELD
    item = _submit(section, title, formed_on, author)
    _act(item, "rsj-kezhang")
    _act(
        item,
        "rsj-baomi",
        conclusion=Conclusion.WITHHELD,
        ground=Ground.PROCESS_INFO,
        comment="属于请示报告类过程性信息",
    )


def load() -> None:
    """The columns under the portal's home page, the site's root (made by the portal's demo)."""
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    home = site.root_page if site is not None else None
    rsj = Agency.objects.filter(code="jingkai-rsj").first()
    zjj = Agency.objects.filter(code="jingkai-zjj").first()
    if (
        home is None
        or rsj is None
        or zjj is None
        or DisclosureSectionPage.objects.filter(agency=rsj).exists()
    ):
        return
    services.ensure_workflow()
    section = services.create_section(rsj, home, intro=INTRO)
    rows = [_row(*spec) for spec in RSJ_ITEMS]
    for title, formed_on, number, validity, changed in RSJ_NORMATIVE:
        row = _row(title, formed_on, "rules", "employment", "measures", f"{title}的全文及政策解读。")
        row.update(document_kind="normative_documents", document_number=number, validity=validity)
        row["validity_changed_on"] = changed
        rows.append(row)
    bulk.create_items(section, rows)
    revised = InformationItemPage.objects.get(agency=rsj, title="经开区就业补助资金管理办法（2025年修订）")
    revised.repeals.add(InformationItemPage.objects.get(agency=rsj, title="经开区就业补助资金管理办法"))
    revised.save()
    # Its 政策解读, a 图解 and a 文字解读, linked to it (both pages show the link).
    bulk.create_items(section, [_row(*spec) for spec in RSJ_INTERPRETATIONS])
    for title, *_ in RSJ_INTERPRETATIONS:
        interpretation = InformationItemPage.objects.get(agency=rsj, title=title)
        interpretation.interprets.add(revised)
        interpretation.save()
    # A list past its use, unpublished on its expiry date (as publish_scheduled does).
    InformationItemPage.objects.filter(agency=rsj, title=RSJ_ITEMS[0][0]).update(
        expire_at=datetime.datetime(2022, 3, 31, tzinfo=datetime.UTC), expired=True, live=False
    )
    _signoff_chain(section)
    attachments.load(section)
    zjj_section = services.create_section(zjj, home, intro=INTRO)
    bulk.create_items(zjj_section, [_row(*spec) for spec in ZJJ_ITEMS])
