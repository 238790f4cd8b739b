"""The placeholder syntax of letter templates: `{申请人}` is replaced by the case's value, `{{` and `}}` are literal
braces. Nothing else is evaluated (no attribute access, no formatting specs), so an agency's template cannot reach
into the program.

Which placeholders a kind of letter may use is fixed here; `check()` refuses any other, with a message in Chinese,
when a template is saved — so that rendering never meets an unknown one. A consultation letter goes to a third
party or another agency, so it offers no placeholder for the applicant's identity.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from gongkai.core.letters.model import LetterKind

# name → what it stands for (shown beside the template editor)
DESCRIPTIONS: dict[str, str] = {
    "机关": "本机关名称",
    "申请人": "申请人姓名或名称",
    "申请编号": "申请编号",
    "申请日期": "申请人提出申请之日",
    "收到日期": "收到申请之日（法定收到日期）",
    "所需信息": "所需信息的名称、文号或者描述",
    "信息形式": "申请人要求的信息形式（纸质、电子）",
    "获取方式": "申请人要求的获取方式（邮寄、电子邮件等）",
    "日期": "告知书落款日期",
    "复议机关": "行政复议机关（默认为本级人民政府或上一级人民政府）",
    "联系电话": "本机关政府信息公开工作机构的联系电话",
    "办理结果": "办理结果（表三的项目名称）",
    "决定理由": "作出决定时写明的法律依据和理由",
    "不予公开部分": "部分公开时不予公开的内容",
    "补正事项": "需要补正的事项",
    "补正期限": "补正期限",
    "延长天数": "延长的工作日数",
    "延期理由": "延期理由",
    "答复期限": "答复期限（延期后）",
    "征求对象": "被征求意见的第三方或者机关",
    "收费金额": "应缴信息处理费金额（元）",
    "计收方式": "计收方式（按件计收、按量计收）",
    "收费标准": "所适用的收费标准",
    "计费明细": "本申请的计费过程（所用档次、减免及理由）",
    "缴费方式": "本机关设定的信息处理费缴纳方式（非税收入缴款）",
    "合理期限": "依第三十五条确定的答复期限",
    "合理期限理由": "确定合理期限的理由",
    "拆分结果": "拆分后的各件申请：编号和事项",
    "负责机关": "负责公开该政府信息的机关及联系方式（作出决定时写明的理由）",
}

_COMMON = {"机关", "申请编号", "收到日期", "所需信息", "日期", "联系电话"}
_TO_APPLICANT = _COMMON | {"申请人", "申请日期", "信息形式", "获取方式", "复议机关"}

ALLOWED: dict[LetterKind, frozenset[str]] = {
    LetterKind.REPLY: frozenset(_TO_APPLICANT | {"办理结果", "决定理由", "不予公开部分", "补正事项"}),
    LetterKind.CORRECTION: frozenset(_TO_APPLICANT | {"补正事项", "补正期限"}),
    LetterKind.EXTENSION: frozenset(_TO_APPLICANT | {"延长天数", "延期理由", "答复期限"}),
    LetterKind.CONSULTATION_THIRD_PARTY: frozenset(_COMMON | {"征求对象"}),
    LetterKind.CONSULTATION_AGENCY: frozenset(_COMMON | {"征求对象"}),
    LetterKind.FEE: frozenset(_TO_APPLICANT | {"收费金额", "计收方式", "收费标准", "计费明细", "缴费方式"}),
    LetterKind.PERIOD: frozenset(_TO_APPLICANT | {"合理期限", "合理期限理由"}),
    LetterKind.SPLIT: frozenset(_TO_APPLICANT | {"拆分结果"}),
    # To the third party: what is disclosed and why, never who asked.
    LetterKind.THIRD_PARTY_DECISION: frozenset(
        _COMMON | {"征求对象", "办理结果", "决定理由", "不予公开部分", "复议机关"}
    ),
    LetterKind.REFERRAL: frozenset(_TO_APPLICANT | {"负责机关"}),
}

_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}\n]*)\}|[{}]")


class TemplateError(ValueError):
    """A template that cannot be filled; the message is for the person editing it, in Chinese."""


def names(text: str) -> list[str]:
    """The placeholders `text` uses, in order; raise TemplateError on a stray brace."""
    found = []
    for match in _TOKEN.finditer(text):
        token = match.group(0)
        if token in ("{{", "}}"):
            continue
        if match.group(1) is None:
            raise TemplateError(
                f"第 {match.start() + 1} 个字符处的花括号不成对。占位符写作 {{申请人}}；"
                "如需花括号本身，请写成 {{ 或 }}"
            )
        found.append(match.group(1).strip())
    return found


def check(text: str, allowed: Iterable[str]) -> None:
    """Refuse `text` if it uses a placeholder outside `allowed` (or a stray brace), saying which are allowed."""
    allowed = set(allowed)
    unknown = [name for name in names(text) if name not in allowed]
    if unknown:
        listed = "、".join(f"{{{name}}}" for name in dict.fromkeys(unknown))
        offered = "、".join(f"{{{name}}}" for name in sorted(allowed, key=list(DESCRIPTIONS).index))
        raise TemplateError(f"不能识别的占位符：{listed}。此类告知书可用的占位符：{offered}")


def fill(text: str, values: Mapping[str, str]) -> str:
    """`text` with every placeholder replaced by its value; a placeholder without a value is an error."""

    def replace(match: re.Match) -> str:
        token = match.group(0)
        if token == "{{":
            return "{"
        if token == "}}":
            return "}"
        name = (match.group(1) or "").strip()
        if match.group(1) is None or name not in values:
            raise TemplateError(f"不能识别的占位符：{token}")
        return str(values[name])

    return _TOKEN.sub(replace, text)
