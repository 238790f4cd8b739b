from django import forms

from .models import Agency
from .roles import Role
from .services import AGENCY_FIELDS


class AgencyForm(forms.ModelForm):
    class Meta:
        model = Agency
        fields = [f for f in AGENCY_FIELDS if f != "parent"]


class RolesForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label="角色", choices=Role.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
