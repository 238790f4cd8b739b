"""Staff pages of the 行政复议 and 行政诉讼 cases brought over the agency's disclosure (table 四)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse

from gongkai.agencies.masking import mask
from gongkai.agencies.roles import Perm
from gongkai.agencies.scoping import agency_or_404, can
from gongkai.core.errors import Refused

from .. import services
from ..forms import CaseForm
from ..models import AppealCase


def case_index(request, code: str):
    """The agency's cases; the applicant masked for those who may not see personal data."""
    agency = agency_or_404(request.user, code, Perm.VIEW_POWERS)
    visible = can(request.user, Perm.VIEW_PERSONAL_DATA, agency)
    context = {
        "agency": agency,
        "cases": [
            (case, mask(case.applicant) if not visible else case.applicant)
            for case in AppealCase.objects.filter(agency=agency)
        ],
        "can_edit": can(request.user, Perm.EDIT_APPEALS, agency),
    }
    return TemplateResponse(request, "powers/cases.html", context)


def case_edit(request, code: str, pk: int | None = None):
    """Add or edit a case. Who may not see personal data sees the applicant masked in the form too; sending the
    masked text back keeps the stored name, anything else replaces it."""
    agency = agency_or_404(request.user, code, Perm.EDIT_APPEALS)
    case = get_object_or_404(AppealCase, agency=agency, pk=pk) if pk else None
    stored = (
        case.applicant if case else ""
    )  # before the form's validation writes the posted value into `case`
    masked = mask(stored) if case and not can(request.user, Perm.VIEW_PERSONAL_DATA, agency) else None
    form = CaseForm(request.POST or None, instance=case or AppealCase(agency=agency))
    if masked is not None:
        form.initial["applicant"] = masked
        form.fields["applicant"].help_text = "已隐去部分信息；不修改则保留原值，如需更正请完整填写"
    if request.method == "POST" and form.is_valid():
        values = {f: form.cleaned_data[f] for f in form._meta.fields}
        if masked is not None and values.get("applicant") == masked:
            values["applicant"] = stored
        try:
            saved = services.save_case(agency, case, by=request.user, **values)
        except ValidationError as error:
            form.add_error(None, error.messages)
        except Refused as refused:
            form.add_error(None, str(refused))
        else:
            if saved.reopened:
                messages.success(
                    request, f"案件已保存；申请 {saved.application} 已重新办理，重新计算答复期限"
                )
            elif saved.application_id and saved.result == "corrected":
                messages.success(
                    request, f"案件已保存；“{saved.get_order_display()}”未责令重新答复，申请不重新办理"
                )
            else:
                messages.success(request, "案件已保存")
            return redirect("powers:appeals", code=code)
    title = "行政复议、行政诉讼案件"
    return TemplateResponse(request, "powers/edit.html", {"agency": agency, "title": title, "form": form})
