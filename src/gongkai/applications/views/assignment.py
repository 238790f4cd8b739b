"""Staff views of assignment and sign-off: a case's 承办人, the desk's batch actions, a reply letter's 审核 and
签发. Thin: scope, call `assignment` / `signoff`, render."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from gongkai.agencies.roles import Perm
from gongkai.agencies.scoping import can
from gongkai.core.errors import Refused
from gongkai.core.letters.pdf import render_html

from .. import assignment, signoff
from ..forms import AssignForm, BatchForm, SignoffForm
from ..models import Letter, SignoffStep


def application_assign(request, pk: int):
    """Choose (or take back) the case's 承办人: the handling office's."""
    app = assignment.case_or_404(request.user, pk, work=True)
    if not can(request.user, Perm.HANDLE_APPLICATIONS, app.agency):
        raise Http404
    form = AssignForm(
        request.POST or None, handlers=assignment.handlers(app.agency), initial={"handler": app.handler}
    )
    if request.method == "POST" and form.is_valid():
        try:
            assignment.assign(app, form.cleaned_data["handler"], by=request.user)
        except Refused as exc:
            form.add_error(None, str(exc))
        else:
            handler = form.cleaned_data["handler"]
            messages.success(request, f"已分派承办人：{handler.name}" if handler else "已收回分派")
            return redirect("applications:detail", pk=app.pk)
    return TemplateResponse(request, "applications/assign.html", {"app": app, "form": form})


def batch(request):
    """The desk's batch action (POST of the case list): each ticked case through its own service call. A case the
    user may not handle answers 404 for the whole batch, like a missing one (ids cannot be probed)."""
    form = BatchForm(request.POST)
    picked = form.picked(request.POST)
    back = redirect(request.get_full_path())
    if not form.is_valid() or not picked:
        messages.error(
            request, "请勾选案件并选择批量操作" if form.is_valid() else "批量操作的日期或承办人有误"
        )
        return back
    apps = list(assignment.cases_for(request.user, Perm.HANDLE_APPLICATIONS).filter(pk__in=picked))
    if len(apps) != len(picked) or not all(
        can(request.user, Perm.HANDLE_APPLICATIONS, a.agency) for a in apps
    ):
        raise Http404
    data = form.cleaned_data
    if data["action"] == "confirm":
        if data["on"] is None:
            messages.error(request, "请填写确认日期")
            return back
        refused = assignment.confirm_many(apps, on=data["on"], by=request.user)
        done = "确认收到"
    else:
        handler = None
        if data["handler"]:
            agencies = {a.agency_id for a in apps}
            handler = get_object_or_404(assignment.handlers_in(agencies), pk=data["handler"])
        refused = assignment.assign_many(apps, handler, by=request.user)
        done = f"分派承办人：{handler.name}" if handler else "收回分派"
    if len(refused) < len(apps):
        messages.success(request, f"已{done}：{len(apps) - len(refused)} 件")
    for app, reason in refused:
        messages.error(request, f"{app.number}：{reason}")
    return back


def letter_signoff(request, pk: int):
    """A reply letter for its 审核 and 签发: the text as the viewer may read it (personal data masked outside the
    office), the decisions so far, and the next step with 同意 / 退回 — or why the viewer cannot take it."""
    cases = assignment.cases_for(request.user, Perm.VIEW_APPLICATIONS)
    letters = Letter.objects.filter(application__in=cases.values("pk"))
    letter = get_object_or_404(letters.select_related("application__agency", "event", "created_by"), pk=pk)
    app = letter.application
    state = signoff.state_of(letter)
    step = state.next_step
    form = SignoffForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if step is None:
            form.add_error(None, signoff.refusal(letter, request.user, SignoffStep.CHECK))
        else:
            approved = form.cleaned_data["decision"] == "approve"
            try:
                signoff.decide(
                    letter, step, approved=approved, opinion=form.cleaned_data["opinion"], by=request.user
                )
            except Refused as exc:
                form.add_error(None, str(exc))
            else:
                verdict = ("同意签发" if step == SignoffStep.ISSUE else "同意") if approved else "退回"
                messages.success(request, f"已{verdict}：{letter.get_kind_display()}")
                return redirect("applications:letter_signoff", pk=letter.pk)
    personal = can(request.user, Perm.VIEW_PERSONAL_DATA, app.agency)
    context = {
        "app": app,
        "letter": letter,
        "state": state,
        "step": step,
        "why_not": signoff.refusal(letter, request.user, step) if step else None,
        "form": form,
        "personal": personal,
        "text": render_html(signoff.shown(letter.value, app, personal)),
    }
    return TemplateResponse(request, "applications/letters/signoff.html", context)
