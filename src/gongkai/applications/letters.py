"""Service functions for letters: which steps of a case have one, their text, generating and keeping them, and
the agency's templates.

A letter belongs to the event of its step (补正 → the correction request, 延期 → the extension, each 征求意见,
the fee notice, and the reply → the decision, or the abandonment / unpaid fee that ends a case). Generating one
renders DOCX and PDF first, then stores both with the text used and records it in the case's history, in one
transaction; the case's events and status are not touched.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from gongkai.agencies import history
from gongkai.agencies.models import Agency, AgencyKind
from gongkai.core.errors import Refused
from gongkai.core.letters import compose, defaults, placeholders
from gongkai.core.letters.docx import render_docx
from gongkai.core.letters.model import Letter as LetterValue
from gongkai.core.letters.model import LetterKind, chinese_date, split_paragraphs
from gongkai.core.letters.pdf import MissingFontError, render_pdf

from . import fee_payment, lifecycle, services
from .choices import AUTOMATIC_OUTCOMES, OUTCOMES, EventKind, InfoForm, Obtaining, Party
from .models import Application, ApplicationEvent, Letter, LetterTemplate

log = logging.getLogger(__name__)

K = EventKind
TemplateError = placeholders.TemplateError

_REPLY_EVENTS = {K.DECIDED, K.ABANDONED, K.FEE_UNPAID}
_EVENT_KINDS = {
    K.CORRECTION_REQUESTED: LetterKind.CORRECTION,
    K.EXTENDED: LetterKind.EXTENSION,
    K.FEE_NOTICE: LetterKind.FEE,
    K.REASONABLE_PERIOD: LetterKind.PERIOD,
}


def letter_kind(event: ApplicationEvent) -> LetterKind | None:
    """The kind of letter a step sends, or None for steps without one."""
    if event.kind in _REPLY_EVENTS:
        return LetterKind.REPLY
    if event.kind == K.CONSULTATION_SENT:
        agency = event.data.get("party") == Party.AGENCY
        return LetterKind.CONSULTATION_AGENCY if agency else LetterKind.CONSULTATION_THIRD_PARTY
    return _EVENT_KINDS.get(event.kind)


def reply_outcome(event: ApplicationEvent) -> str:
    """The outcome a reply for this event states (a decision's, or the one its event implies)."""
    if event.kind == K.DECIDED:
        return event.data.get("outcome", "")
    return AUTOMATIC_OUTCOMES.get(K(event.kind), "")


# Letters a step may have besides its own: 第三十二条's notice to the third party of a decision to disclose, the
# referral (第三十六条第（五）项) beside the reply of 本机关不掌握, the split notice on the receipt of a split case.
_DISCLOSED = {"granted", "partial"}


def _third_parties(app: Application, event: ApplicationEvent) -> list[str]:
    return [
        e.data.get("to", "")
        for e in app.events.filter(kind=K.CONSULTATION_SENT).order_by("on", "pk")
        if e.data.get("party") == Party.THIRD_PARTY and (e.on, e.pk) <= (event.on, event.pk)
    ]


def letter_kinds(app: Application, event: ApplicationEvent) -> list[LetterKind]:
    """Every letter the step `event` of `app` has: its own kind first, then the others it allows."""
    kinds = [kind] if (kind := letter_kind(event)) else []
    if event.kind == K.DECIDED:
        outcome = event.data.get("outcome", "")
        if outcome in _DISCLOSED and _third_parties(app, event):
            kinds.append(LetterKind.THIRD_PARTY_DECISION)
        if outcome == "unavailable.not_held":
            kinds.append(LetterKind.REFERRAL)
    if event.kind == K.RECEIVED and app.split_parts.exists():
        kinds.append(LetterKind.SPLIT)
    return kinds


def letter_events(app: Application) -> list[ApplicationEvent]:
    """The steps of the case in force that have a letter (those before a re-opening are set aside)."""
    events = list(app.events.order_by("on", "pk"))
    reopened = [i for i, e in enumerate(events) if e.kind == K.REOPENED]
    current = events[reopened[-1] + 1 :] if reopened else events
    return [e for e in current if letter_kinds(app, e)]


def letter_choices(app: Application) -> list[tuple[ApplicationEvent, LetterKind, str, bool]]:
    """(step, kind, label, whether it is the step's own letter) of every letter the case in force allows."""
    return [
        (event, kind, letter_label(event, kind), i == 0)
        for event in letter_events(app)
        for i, kind in enumerate(letter_kinds(app, event))
    ]


def letter_label(event: ApplicationEvent, kind: LetterKind | None = None) -> str:
    """How the desk names the letter of a step, e.g. 答复告知书（（一）予以公开）."""
    kind = kind or letter_kind(event)
    if kind is LetterKind.REPLY:
        return f"{kind.label}（{OUTCOMES.get(reply_outcome(event), '')}）"
    if kind in (LetterKind.CONSULTATION_AGENCY, LetterKind.CONSULTATION_THIRD_PARTY):
        return f"{kind.label}：{event.data.get('to', '')}"
    return kind.label


def split_summary(app: Application) -> str:
    """The split case's parts, one a line: 编号：事项 (the first stays with this case)."""
    parts = [(app.number, app.info_name or information(app))]
    parts += [
        (s.part.number, s.part.info_name or information(s.part))
        for s in app.split_parts.select_related("part")
    ]
    return "\n".join(f"{i}．{number}：{matter}" for i, (number, matter) in enumerate(parts, 1))


# ---------------------------------------------------------------------------------------------------------------
# Templates


def template_key(kind: LetterKind, outcome: str = "") -> str:
    """The key of a template in URLs: the kind, or `reply.<outcome>`."""
    return f"{kind.value}.{outcome}" if outcome else kind.value


def parse_template_key(key: str) -> tuple[LetterKind, str]:
    """(kind, outcome) of a template key; ValueError for anything that is not one."""
    kind, _, outcome = key.partition(".")
    kind = LetterKind(kind)
    if (kind is LetterKind.REPLY) != bool(outcome) or (outcome and outcome not in OUTCOMES):
        raise ValueError(key)
    return kind, outcome


def template_keys() -> list[tuple[LetterKind, str]]:
    """Every template an agency has: one per kind, and for the reply one per outcome."""
    out = [(kind, "") for kind in LetterKind if kind is not LetterKind.REPLY]
    return out + [(LetterKind.REPLY, outcome) for outcome in OUTCOMES]


def template_for(agency: Agency, kind: LetterKind, outcome: str = "") -> tuple[defaults.TemplateText, bool]:
    """The agency's template of a kind (and outcome), or the built-in one; and whether it is the agency's own."""
    own = LetterTemplate.objects.filter(agency=agency, kind=kind, outcome=outcome).first()
    if own:
        return own.text(), True
    return defaults.default_template(kind, outcome), False


def save_template(
    agency: Agency, kind: LetterKind, outcome: str, *, title: str, body: str, remedies: str, by=None
) -> LetterTemplate:
    """Save the agency's own template; a placeholder the kind does not offer is refused (TemplateError)."""
    text = defaults.TemplateText(title.strip(), body.strip(), remedies.strip())
    compose.check_template(kind, text)
    with transaction.atomic():
        template = (
            LetterTemplate.objects.select_for_update()
            .filter(agency=agency, kind=kind, outcome=outcome)
            .first()
        )
        before = history.snapshot(template, ["title", "body", "remedies"]) if template else {}
        created = template is None
        template = template or LetterTemplate(agency=agency, kind=kind, outcome=outcome)
        template.title, template.body, template.remedies = text.title, text.body, text.remedies
        template.updated_by = by
        template.save()
        changes = history.diff(before, history.snapshot(template, ["title", "body", "remedies"]))
        action = "wagtail.create" if created else "wagtail.edit"
        history.record(template, action, by, changes=changes, note="修改告知书模板")
    log.info("letter template %s/%s saved in agency %s", kind.value, outcome or "-", agency.code)
    return template


def reset_template(agency: Agency, kind: LetterKind, outcome: str = "", *, by=None) -> None:
    """Drop the agency's own template: the built-in wording applies again."""
    with transaction.atomic():
        template = LetterTemplate.objects.filter(agency=agency, kind=kind, outcome=outcome).first()
        if template is None:
            return
        history.record(
            template,
            "wagtail.delete",
            by,
            changes={
                k: (v, None) for k, v in history.snapshot(template, ["title", "body", "remedies"]).items()
            },
            note="恢复默认告知书模板",
        )
        template.delete()
    log.info("letter template %s/%s reset in agency %s", kind.value, outcome or "-", agency.code)


# ---------------------------------------------------------------------------------------------------------------
# The case's values


def review_body(agency: Agency) -> str:
    """The default 行政复议机关: a department's government; for a government, the government above it."""
    if agency.kind == AgencyKind.GOVERNMENT:
        above = agency.parent.government() if agency.parent_id else None
        return above.name if above else "上一级人民政府"
    government = agency.government()
    return government.name if government else "本级人民政府"


def information(app: Application) -> str:
    """The information sought, as a letter names it."""
    if app.info_name:
        text = f"“{app.info_name}”"
        return text + (f"（文号：{app.info_document_number}）" if app.info_document_number else "")
    if app.info_document_number:
        return f"文号为{app.info_document_number}的政府信息"
    if app.info_description:
        return f"“{app.info_description.strip()}”的相关政府信息"
    return "相关政府信息"


def _plain(text: str) -> str:
    """A staff-written phrase without its final full stop, for use inside a sentence."""
    return (text or "").strip().rstrip("。；;.")


def values(app: Application, event: ApplicationEvent, on: date) -> dict[str, str]:
    """Every placeholder's value for the letter of `event`, dated `on`."""
    events = list(app.events.order_by("on", "pk"))
    first = events[0] if events else None
    applied = first.data.get("arrived_on") if first and first.data.get("arrived_on") else None
    out = {
        "机关": app.agency.name,
        "申请人": app.name,
        "申请编号": app.number,
        "申请日期": chinese_date(date.fromisoformat(applied) if applied else first.on) if first else "",
        "收到日期": chinese_date(app.received_on) if app.received_on else "",
        "所需信息": information(app),
        "信息形式": InfoForm(app.form).label if app.form else "",
        "获取方式": Obtaining(app.obtaining).label if app.obtaining else "",
        "日期": chinese_date(on),
        "复议机关": review_body(app.agency),
        "联系电话": app.agency.office_phone,
        "征求对象": event.data.get("to", ""),
    }
    data = event.data
    corrections = [
        e for e in events if e.kind == K.CORRECTION_REQUESTED and (e.on, e.pk) <= (event.on, event.pk)
    ]
    out["补正事项"] = _plain(corrections[-1].data.get("what", "")) if corrections else ""
    respond_by = data.get("respond_by") if event.kind == K.CORRECTION_REQUESTED else None
    out["补正期限"] = (
        f"{chinese_date(date.fromisoformat(respond_by))}前" if respond_by else "收到本告知书后的合理期限内"
    )
    outcome = reply_outcome(event)
    out["办理结果"] = OUTCOMES.get(outcome, "")
    out["决定理由"] = _plain(data.get("basis", "")) if event.kind == K.DECIDED else ""
    out["不予公开部分"] = _plain(data.get("withheld", "")) if event.kind == K.DECIDED else ""
    out["延长天数"] = str(data.get("days", "")) if event.kind == K.EXTENDED else ""
    out["延期理由"] = _plain(data.get("reason", "")) or "需要进一步检索、核查所申请的政府信息"
    out["答复期限"] = _due_after(app, events, event)
    scale = defaults.FEE_SCALES.get(data.get("method", ""), ("", ""))
    out["计收方式"], out["收费标准"] = scale
    is_fee = event.kind == K.FEE_NOTICE
    out["收费金额"] = str(data.get("amount", "")) if is_fee else ""
    out["计费明细"] = _fee_detail(data) if is_fee else ""
    out["缴费方式"] = _plain(fee_payment.payment_of(app.agency)) if is_fee else ""
    is_period = event.kind == K.REASONABLE_PERIOD
    out["合理期限"] = chinese_date(date.fromisoformat(data["due"])) if is_period else ""
    out["合理期限理由"] = _plain(data.get("reason", "")) if is_period else ""
    out["拆分结果"] = split_summary(app) if event.kind == K.RECEIVED else ""
    out["负责机关"] = out["决定理由"]
    if event.kind == K.DECIDED and not out["征求对象"]:
        out["征求对象"] = "、".join(_third_parties(app, event))
    return out


def _fee_detail(data: dict) -> str:
    """How the amount was computed (the bands used) and, for a waiver, by how much and why."""
    if "quantity" not in data:  # a notice recorded before amounts were computed
        return ""
    unit = "件" if data.get("method") == "count" else "页"
    what = (
        f"本申请为您本月第{data.get('quantity')}件申请"
        if unit == "件"
        else f"提供信息{data.get('quantity')}页"
    )
    text = f"{what}，按标准计算：{'；'.join(data.get('bands', []))}，合计{data.get('computed', data.get('amount'))}元"
    if data.get("waiver_reason"):
        text += f"；经研究减免为{data.get('amount')}元，理由：{_plain(data['waiver_reason'])}"
    return text


def _due_after(app: Application, events: list[ApplicationEvent], event: ApplicationEvent) -> str:
    """The reply deadline as it stood right after `event` (for the extension notice)."""
    if event.kind != K.EXTENDED:
        return ""
    upto = [
        lifecycle.StoredEvent(e.kind, e.on, e.data) for e in events if (e.on, e.pk) <= (event.on, event.pk)
    ]
    deadline = services.deadline(app, today=event.on, events=upto)
    if deadline is None or deadline.due is None:
        return ""
    return chinese_date(deadline.due) + ("（暂定）" if deadline.provisional else "")


def _addressee(app: Application, event: ApplicationEvent, kind: LetterKind) -> str:
    if kind in (LetterKind.CONSULTATION_AGENCY, LetterKind.CONSULTATION_THIRD_PARTY):
        return event.data.get("to", "")
    if kind is LetterKind.THIRD_PARTY_DECISION:
        return "、".join(_third_parties(app, event))
    return app.name


def _checked_event(app: Application, event: ApplicationEvent, kind: LetterKind | None = None) -> LetterKind:
    """The kind of letter asked for (default: the step's own), if the step in force has it."""
    if event.application_id != app.pk or event.pk not in {e.pk for e in letter_events(app)}:
        raise Refused("该办理步骤没有可生成的告知书")
    kinds = letter_kinds(app, event)
    if kind is not None and kind not in kinds:
        raise Refused("该办理步骤没有这一种告知书")
    return kind or kinds[0]


def draft(
    app: Application, event: ApplicationEvent, *, on: date | None = None, kind: LetterKind | None = None
) -> LetterValue:
    """The letter (of `kind`, default the step's own) of `event` as the agency's template gives it, dated `on`
    (default: the step's date)."""
    kind = _checked_event(app, event, kind)
    on = on or event.on
    template, _ = template_for(app.agency, kind, reply_outcome(event) if kind is LetterKind.REPLY else "")
    try:
        letter = compose.compose(
            template,
            values(app, event, on),
            number=app.number,
            addressee=_addressee(app, event, kind),
            agency=app.agency.name,
            on=on,
        )
    except TemplateError as exc:
        raise Refused(f"告知书模板有误，请先修改模板：{exc}") from exc
    return replace(letter, contact=contact_line(app, event))


def contact_line(app: Application, event: ApplicationEvent) -> str:
    """The 附注 under the date: who handled the step (经办人) and the office's phone number."""
    person = event.person
    name = (person.get_full_name() or person.get_username()) if person else ""
    parts = [f"经办人：{name}"] if name else []
    if app.agency.office_phone:
        parts.append(f"联系电话：{app.agency.office_phone}")
    return "；".join(parts)


def generate(
    app: Application,
    event: ApplicationEvent,
    *,
    on: date | None = None,
    body: str | None = None,
    remedies: str | None = None,
    attachments: str = "",
    kind: LetterKind | None = None,
    by=None,
) -> Letter:
    """Generate the letter (of `kind`, default the step's own) of `event` and keep it with the case (DOCX and PDF
    files, the text used).

    `body` and `remedies`, when given, are the text as the office edited it in the preview, taken literally;
    `attachments` names what goes with the letter, one a line (附件).
    """
    kind = _checked_event(app, event, kind)
    on = on or event.on
    if on < event.on:
        raise Refused(f"落款日期不能早于该步骤的日期（{event.on}）")
    if on > timezone.localdate():
        raise Refused(f"落款日期 {on} 晚于今天")
    letter = draft(app, event, on=on, kind=kind)
    if body is not None:
        paragraphs = split_paragraphs(body)
        if not paragraphs:
            raise Refused("告知书正文不能为空")
        letter = replace(
            letter, paragraphs=paragraphs, remedies=letter.remedies if remedies is None else remedies.strip()
        )
    letter = replace(letter, attachments=split_paragraphs(attachments))
    try:
        pdf = render_pdf(letter)
    except MissingFontError as exc:
        raise Refused(str(exc)) from exc
    docx = render_docx(letter)
    outcome = reply_outcome(event) if kind is LetterKind.REPLY else ""
    kept = Letter(
        application=app,
        event=event,
        kind=kind.value,
        outcome=outcome,
        number=letter.number,
        on=on,
        content=letter.to_dict(),
        created_by=by,
    )
    try:
        kept.docx.save("letter.docx", ContentFile(docx), save=False)
        kept.pdf.save("letter.pdf", ContentFile(pdf), save=False)
        with transaction.atomic():
            kept.save()
            note = f"{on} 生成{kind.label}（{event.on} {event.get_kind_display()}）"
            history.record(app, "wagtail.edit", by, note=note)
    except Exception:
        for stored_file in (kept.docx, kept.pdf):
            if stored_file.name:
                stored_file.storage.delete(stored_file.name)
        raise
    log.info("application %s: letter %s generated (%s)", app.pk, kept.pk, kind.value)
    return kept
