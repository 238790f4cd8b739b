"""The printable case file (办理单 / 案卷): one PDF with the whole case, for the paper archive.

It holds the application (the applicant masked unless the viewer may see personal data), every step with its date,
the person who took it and its facts, the clock's explanation, every letter kept with the case (its text in full
for the handling office), the delivery records and the notices to the applicant, and ends with the archiving
block (归档人、归档日期), which never stands alone on a page (`break-inside: avoid` with the last section).
Typeset by WeasyPrint with the fonts of the letters (`core.letters.pdf`); every stored text passes `xml_safe`.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone

from gongkai.core.letters.model import chinese_date
from gongkai.core.render.html import BODY_FONTS, HEADING_FONTS, TABLE_FONTS, TITLE_FONTS
from gongkai.core.render.pdf import require_cjk_font
from gongkai.core.render.text import xml_safe

from . import services
from .choices import OUTCOMES, DeliveryMethod, EventKind, Party, ReviewOrder
from .models import Application, ApplicationEvent

K = EventKind

CSS = f"""
@page {{ size: A4; margin: 25mm 20mm 25mm 20mm;
  @bottom-center {{ content: "第 " counter(page) " 页，共 " counter(pages) " 页"; font-family: {TABLE_FONTS};
    font-size: 10pt; }} }}
body {{ font-family: {BODY_FONTS}; font-size: 12pt; line-height: 1.6; color: #000; margin: 0; }}
h1 {{ font-family: {TITLE_FONTS}; font-size: 20pt; font-weight: normal; text-align: center; margin: 0 0 4pt; }}
p.number {{ text-align: center; margin: 0 0 12pt; }}
h2 {{ font-family: {HEADING_FONTS}; font-size: 14pt; margin: 14pt 0 6pt; break-after: avoid; }}
h3 {{ font-family: {HEADING_FONTS}; font-size: 12pt; margin: 10pt 0 4pt; break-after: avoid; }}
table {{ width: 100%; border-collapse: collapse; font-family: {TABLE_FONTS}; font-size: 10.5pt; }}
th, td {{ border: 0.5pt solid #000; padding: 2pt 4pt; vertical-align: top; text-align: left; }}
th {{ font-weight: bold; }}
table.facts th {{ width: 28%; }}
tr {{ break-inside: avoid; }}
div.letter {{ border-top: 0.5pt dashed #000; margin-top: 8pt; }}
div.letter p {{ margin: 0; text-indent: 2em; }}
div.letter p.meta {{ text-indent: 0; }}
/* The archiving block stays with the section before it: it never stands alone on a page. */
div.closing {{ break-inside: avoid; page-break-inside: avoid; }}
div.closing p {{ text-align: right; margin: 0; }}
div.closing p.first {{ margin-top: 24pt; }}
"""


def _s(value) -> str:
    return xml_safe(str(value)) if value not in (None, "") else ""


def _label(choices, value: str) -> str:
    return choices(value).label if value in choices.values else value


def describe(event: ApplicationEvent) -> str:
    """The facts of a step as one line (what the case page spreads over its columns)."""
    d = event.data
    kind = event.kind
    if kind == K.RECEIVED:
        return "；".join(
            x for x in (d.get("rule", ""), f"到达 {d['arrived_on']}" if d.get("arrived_on") else "") if x
        )
    if kind == K.CORRECTION_REQUESTED:
        return f"补正事项：{d.get('what', '')}" + (
            f"；补正期限 {d['respond_by']}" if d.get("respond_by") else ""
        )
    if kind == K.CONSULTATION_SENT:
        return f"编号 {d.get('key', '')}；{_label(Party, d.get('party', ''))}：{d.get('to', '')}"
    if kind == K.CONSULTATION_ANSWERED:
        return f"编号 {d.get('key', '')}" + (f"；意见：{d['opinion']}" if d.get("opinion") else "")
    if kind == K.EXTENDED:
        reason = f"；理由：{d['reason']}" if d.get("reason") else ""
        return f"延长 {d.get('days')} 个工作日，{d.get('approver', '')}批准{reason}"
    if kind == K.FEE_NOTICE:
        waiver = (
            f"；由 {d.get('computed')} 元减免，理由：{d['waiver_reason']}" if d.get("waiver_reason") else ""
        )
        return f"应缴 {d.get('amount')} 元（{'；'.join(d.get('bands', []))}）{waiver}"
    if kind == K.REASONABLE_PERIOD:
        return f"答复期限 {d.get('due', '')}；理由：{d.get('reason', '')}"
    if kind == K.DECIDED:
        withheld = f"；不予公开部分：{d['withheld']}" if d.get("withheld") else ""
        return f"{OUTCOMES.get(d.get('outcome', ''), '')}；依据：{d.get('basis', '')}{withheld}"
    if kind == K.DELIVERED:
        proof = f"；凭证：{d['proof']}" if d.get("proof") else ""
        return f"{_label(DeliveryMethod, d.get('method', ''))}{proof}"
    if kind == K.WITHDRAWN:
        return f"理由：{d['reason']}" if d.get("reason") else ""
    if kind == K.REOPENED:
        order = _label(ReviewOrder, d.get("order", ""))
        return f"{d.get('case', '')}（{d.get('reference', '')}），{order}，重新答复期限 {d.get('days', 20)} 个工作日"
    return ""


def _person(event: ApplicationEvent) -> str:
    if event.person is None:
        return "申请人" if event.kind == K.SUBMITTED else "系统"
    return _s(event.person.get_full_name() or event.person.get_username())


def context(app: Application, *, personal: bool) -> dict:
    """What the case file shows; the applicant and the letters' texts only when `personal`."""
    events = list(app.events.select_related("person"))
    deadline = services.deadline(app)
    applicant = {k: _s(v) for k, v in app.personal_data(personal).items()}
    facts = [
        ("申请编号", app.number),
        ("机关", app.agency.name),
        ("申请渠道", app.get_channel_display()),
        ("收到申请之日", app.received_on or "待确认"),
        ("办理状态", app.get_status_display()),
        ("办理结果", f"{app.outcome_label}（{app.decided_on}）" if app.outcome else "—"),
    ]
    person = [("申请人类型", app.get_applicant_type_display()), ("姓名或名称", applicant["name"])]
    if app.is_organisation:
        person += [("统一社会信用代码", applicant["credit_code"]), ("联系人", applicant["contact_person"])]
    else:
        person += [(app.get_id_type_display() or "证件号码", applicant["id_number"])]
    person += [
        ("联系电话", applicant["phone"]),
        ("通信地址", applicant["address"]),
        ("电子邮箱", applicant["email"]),
    ]
    request = [
        ("所需信息名称", app.info_name),
        ("文号", app.info_document_number),
        ("特征描述", app.info_description),
        ("用途", app.purpose),
        ("信息形式 / 获取方式", f"{app.get_form_display()} / {app.get_obtaining_display()}"),
    ]
    letters = []
    for letter in app.letters.select_related("created_by").order_by("created_at", "pk"):
        value = letter.value
        letters.append(
            {
                "kind": letter.get_kind_display(),
                "number": _s(letter.number),
                "on": letter.on,
                "title": _s(value.title),
                "addressee": _s(value.addressee),
                "paragraphs": [_s(p) for p in value.all_paragraphs] if personal else [],
                "agency": _s(value.agency),
                "date": chinese_date(value.on),
            }
        )
    return {
        "css": CSS,
        "app": app,
        "personal": personal,
        "facts": [(k, _s(v)) for k, v in facts],
        "applicant": [(k, v or "—") for k, v in person],
        "request": [(k, _s(v) or "—") for k, v in request],
        "events": [(e.on, e.get_kind_display(), _s(describe(e)), _person(e)) for e in events],
        "explain": [_s(step.text) for step in deadline.explain] if deadline else [],
        "due": deadline.due if deadline else None,
        "letters": letters,
        "deliveries": [(e.on, _s(describe(e)), _person(e)) for e in events if e.kind == K.DELIVERED],
        "notices": [
            (
                n.created_at,
                n.event.get_kind_display(),
                n.get_channel_display(),
                _s(n.shown_to(personal)),
                n.get_status_display(),
            )
            for n in app.notices.select_related("event")
        ],
        "printed": timezone.localtime(),
    }


def render_html(app: Application, *, personal: bool) -> str:
    return render_to_string("applications/casefile.html", context(app, personal=personal))


def render_pdf(app: Application, *, personal: bool) -> bytes:
    """The case file as PDF bytes; `MissingFontError` without a Chinese font."""
    require_cjk_font()
    from weasyprint import HTML

    return HTML(string=render_html(app, personal=personal)).write_pdf()
