from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password

from .models import Agency
from .roles import Role
from .services import AGENCY_FIELDS


def _role_choices(grantable) -> list[tuple[str, str]]:
    return [(role.value, role.label) for role in Role if role in grantable]


class AgencyForm(forms.ModelForm):
    class Meta:
        model = Agency
        fields = [f for f in AGENCY_FIELDS if f != "parent"]


class RolesForm(forms.Form):
    """The roles the editor may grant, as checkboxes; roles outside that set are kept as they are."""

    roles = forms.MultipleChoiceField(label="角色", widget=forms.CheckboxSelectMultiple, required=False)

    def __init__(self, *args, grantable, current, **kwargs):
        super().__init__(*args, initial={"roles": [r.value for r in current & grantable]}, **kwargs)
        self.fields["roles"].choices = _role_choices(grantable)
        self.grantable = grantable
        self.kept = current - grantable

    def new_roles(self) -> frozenset[Role]:
        return frozenset(Role(r) for r in self.cleaned_data["roles"]) | self.kept


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
        label="初始密码",
        widget=forms.PasswordInput,
        max_length=128,
        help_text="至少 10 位，不能全为数字、不能是常用密码、不能与用户名或姓名相近；请本人登录后修改",
    )
    roles = forms.MultipleChoiceField(label="角色", widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, grantable, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["roles"].choices = _role_choices(grantable)

    def clean(self):
        data = super().clean()
        password = data.get("password")
        if password:
            user = get_user_model()(username=data.get("username", ""), first_name=data.get("name", ""))
            try:
                validate_password(password, user)
            except forms.ValidationError as exc:
                self.add_error("password", exc)
        return data
