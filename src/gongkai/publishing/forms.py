"""Forms of 主动公开: the item's admin form (attachments checked by content and size, links limited to the
agency's own published 规章 and 规范性文件 and a 解读's to the agency's published items, chosen by search:
`linking`), the confidentiality reviewer's conclusion, and a re-evaluation of the register
of withheld information."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.documents import get_document_model
from wagtail.forms import TaskStateCommentForm
from wagtail.permissions import policy_registry

from . import attachments, linking
from .choices import INTERPRETATION_GENRES, Conclusion, Ground
from .text import normalized_rich_text


class InformationItemForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        agency_id = self.instance.agency_id
        if agency_id is None and self.parent_page is not None:
            agency_id = getattr(self.parent_page.specific, "agency_id", None)
        for name, choose, purpose, refused in (
            ("revises", linking.linkable, "", linking.REFUSED),
            ("repeals", linking.linkable, "", linking.REFUSED),
            ("interprets", linking.interpretable, linking.INTERPRETS, linking.REFUSED_INTERPRETED),
        ):
            if name in self.fields:
                current = [item.pk for item in getattr(self.instance, name).all()] if self.instance.pk else []
                self.fields[name].widget = linking.LinkedItemsWidget(agency_id, purpose=purpose)
                self.fields[name].queryset = choose(
                    self._meta.model, self.for_user, agency_id, self.instance, current
                )
                self.fields[name].error_messages["invalid_choice"] = refused
        self._limit_documents()

    def _limit_documents(self) -> None:
        """Attachments are chosen among the documents the user may choose (their agency's collection), or kept
        as the item has them."""
        formset = self.formsets.get("attachments")
        if formset is None or self.for_user is None:
            return
        policy = policy_registry.get_by_type(get_document_model())
        choosable = policy.instances_user_has_permission_for(self.for_user, "choose")
        kept = [attachment.document_id for attachment in self.instance.attachments.all()]
        documents = get_document_model().objects.filter(Q(pk__in=choosable.values("pk")) | Q(pk__in=kept))
        for form in formset.forms:
            form.fields["document"].queryset = documents

    def clean(self):
        cleaned = super().clean()
        if isinstance(cleaned.get("body"), str) and not normalized_rich_text(cleaned["body"]):
            cleaned["body"] = ""  # the editor's empty block: no body, not an empty 正文 section
        if cleaned.get("interprets") and cleaned.get("genre") not in INTERPRETATION_GENRES:
            self.add_error("interprets", linking.NOT_AN_INTERPRETATION)
        return cleaned

    def is_valid(self):
        """Valid when the fields, the child forms and every attached file are: the files are checked once the
        attachment forms are cleaned (they are cleaned after this form's own ``clean``)."""
        valid = super().is_valid()
        return self._attachments_pass() and valid

    def _attachments_pass(self) -> bool:
        formset = self.formsets.get("attachments")
        passed = True
        for form in formset.forms if formset else []:
            cleaned = getattr(form, "cleaned_data", None) or {}
            document = cleaned.get("document")
            if document is None or cleaned.get("DELETE"):
                continue
            error = _document_problem(document)
            if error:
                form.add_error("document", error)
                self.add_error(None, error)
                passed = False
        return passed


def _document_problem(document) -> str | None:
    name = document.file.name.rsplit("/", 1)[-1]
    try:
        size = document.file.size
        data = None
        if size <= attachments.max_bytes():
            with document.file.open("rb") as handle:
                data = handle.read(attachments.max_bytes() + 1)
    except (FileNotFoundError, OSError):
        return attachments.problem(name, None, 0)
    return attachments.problem(name, data, size)


class ConclusionForm(TaskStateCommentForm):
    """保密审查结论: 可公开; 部分公开 with what is removed; 不予公开 with its ground (第十四–十六条)."""

    conclusion = forms.ChoiceField(label="审查结论", choices=Conclusion.choices, widget=forms.RadioSelect)
    removed = forms.CharField(
        label="删除或遮盖的内容（部分公开时填写）", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    ground = forms.ChoiceField(
        label="不予公开依据（不予公开时选择）", required=False, choices=[("", "—"), *Ground.choices]
    )

    field_order = ["conclusion", "removed", "ground", "comment"]

    def clean(self):
        cleaned = super().clean()
        conclusion = cleaned.get("conclusion")
        if conclusion == Conclusion.PARTIAL and not cleaned.get("removed", "").strip():
            self.add_error("removed", "部分公开须写明删除或遮盖的内容")
        if conclusion == Conclusion.WITHHELD and not cleaned.get("ground"):
            self.add_error("ground", "不予公开须选择条例第十四至十六条的依据")
        return cleaned


class ReevaluationForm(forms.Form):
    release = forms.BooleanField(label="经评估可以公开（解除登记）", required=False)
    reason = forms.CharField(
        label="评估意见（解除登记时必填）", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    next_on = forms.DateField(
        label="下次评估日期", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("release") and not cleaned.get("reason", "").strip():
            self.add_error("reason", "解除登记须写明评估意见（为何现在可以公开）")
        return cleaned
