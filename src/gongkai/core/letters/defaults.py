"""The built-in wording of every letter, used until an agency edits its own.

The reply (答复告知书) has one text per outcome — the result rows of table 三 — each citing the article of the
条例 (国务院令第711号) it rests on (`LEGAL_BASIS`). Every reply and the fee notice state the remedies: 行政复议
within 60 days (行政复议法 第二十条) or 行政诉讼 within 6 months (行政诉讼法 第四十六条). The notices of a
step (补正, 延期) and the consultation letters are not decisions on the application and state none.

Points the 条例 leaves open are marked in docs/letters.md: 属于行政查询事项 cites 第三十六条第（七）项,
要求确认或重新出具 cites 第二十七条 (a request to obtain information is what the 条例 governs), 其他 cites
第三十六条; an agency can change any of them in its templates.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.core.letters.model import LetterKind
from gongkai.core.report import formats

LAW = "《中华人民共和国政府信息公开条例》"
FEE_RULES = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"

# The outcome keys a reply can carry: the result rows of table 三 (2021 template).
OUTCOME_KEYS: tuple[str, ...] = tuple(
    row.key for row in formats.get_template(formats.TEMPLATE_2021).request_rows if row.result
)


@dataclass(frozen=True)
class TemplateText:
    """A letter template: its title, its body (one paragraph a line) and its remedies paragraph (may be empty)."""

    title: str
    body: str
    remedies: str


REMEDIES_REPLY = (
    "如对本答复不服，可以自收到本告知书之日起60日内向{复议机关}申请行政复议，"
    "或者自收到本告知书之日起6个月内向人民法院提起行政诉讼。"
)
REMEDIES_FEE = (
    "如对本通知不服，可以自收到本通知之日起60日内向{复议机关}申请行政复议，"
    "或者自收到本通知之日起6个月内向人民法院提起行政诉讼。"
)

_RECEIVED = "本机关于{收到日期}收到您提出的政府信息公开申请（申请编号：{申请编号}），申请获取{所需信息}。"
_REPLY_OPENING = _RECEIVED + "经审查，现答复如下："
_WITHHELD = "根据" + LAW + "{articles}的规定，本机关决定不予公开。具体理由：{{决定理由}}。"

# outcome → the article(s) of the 条例 its reply cites (the first one named in the text)
LEGAL_BASIS: dict[str, str] = {
    "granted": "第三十六条第（二）项",
    "partial": "第三十七条",
    "withheld.state_secret": "第十四条",
    "withheld.prohibited_by_law": "第十四条",
    "withheld.security_stability": "第十四条",
    "withheld.third_party": "第十五条",
    "withheld.internal_affairs": "第十六条第一款",
    "withheld.process_info": "第十六条第二款",
    "withheld.enforcement_file": "第十六条第二款",
    "withheld.query_matter": "第三十六条第（七）项",
    "unavailable.not_held": "第三十六条第（四）项",
    "unavailable.needs_creation": "第三十八条",
    "unavailable.unclear_after_correction": "第三十条",
    "not_processed.petition": "第三十九条第一款",
    "not_processed.repeated": "第三十六条第（六）项",
    "not_processed.publication": "第三十九条第二款",
    "not_processed.excessive": "第三十五条",
    "not_processed.confirmation": "第二十七条",
    "other.no_correction": "第三十条",
    "other.unpaid_fee": "第四十二条",
    "other.misc": "第三十六条",
}


def _withheld(finding: str, articles: str) -> str:
    return f"您申请获取的政府信息{finding}。" + _WITHHELD.format(articles=articles)


REPLY_BODIES: dict[str, str] = {
    "granted": (
        "您申请获取的政府信息属于可以公开的政府信息。根据" + LAW + "第三十六条第（二）项的规定，"
        "本机关予以公开，并按照您要求的{获取方式}方式、{信息形式}形式向您提供。"
    ),
    "partial": (
        "您申请获取的政府信息中含有不应当公开的内容，但是能够作区分处理。根据" + LAW + "第三十七条的规定，"
        "本机关向您提供可以公开的信息内容，对下列内容不予公开：{不予公开部分}。\n"
        "不予公开的理由和依据：{决定理由}。"
    ),
    "withheld.state_secret": _withheld("属于依法确定的国家秘密", "第十四条、第三十六条第（三）项"),
    "withheld.prohibited_by_law": _withheld(
        "属于法律、行政法规禁止公开的政府信息", "第十四条、第三十六条第（三）项"
    ),
    "withheld.security_stability": _withheld(
        "公开后可能危及国家安全、公共安全、经济安全、社会稳定", "第十四条、第三十六条第（三）项"
    ),
    "withheld.third_party": _withheld(
        "涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害，且第三方不同意公开，"
        "不公开也不会对公共利益造成重大影响",
        "第十五条、第三十六条第（三）项",
    ),
    "withheld.internal_affairs": _withheld(
        "属于本机关人事管理、后勤管理、内部工作流程等方面的内部事务信息",
        "第十六条第一款、第三十六条第（三）项",
    ),
    "withheld.process_info": _withheld(
        "属于本机关在履行行政管理职能过程中形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息",
        "第十六条第二款、第三十六条第（三）项",
    ),
    "withheld.enforcement_file": _withheld("属于行政执法案卷信息", "第十六条第二款、第三十六条第（三）项"),
    "withheld.query_matter": (
        "您申请获取的信息属于行政查询事项，有关法律、行政法规对该信息的获取有特别规定。根据"
        + LAW
        + "第三十六条第（七）项的规定，本机关对该信息不予公开，请您依照有关法律、行政法规的规定"
        "通过相应的查询渠道办理。具体说明：{决定理由}。"
    ),
    "unavailable.not_held": (
        "经检索，本机关没有您申请获取的政府信息，该政府信息不存在。根据"
        + LAW
        + "第三十六条第（四）项的规定，"
        "特此告知。具体说明：{决定理由}。"
    ),
    "unavailable.needs_creation": (
        "本机关没有现成的您申请获取的信息，需要对现有政府信息进行加工、分析方能形成。根据"
        + LAW
        + "第三十八条的规定，本机关不予提供。具体说明：{决定理由}。"
    ),
    "unavailable.unclear_after_correction": (
        "本机关已告知您对申请作出补正，您补正后的申请内容仍不明确，本机关无法据此确定您所需的政府信息。根据"
        + LAW
        + "第三十条的规定，本机关无法向您提供。具体说明：{决定理由}。"
    ),
    "not_processed.petition": (
        "您以政府信息公开申请的形式提出的是信访、投诉、举报等事项。根据" + LAW + "第三十九条第一款的规定，"
        "本机关不作为政府信息公开申请处理，您可以通过信访、投诉、举报等相应渠道提出。具体说明：{决定理由}。"
    ),
    "not_processed.repeated": (
        "本机关已就您此前提出的相同政府信息公开申请作出答复，您本次申请公开的是相同的政府信息。根据"
        + LAW
        + "第三十六条第（六）项的规定，本机关不予重复处理。具体说明：{决定理由}。"
    ),
    "not_processed.publication": (
        "您申请获取的是政府公报、报刊、书籍等公开出版物。根据" + LAW + "第三十九条第二款的规定，"
        "本机关不作为政府信息公开申请处理，现告知获取途径：{决定理由}。"
    ),
    "not_processed.excessive": (
        "您申请公开政府信息的数量、频次明显超过合理范围，本机关已要求您说明理由，经审查，所说明的理由不合理。"
        "根据" + LAW + "第三十五条的规定，本机关不予处理。具体说明：{决定理由}。"
    ),
    "not_processed.confirmation": (
        "您的申请是要求本机关对您已经获取的信息予以确认或者重新出具，不属于申请获取政府信息。根据"
        + LAW
        + "第二十七条的规定，本机关不作为政府信息公开申请处理。具体说明：{决定理由}。"
    ),
    "other.no_correction": (
        "本机关已告知您对申请作出补正（需要补正的事项：{补正事项}），您无正当理由逾期未补正。根据"
        + LAW
        + "第三十条的规定，视为您放弃申请，本机关不再处理该政府信息公开申请。"
    ),
    "other.unpaid_fee": (
        "本机关已向您发出收费通知，您逾期未按照收费通知的要求缴纳信息处理费。根据"
        + LAW
        + "第四十二条和"
        + FEE_RULES
        + "的规定，视为您放弃申请，本机关不再处理该政府信息公开申请。"
    ),
    "other.misc": "{决定理由}。根据" + LAW + "第三十六条的规定，特此告知。",
}

REPLY_TITLE = "政府信息公开申请答复告知书"

_OTHER = {
    LetterKind.CORRECTION: TemplateText(
        "政府信息公开申请补正告知书",
        "本机关于{收到日期}收到您提出的政府信息公开申请（申请编号：{申请编号}）。经审查，您的申请内容不明确，"
        "本机关无法据此确定您所需的政府信息。根据" + LAW + "第三十条的规定，请您对下列事项作出补正：\n"
        "{补正事项}\n"
        "请您于{补正期限}向本机关提交补正后的申请。答复期限自本机关收到补正的申请之日起计算。"
        "您无正当理由逾期不补正的，视为放弃申请，本机关将不再处理该政府信息公开申请。",
        "",
    ),
    LetterKind.PERIOD: TemplateText(
        "政府信息公开申请答复期限告知书",
        _RECEIVED
        + "您申请公开政府信息的数量、频次明显超过合理范围，且您说明的理由合理，但本机关无法在"
        + LAW
        + "第三十三条规定的期限内答复。根据"
        + LAW
        + "第三十五条的规定，本机关确定答复期限为{合理期限}，理由：{合理期限理由}。"
        "本机关将在该期限内作出答复。",
        "",
    ),
    LetterKind.EXTENSION: TemplateText(
        "政府信息公开申请延期答复告知书",
        _RECEIVED + "因{延期理由}，本机关不能在法定期限内作出答复。根据" + LAW + "第三十三条第二款的规定，"
        "经本机关政府信息公开工作机构负责人同意，答复期限延长{延长天数}个工作日，"
        "本机关将于{答复期限}前作出答复。",
        "",
    ),
    LetterKind.CONSULTATION_THIRD_PARTY: TemplateText(
        "政府信息公开征求第三方意见书",
        "本机关于{收到日期}收到一份政府信息公开申请（申请编号：{申请编号}），申请获取{所需信息}。"
        "经审查，该政府信息的公开可能损害贵方的商业秘密、个人隐私等合法权益。根据"
        + LAW
        + "第三十二条的规定，现书面征求贵方意见。\n"
        "请贵方自收到本征求意见书之日起15个工作日内，以书面形式提出是否同意公开的意见；不同意公开的，"
        "请说明理由。逾期未提出意见的，由本机关依照" + LAW + "的规定决定是否公开。\n"
        "贵方不同意公开且有合理理由的，本机关不予公开；本机关认为不公开可能对公共利益造成重大影响的，"
        "可以决定予以公开，并将决定公开的政府信息内容和理由书面告知贵方。",
        "",
    ),
    LetterKind.CONSULTATION_AGENCY: TemplateText(
        "政府信息公开征求意见书",
        "本机关于{收到日期}收到一份政府信息公开申请（申请编号：{申请编号}），申请获取{所需信息}。"
        "该政府信息由本机关与贵机关共同制作。根据" + LAW + "第三十四条的规定，现征求贵机关意见。\n"
        "请贵机关自收到本征求意见书之日起15个工作日内提出是否同意公开的意见；逾期未提出意见的，视为同意公开。",
        "",
    ),
    LetterKind.SPLIT: TemplateText(
        "政府信息公开申请拆分告知书",
        _RECEIVED
        + "经审查，您的申请包含多项政府信息公开事项。为便于及时、准确地办理，本机关按照一事一申请的原则，"
        "将您的申请分为以下各件，分别办理、分别答复，答复期限均自本机关收到申请之日起计算：\n"
        "{拆分结果}\n"
        "您可以凭各件的申请编号查询办理进度。",
        "",
    ),
    LetterKind.THIRD_PARTY_DECISION: TemplateText(
        "政府信息公开决定告知书（第三方）",
        "本机关于{收到日期}收到一份政府信息公开申请（申请编号：{申请编号}），申请获取{所需信息}。"
        "本机关曾依照" + LAW + "第三十二条的规定书面征求贵方意见。\n"
        "经审查，本机关认为不公开可能对公共利益造成重大影响，决定予以公开（{办理结果}）。"
        "决定公开的政府信息内容：{所需信息}。决定公开的理由：{决定理由}。\n"
        "根据" + LAW + "第三十二条的规定，现将决定公开的政府信息内容和理由书面告知贵方。",
        "如对本决定不服，可以自收到本告知书之日起60日内向{复议机关}申请行政复议，"
        "或者自收到本告知书之日起6个月内向人民法院提起行政诉讼。",
    ),
    LetterKind.REFERRAL: TemplateText(
        "政府信息公开申请告知书",
        _RECEIVED
        + "经审查，您申请获取的政府信息不属于本机关负责公开。根据"
        + LAW
        + "第三十六条第（五）项的规定，"
        "现告知如下：{负责机关}。\n"
        "请您向负责公开该政府信息的机关提出申请。",
        REMEDIES_REPLY,
    ),
    LetterKind.FEE: TemplateText(
        "政府信息公开信息处理费收费通知",
        "本机关于{收到日期}收到您提出的政府信息公开申请（申请编号：{申请编号}）。您申请公开政府信息的数量、"
        "频次明显超过合理范围，根据"
        + LAW
        + "第四十二条和"
        + FEE_RULES
        + "的规定，本机关依法收取信息处理费。\n"
        "计收方式：{计收方式}。收费标准：{收费标准}。计费：{计费明细}。应缴金额：人民币{收费金额}元。\n"
        "请您自收到本通知之日的次日起20个工作日内缴纳。缴纳方式：{缴费方式}。"
        "逾期未缴纳的，视为放弃申请，本机关将不再处理该政府信息公开申请。",
        REMEDIES_FEE,
    ),
}

# The two progressive scales of 109号, as the fee notice states them (law.md section 4).
FEE_SCALES = {
    "count": (
        "按件计收",
        "申请人一个自然月内累计申请10件以下（含10件）的，不收费；11—30件（含30件）的部分，每件收费100元；"
        "31件以上的部分，每增加10件，收费标准每件提高100元",
    ),
    "pages": (
        "按量计收",
        "30页以下（含30页）的，不收费；31—100页（含100页）的部分，每页收费10元；"
        "101—200页（含200页）的部分，每页收费20元；201页以上的部分，每页收费40元",
    ),
}


def default_template(kind: LetterKind, outcome: str = "") -> TemplateText:
    """The built-in template of a kind (for a reply: of an outcome; an unknown outcome gets 其他's wording)."""
    kind = LetterKind(kind)
    if kind is LetterKind.REPLY:
        body = REPLY_BODIES.get(outcome, REPLY_BODIES["other.misc"])
        return TemplateText(REPLY_TITLE, _REPLY_OPENING + "\n" + body, REMEDIES_REPLY)
    return _OTHER[kind]
