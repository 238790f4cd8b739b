"""The admin's login form (`WAGTAILADMIN_USER_LOGIN_FORM`): Wagtail's, with the password field labelled in
Chinese (Wagtail's field has no label, so Django shows its name, "Password", whatever the language)."""

from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm


class LoginForm(WagtailLoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = "密码"
