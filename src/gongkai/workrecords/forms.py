"""Forms of the work records' staff pages. Choice lists of people and groups hold only the agency's own."""

from __future__ import annotations

from django import forms

from gongkai.agencies.models import Agency, Person
from gongkai.agencies.roles import Role, SignoffStep

from .evaluation import ACCOUNTABILITY_FIELDS, INDICATOR_FIELDS, RATING_FIELDS, SCHEME_FIELDS
from .models import (
    Accountability,
    EvaluationScheme,
    GroupMember,
    Indicator,
    Inspection,
    Measure,
    Meeting,
    ProposalCount,
    Rectification,
    Rule,
    RuleStep,
    SocialRating,
    TaskAssignment,
    WorkGroup,
    WorkPlan,
    WorkTask,
)
from .models.files import validate_file
from .planning import (
    MEASURE_FIELDS,
    OUTCOME_FIELDS,
    PLAN_FIELDS,
    PROGRESS_FIELDS,
    TASK_FIELDS,
    responsible_agencies,
)
from .services import (
    GROUP_FIELDS,
    INSPECTION_FIELDS,
    MEETING_FIELDS,
    MEMBER_FIELDS,
    PROPOSAL_FIELDS,
    RECTIFICATION_FIELDS,
    RULE_FIELDS,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TEXT = forms.Textarea(attrs={"rows": 3})


class AgencyForm(forms.ModelForm):
    """A form for one agency's record: ``agency`` limits every choice of people and groups."""

    def __init__(self, *args, agency: Agency, **kwargs):
        super().__init__(*args, **kwargs)
        self.agency = agency
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField):
                model = field.queryset.model
                if model is Person:
                    field.queryset = Person.objects.filter(agency=agency)
                elif model is WorkGroup:
                    field.queryset = WorkGroup.objects.filter(agency=agency)

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class GroupForm(AgencyForm):
    class Meta:
        model = WorkGroup
        fields = GROUP_FIELDS
        widgets = {"formed_on": DATE, "dissolved_on": DATE, "duties": TEXT}


class MemberForm(AgencyForm):
    class Meta:
        model = GroupMember
        fields = MEMBER_FIELDS
        widgets = {"from_on": DATE, "until_on": DATE}


class RuleForm(AgencyForm):
    steps = forms.MultipleChoiceField(
        label="规范的环节", choices=RuleStep.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    responsible_roles = forms.MultipleChoiceField(
        label="明确责任的角色", choices=Role.choices, widget=forms.CheckboxSelectMultiple, required=False
    )

    class Meta:
        model = Rule
        fields = [f for f in RULE_FIELDS if f != "approvals"]
        widgets = {"effective_on": DATE, "repealed_on": DATE, "summary": TEXT, "document": forms.FileInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        approvals = self.instance.approvals or {}
        for step in SignoffStep:
            self.fields[f"approval_{step.value}"] = forms.MultipleChoiceField(
                label=f"制度规定由谁{step.label}",
                choices=Role.choices,
                widget=forms.CheckboxSelectMultiple,
                required=False,
                initial=approvals.get(step.value, []),
                help_text="制度未规定的留空；填写后与平台配置的审核流程对照",
            )

    def values(self) -> dict:
        values = super().values()
        values["approvals"] = {
            step.value: self.cleaned_data[f"approval_{step.value}"]
            for step in SignoffStep
            if self.cleaned_data.get(f"approval_{step.value}")
        }
        return values


class MeetingForm(AgencyForm):
    participants = forms.ModelMultipleChoiceField(
        label="参加人员（平台人员）",
        queryset=Person.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Meeting
        fields = MEETING_FIELDS
        widgets = {
            "held_on": DATE,
            "topics": TEXT,
            "minutes": forms.Textarea(attrs={"rows": 6}),
            "attachment": forms.FileInput,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = Person.objects.filter(agency=self.agency)
        if self.instance.pk:
            self.fields["participants"].initial = list(self.instance.participants.all())


class InspectionForm(AgencyForm):
    class Meta:
        model = Inspection
        fields = INSPECTION_FIELDS
        widgets = {"inspected_on": DATE, "summary": TEXT}


class RectificationForm(AgencyForm):
    class Meta:
        model = Rectification
        fields = RECTIFICATION_FIELDS
        widgets = {"due_on": DATE, "problem": TEXT, "measure": TEXT}


class CloseForm(forms.Form):
    closed_on = forms.DateField(label="整改完成日期", widget=DATE)
    note = forms.CharField(label="整改情况说明", max_length=2000, widget=TEXT)
    evidence = forms.FileField(label="证明材料", validators=[validate_file])


class ConfirmForm(forms.Form):
    decision = forms.ChoiceField(
        label="确认结果", choices=[("accept", "确认整改到位"), ("reject", "退回继续整改")]
    )
    note = forms.CharField(label="意见", max_length=1000, required=False, widget=TEXT)


class ProposalForm(AgencyForm):
    class Meta:
        model = ProposalCount
        fields = PROPOSAL_FIELDS


class MeasureForm(AgencyForm):
    class Meta:
        model = Measure
        fields = MEASURE_FIELDS
        widgets = {"text": TEXT}


class OutcomeForm(AgencyForm):
    class Meta:
        model = Measure
        fields = OUTCOME_FIELDS
        widgets = {"outcome_note": TEXT}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].required = True
        self.fields["outcome"].help_text = f"措施：{self.instance.text}" if self.instance.pk else ""


class RatingForm(AgencyForm):
    class Meta:
        model = SocialRating
        fields = RATING_FIELDS
        widgets = {"summary": TEXT}


class AccountabilityForm(AgencyForm):
    class Meta:
        model = Accountability
        fields = ACCOUNTABILITY_FIELDS
        widgets = {"decided_on": DATE, "matter": TEXT}


class PlanForm(AgencyForm):
    class Meta:
        model = WorkPlan
        fields = PLAN_FIELDS
        widgets = {"issued_on": DATE, "document": forms.FileInput}


class TaskForm(AgencyForm):
    agencies = forms.ModelMultipleChoiceField(
        label="责任单位", queryset=Agency.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = WorkTask
        fields = TASK_FIELDS
        widgets = {"text": TEXT, "due_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agencies"].queryset = responsible_agencies(self.agency)
        if self.instance.pk:
            self.fields["agencies"].initial = [a.agency_id for a in self.instance.assignments.all()]


class ProgressForm(AgencyForm):
    class Meta:
        model = TaskAssignment
        fields = PROGRESS_FIELDS
        widgets = {"note": TEXT, "evidence": forms.FileInput}

    def values(self) -> dict:
        values = super().values()
        if not self.files.get("evidence"):
            values.pop("evidence")
        return values


class SchemeForm(AgencyForm):
    class Meta:
        model = EvaluationScheme
        fields = SCHEME_FIELDS


class IndicatorForm(AgencyForm):
    class Meta:
        model = Indicator
        fields = INDICATOR_FIELDS


class HandScoreForm(forms.Form):
    points = forms.DecimalField(label="得分", max_digits=5, decimal_places=1, min_value=0)
    note = forms.CharField(label="评分理由", max_length=2000, widget=TEXT)
