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


class NewAgencyForm(forms.ModelForm):
    """A new agency below an existing one; its code is fixed from then on."""

    class Meta:
        model = Agency
        fields = ["code", *(f for f in AGENCY_FIELDS if f != "parent")]


class NewPersonForm(forms.Form):
    username = forms.SlugField(label="用户名", max_length=150)
    name = forms.CharField(label="姓名", max_length=60)
    position = forms.CharField(label="职务", max_length=60, required=False)
    password = forms.CharField(
        label="初始密码", widget=forms.PasswordInput, min_length=10, help_text="至少 10 位；请本人登录后修改"
    )
    roles = forms.MultipleChoiceField(label="角色", choices=Role.choices, widget=forms.CheckboxSelectMultiple)
