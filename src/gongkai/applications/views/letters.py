"""Staff views of the letters: generate a step's letter with a preview, download it, edit the templates. Thin:
scope, call `letters`, render."""

from __future__ import annotations

from dataclasses import replace

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from gongkai.agencies.roles import Perm
from gongkai.agencies.scoping import agency_or_404, can, get_or_404, require
from gongkai.core.errors import Refused
from gongkai.core.letters import placeholders
from gongkai.core.letters.model import split_paragraphs
from gongkai.core.letters.pdf import render_html

from .. import assignment, letters, signoff
from ..choices import OUTCOMES
from ..forms import LetterForm, TemplateForm
from ..models import Letter

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def letter_new(request, pk: int, event: int):
    """The letter of one step: GET shows it as the template gives it; 预览 shows the edited text; 生成 keeps it.
    The handling office or the case's 承办人 (拟办); the preview masks personal data for whoever may not see it."""
    app = assignment.case_or_404(request.user, pk, work=True)
    step = get_object_or_404(app.events, pk=event)
    if step.pk not in {e.pk for e in letters.letter_events(app)}:
        raise Http404
    kinds = letters.letter_kinds(app, step)
    asked = request.GET.get("kind", "")  # a step's other letters (第三十二条, referral, split): ?kind=
    kind = next((k for k in kinds if k.value == asked), None) if asked else kinds[0]
    if kind is None:
        raise Http404
    error = ""
    try:
        draft = letters.draft(app, step, kind=kind)
    except Refused as exc:
        draft, error = None, str(exc)
    initial = {"on": step.on}
    if draft:
        initial |= {"body": "\n".join(draft.paragraphs), "remedies": draft.remedies}
    form = LetterForm(request.POST or None, initial=initial)
    preview = draft
    if request.method == "POST" and draft and form.is_valid():
        data = form.cleaned_data
        if request.POST.get("action") == "generate":
            try:
                letters.generate(
                    app,
                    step,
                    on=data["on"],
                    body=data["body"],
                    remedies=data["remedies"],
                    attachments=data["attachments"],
                    kind=kind,
                    by=request.user,
                )
            except Refused as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, f"已生成：{letters.letter_label(step, kind)}")
                return redirect("applications:detail", pk=app.pk)
        preview = replace(
            draft,
            paragraphs=split_paragraphs(data["body"]),
            remedies=data["remedies"].strip(),
            on=data["on"],
            attachments=split_paragraphs(data["attachments"]),
        )
    personal = can(request.user, Perm.VIEW_PERSONAL_DATA, app.agency)
    context = {
        "app": app,
        "step": step,
        "label": letters.letter_label(step, kind),
        "form": form,
        "error": error,
        "preview": render_html(signoff.shown(preview, app, personal)) if preview else "",
    }
    return TemplateResponse(request, "applications/letters/new.html", context)


def letter_download(request, pk: int, fmt: str):
    """A kept letter's DOCX or PDF. Letters carry the applicant's personal data: only its handling office."""
    letter = get_or_404(
        Letter.objects.select_related("application__agency"),
        request.user,
        Perm.VIEW_PERSONAL_DATA,
        field="application__agency",
        pk=pk,
    )
    require(request.user, Perm.VIEW_APPLICATIONS, letter.application.agency)
    if fmt not in CONTENT_TYPES:
        raise Http404
    stored = getattr(letter, fmt)
    try:
        handle = stored.open("rb")
    except FileNotFoundError as exc:
        raise Http404("告知书文件不存在") from exc
    name = f"{letter.number}-{letter.get_kind_display()}.{fmt}"
    return FileResponse(handle, as_attachment=True, filename=name, content_type=CONTENT_TYPES[fmt])


def template_index(request, code: str):
    """The agency's letter templates: each kind (and each outcome of the reply), its own or the built-in one."""
    agency = agency_or_404(request.user, code, Perm.HANDLE_APPLICATIONS)
    own = set(agency.letter_templates.values_list("kind", "outcome"))
    rows = [
        {
            "key": letters.template_key(kind, outcome),
            "kind": kind.label,
            "outcome": OUTCOMES.get(outcome, ""),
            "own": (kind.value, outcome) in own,
        }
        for kind, outcome in letters.template_keys()
    ]
    return TemplateResponse(request, "applications/letters/templates.html", {"agency": agency, "rows": rows})


def template_edit(request, code: str, key: str):
    """Edit one template; 恢复默认 drops the agency's own wording."""
    agency = agency_or_404(request.user, code, Perm.HANDLE_APPLICATIONS)
    try:
        kind, outcome = letters.parse_template_key(key)
    except ValueError as exc:
        raise Http404 from exc
    current, own = letters.template_for(agency, kind, outcome)
    initial = {"title": current.title, "body": current.body, "remedies": current.remedies}
    form = TemplateForm(request.POST or None, initial=initial, kind=kind)
    if request.method == "POST":
        if request.POST.get("action") == "reset":
            letters.reset_template(agency, kind, outcome, by=request.user)
            messages.success(request, "已恢复默认模板")
            return redirect("applications:letter_template_edit", code=agency.code, key=key)
        if form.is_valid():
            data = form.cleaned_data
            try:
                letters.save_template(
                    agency,
                    kind,
                    outcome,
                    title=data["title"],
                    body=data["body"],
                    remedies=data["remedies"],
                    by=request.user,
                )
            except placeholders.TemplateError as exc:
                form.add_error(None, str(exc))
            else:
                messages.success(request, "模板已保存")
                return redirect("applications:letter_templates", code=agency.code)
    allowed = placeholders.ALLOWED[kind]
    context = {
        "agency": agency,
        "form": form,
        "own": own,
        "title": f"{kind.label}{'：' + OUTCOMES[outcome] if outcome else ''}",
        "placeholders": [(name, text) for name, text in placeholders.DESCRIPTIONS.items() if name in allowed],
    }
    return TemplateResponse(request, "applications/letters/template_edit.html", context)
