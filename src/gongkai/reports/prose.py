"""The first draft of sections 一、五、六 of the annual report, written from the facts of the year.

Pure functions over `Facts` (no database): the numbers come from the assembled tables and the records
(reports.facts gathers them), so what the prose says agrees with the tables — `gongkai audit`'s text-vs-table
check finds nothing to contradict. The wording is plain and factual: every sentence states something the records
show, and where nothing went wrong the draft says so in one sentence instead of filling the space with slogans
(`BANNED_PHRASES` lists the ones a test keeps out). The office then edits the draft in the rich-text editor.

Also here: the conversion between the editor's HTML and the plain paragraphs the report model keeps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from html import escape, unescape

from gongkai.core.report.model import format_number

BANNED_PHRASES = (
    "高度重视",
    "认真贯彻落实",
    "深入贯彻",
    "切实加强",
    "扎实推进",
    "稳步推进",
    "有序推进",
    "不断提高",
    "不断完善",
    "进一步加强",
    "进一步提升",
    "取得了显著成效",
    "取得明显成效",
    "圆满完成",
    "全面落实",
    "积极推进",
    "文字描述",
)
"""Empty phrases of the kind evaluators criticise; a drafted report contains none of them."""


@dataclass(frozen=True)
class PublishingFacts:
    """Proactive disclosure in the year, from the publishing register."""

    published: int
    by_category: tuple[tuple[str, int], ...] = ()
    late: int = 0
    withheld: int = 0
    in_signoff: int = 0


@dataclass(frozen=True)
class PowerRow:
    """One row of 第二十条第（五）（六）项: its label, items on the list at the start and the end of the year,
    and the decisions made."""

    label: str
    before: int | None
    after: int | None
    decisions: int | None


@dataclass(frozen=True)
class Facts:
    """Everything the draft states. Application and appeal figures are those of the assembled tables."""

    agency: str
    year: int
    government: bool = False
    disclosure_office: str = ""
    office_address: str = ""
    office_phone: str = ""
    office_hours: str = ""
    # table 三 (总计 column)
    new: int = 0
    new_organisations: int = 0
    carried_over: int = 0
    concluded: int = 0
    granted: int = 0
    partial: int = 0
    withheld: int = 0
    unavailable: int = 0
    not_processed: int = 0
    other: int = 0
    carried_forward: int = 0
    previous_new: int | None = None
    # applications answered after their time limit (in the year) and still open past it at the year's end
    answered_late: int = 0
    open_overdue: int = 0
    # table 四
    review: int = 0
    review_corrected: int = 0
    litigation: int = 0
    litigation_corrected: int = 0
    # 信息处理费 collected in the year (元) and the applications it was collected on
    fees_amount: Decimal = Decimal(0)
    fees_count: int = 0
    unpaid_fee_notices: int = 0
    publishing: PublishingFacts | None = None
    powers: tuple[PowerRow, ...] = ()
    # the sign-off chain: (step, number of people who may take it)
    signoff_chain: tuple[tuple[str, int], ...] = ()
    departments: tuple[str, ...] = ()
    missing_departments: tuple[str, ...] = ()
    # whether the work records hold social ratings (社会评议, the public's feedback included) and accountability
    # (责任追究) for the year: their paragraphs follow in 五 (workrecords.prose); the sentence here says what is not
    ratings_recorded: bool = False
    accountability_recorded: bool = False
    platform: str = "政府信息公开平台"
    # the day the facts are true on: None for 31 December of the year (a finished year); the drafting day while
    # the year runs. The people of the sign-off chain are known only as they are now, so they are stated only then.
    as_of: date | None = None

    @property
    def at_year_end(self) -> str:
        """``至年末`` for a finished year, ``截至12月2日`` while it runs."""
        return "至年末" if self.as_of is None else f"截至{self.as_of.month}月{self.as_of.day}日"


def _n(value: int | Decimal | None) -> str:
    return format_number(value) if value is not None else "—"


def _list(parts: list[str]) -> str:
    return "、".join(parts)


# ---------------------------------------------------------------------------------------------------------------
# 一、总体情况


def _intro(f: Facts) -> str:
    text = (
        f"{f.year}年，{f.agency}依照《中华人民共和国政府信息公开条例》，主动公开政府信息，"
        "办理政府信息公开申请，并对政府信息公开工作情况进行统计。"
    )
    if f.government:
        scope = f"本级及所属{len(f.departments)}个部门" if f.departments else "本级"
        text += f"本报告汇总{scope}的政府信息公开工作情况。"
    return text


def _proactive(f: Facts) -> str:
    parts = []
    p = f.publishing
    if p is None:
        parts.append(
            "主动公开的政府信息尚未在平台登记，本报告第二部分的主动公开数据根据权责清单和处理决定统计。"
        )
    elif p.published == 0:
        parts.append("全年未在平台发布主动公开的政府信息。")
    else:
        detail = _list([f"{name}{count}条" for name, count in p.by_category if count])
        parts.append(f"全年主动公开政府信息{p.published}条" + (f"，其中{detail}" if detail else "") + "。")
        if p.withheld:
            parts.append(f"经审查决定不予公开并登记备查的信息{p.withheld}条。")
    rows = [r for r in f.powers if r.after is not None or r.decisions]
    if rows:
        stated = []
        for r in rows:
            item = r.label
            if r.after is not None:
                item += f"{r.after}项"
                if r.before is not None and r.before != r.after:
                    item += f"（上年末{r.before}项）"
            if r.decisions:
                item += f"，全年作出处理决定{r.decisions}件"
            stated.append(item)
        parts.append("权责清单中，" + "；".join(stated) + "。")
    return "（一）主动公开。" + "".join(parts)


def _requests(f: Facts) -> str:
    if f.new == 0 and f.carried_over == 0:
        text = "全年未收到政府信息公开申请，也没有上年结转的申请。"
    else:
        orgs = f"（其中法人或其他组织提出{f.new_organisations}件）" if f.new_organisations else ""
        text = f"全年新收政府信息公开申请{f.new}件{orgs}"
        if f.previous_new is not None and f.previous_new != f.new:
            diff = f.new - f.previous_new
            text += f"，比上年{'增加' if diff > 0 else '减少'}{abs(diff)}件"
        text += f"，上年结转{f.carried_over}件。" if f.carried_over else "。"
        results = [
            ("予以公开", f.granted),
            ("部分公开", f.partial),
            ("不予公开", f.withheld),
            ("无法提供", f.unavailable),
            ("不予处理", f.not_processed),
            ("其他处理", f.other),
        ]
        shown = _list([f"{name}{count}件" for name, count in results if count])
        text += f"本年度办结{f.concluded}件" + (f"，其中{shown}" if shown else "") + "；"
        text += f"结转下年度继续办理{f.carried_forward}件。"
    return "（二）依申请公开。" + text


def _appeals(f: Facts) -> str:
    if not f.review and not f.litigation:
        return (
            "（三）行政复议和行政诉讼。本年度没有因政府信息公开工作被申请行政复议或者被提起行政诉讼的案件。"
        )
    parts = []
    if f.review:
        corrected = f"，其中结果纠正{f.review_corrected}件" if f.review_corrected else ""
        parts.append(f"被申请行政复议{f.review}件{corrected}")
    if f.litigation:
        corrected = f"，其中结果纠正{f.litigation_corrected}件" if f.litigation_corrected else ""
        parts.append(f"被提起行政诉讼{f.litigation}件{corrected}")
    return "（三）行政复议和行政诉讼。因政府信息公开工作" + "；".join(parts) + "。"


def _management(f: Facts) -> str:
    steps = [(step, people) for step, people in f.signoff_chain if people]
    if not steps:
        return "（四）信息管理。平台中尚未指定负责信息发布审核的人员。"
    chain = "→".join(step for step, _ in steps)
    text = f"（四）信息管理。拟公开的政府信息发布前依次经过{chain}，并在平台留有记录。"
    if f.as_of is not None:
        staffed = _list([f"{step}{people}人" for step, people in steps])
        text = text[:-1] + f"；{f.at_year_end}，负责各环节的人员为{staffed}。"
        if f.publishing is not None and f.publishing.in_signoff:
            text += f"尚在审核中的信息{f.publishing.in_signoff}条。"
    return text


def _platform(f: Facts) -> str:
    text = f"（五）平台建设。主动公开的政府信息和依申请公开的答复通过{f.platform}发布和办理，申请人可以在网上提交申请并查询办理进度。"
    office = f.disclosure_office
    if office:
        text += f"政府信息公开工作机构为{office}"
        details = []
        if f.office_address:
            details.append(f"办公地址：{f.office_address}")
        if f.office_hours:
            details.append(f"办公时间：{f.office_hours}")
        if f.office_phone:
            details.append(f"联系电话：{f.office_phone}")
        text += ("（" + "；".join(details) + "）" if details else "") + "。"
    return text


def draft_overview(f: Facts) -> str:
    """Section 一 总体情况, one paragraph per subject."""
    return "\n".join([_intro(f), _proactive(f), _requests(f), _appeals(f), _management(f), _platform(f)])


# ---------------------------------------------------------------------------------------------------------------
# 五、存在的主要问题及改进情况


def problems_found(f: Facts) -> list[str]:
    """The problems the records show, one sentence each (empty when none)."""
    found = []
    if f.publishing is not None and f.publishing.late:
        found.append(
            f"有{f.publishing.late}条政府信息未在形成或者变更之日起20个工作日内公开。"
            "平台已对每条待公开信息显示法定公开期限，逾期前提示经办人。"
        )
    if f.answered_late:
        found.append(
            f"有{f.answered_late}件政府信息公开申请在法定期限届满后才作出答复。"
            "平台按申请逐件计算答复期限，到期前提示经办人和办公室负责人。"
        )
    if f.open_overdue:
        found.append(
            f"{f.at_year_end}有{f.open_overdue}件申请已超过答复期限仍在办理，"
            + ("已列为下一年度优先办理事项。" if f.as_of is None else "正在督办。")
        )
    corrected = f.review_corrected + f.litigation_corrected
    if corrected:
        found.append(
            f"行政复议、行政诉讼中有{corrected}件答复被纠正，已按复议决定或者判决重新办理，"
            "并对照纠正理由复查同类答复。"
        )
    reviewers = dict(f.signoff_chain)
    if f.as_of is not None and f.signoff_chain and not reviewers.get("保密审查"):
        found.append("平台中尚未指定保密审查员，信息发布前的保密审查环节无人负责，需指定专人。")
    if f.missing_departments:
        found.append(
            f"所属部门中{_list(list(f.missing_departments))}的年度报告尚未发布，本报告汇总的是其现有办理记录。"
        )
    return found


def _assessment(f: Facts) -> str:
    total = len(f.departments)
    published = total - len(f.missing_departments)
    text = "工作考核、社会评议和责任追究结果情况："
    if total:
        text += f"所属{total}个部门中，{published}个部门的年度报告已经发布。"
    if f.ratings_recorded and f.accountability_recorded:
        text += "社会评议和责任追究情况如下。"
    elif f.ratings_recorded:
        text += "本年度平台未登记因政府信息公开工作追究责任的事项。"
    elif f.accountability_recorded:
        text += "本年度平台未登记社会评议结果。"
    else:
        text += "本年度平台未登记社会评议结果，也未登记因政府信息公开工作追究责任的事项。"
    return text


def draft_problems(f: Facts) -> str:
    """Section 五: the problems found and what was done; a short plain statement when there were none."""
    found = problems_found(f)
    if found:
        lines = [f"{i}. {text}" for i, text in enumerate(found, 1)]
    else:
        lines = ["本年度平台记录中没有逾期公开的信息和逾期答复的申请，行政复议、行政诉讼中没有被纠正的答复。"]
    if f.government:
        lines.append(_assessment(f))
    return "\n".join(lines)


# ---------------------------------------------------------------------------------------------------------------
# 六、其他需要报告的事项


def draft_other(f: Facts) -> str:
    """Section 六: the 信息处理费 collected in the year and the other facts to report."""
    if f.fees_count:
        fees = f"本年度依照《政府信息公开信息处理费管理办法》收取信息处理费{_n(f.fees_amount)}元，涉及申请{f.fees_count}件。"
    else:
        fees = "本年度未收取信息处理费。"
    if f.unpaid_fee_notices:
        fees += f"另有{f.unpaid_fee_notices}件申请的申请人逾期未缴纳信息处理费，依法不再处理。"
    lines = [fees]
    lines.append("本报告第二、三、四部分的数据由政府信息公开平台根据办理记录统计生成。")
    return "\n".join(lines)


def draft_all(f: Facts) -> dict[str, str]:
    """The three prose sections as plain text, keyed as in the report model."""
    return {"overview": draft_overview(f), "problems": draft_problems(f), "other": draft_other(f)}


def banned_phrases_in(text: str) -> list[str]:
    return [phrase for phrase in BANNED_PHRASES if phrase in text]


# ---------------------------------------------------------------------------------------------------------------
# The editor's HTML and the report's paragraphs

_BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|div|blockquote)\s*>|<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


def html_to_text(html: str) -> str:
    """The editor's HTML as plain paragraphs, one per line (block ends and line breaks become newlines)."""
    text = _TAG.sub("", _BLOCK_END.sub("\n", html or ""))
    lines = [re.sub(r"[ \t\u00a0]+", " ", unescape(line)).strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def text_to_html(text: str) -> str:
    """Plain paragraphs as the editor's HTML (one ``<p>`` per line)."""
    return "".join(f"<p>{escape(line)}</p>" for line in (text or "").split("\n") if line.strip())
