"""Forms of the accounts app: login, the second factor, and the admin's user forms."""

from __future__ import annotations

from django import forms
from django.contrib.auth.forms import AdminUserCreationForm, AuthenticationForm, UserChangeForm

from accounts.models import User
from accounts.roles import Role
from units.models import Agency


class LoginForm(AuthenticationForm):
    """Username (a citizen's username is their 12-digit ID number) and password.

    AuthenticationForm calls django.contrib.auth.authenticate(request, ...), which runs the
    django-axes backend first, so repeated failures lock the username+address pair.
    """

    username = forms.CharField(
        label="Tên đăng nhập hoặc số định danh cá nhân",
        max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username", "autocapitalize": "none"}),
    )
    password = forms.CharField(
        label="Mật khẩu",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    error_messages = {
        "invalid_login": "Tên đăng nhập hoặc mật khẩu không đúng. Lưu ý: mật khẩu phân biệt chữ hoa, chữ thường.",
        "inactive": "Tài khoản này đã bị khóa. Vui lòng liên hệ quản trị viên.",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].error_messages["required"] = "Vui lòng nhập tên đăng nhập."
        self.fields["password"].error_messages["required"] = "Vui lòng nhập mật khẩu."

    def confirm_login_allowed(self, user) -> None:
        super().confirm_login_allowed(user)
        # An external system uses its API tokens, limited to their agency and scope; a session
        # of its account would have neither limit.
        if user.kind == User.Kind.INTEGRATION:
            raise forms.ValidationError("Tài khoản hệ thống tích hợp không đăng nhập được; hãy dùng mã truy cập API.",
                                        code="integration")


class EnrolmentCodeForm(forms.Form):
    code = forms.CharField(
        label="Mã kích hoạt do quản trị hệ thống cấp", max_length=40,
        error_messages={"required": "Vui lòng nhập mã kích hoạt."},
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "one-time-code",
                                      "autocapitalize": "characters", "spellcheck": "false"}),
    )


class TokenForm(forms.Form):
    token = forms.CharField(
        label="Mã xác thực (6 chữ số)",
        min_length=6,
        max_length=6,
        error_messages={
            "required": "Vui lòng nhập mã xác thực.",
            "min_length": "Mã xác thực gồm đúng 6 chữ số.",
            "max_length": "Mã xác thực gồm đúng 6 chữ số.",
        },
        widget=forms.TextInput(
            attrs={
                "autofocus": True,
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "pattern": "[0-9]{6}",
            }
        ),
    )

    def clean_token(self) -> str:
        token = self.cleaned_data["token"].replace(" ", "")
        if not (token.isascii() and token.isdigit()):
            raise forms.ValidationError("Mã xác thực chỉ gồm chữ số.")
        return token


# --- Admin ---------------------------------------------------------------------------
USER_FIELDS = ("kind", "full_name", "email", "phone", "citizen_id", "tax_code", "requires_two_factor")


class UserAdminChangeForm(UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User
        fields = "__all__"


class UserAdminCreationForm(AdminUserCreationForm):
    """Django's admin creation form for our User, plus an optional first role assignment.

    An agency administrator must assign the new account to one of their agencies (else
    they could not see it afterwards); the admin sets `assignment_required` and
    `agency_queryset` on a per-request subclass (see accounts.admin.UserAdmin.get_form).
    """

    agency_queryset = Agency.objects.none()
    assignment_required = False

    agency = forms.ModelChoiceField(label="Cơ quan", queryset=Agency.objects.none(), required=False)
    role = forms.ChoiceField(label="Vai trò", choices=[("", "---------"), *Role.choices], required=False)

    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("username", *USER_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "kind" in self.fields:
            self.fields["kind"].initial = User.Kind.STAFF
        self.fields["agency"].queryset = self.agency_queryset
        if self.assignment_required:
            self.fields["agency"].required = True
            self.fields["role"].required = True
            if "kind" in self.fields:
                # Accounts an agency creates are staff accounts; grant_role makes them so anyway.
                self.fields["kind"].choices = [(User.Kind.STAFF, User.Kind.STAFF.label)]

    def clean(self):
        cleaned = super().clean()
        if bool(cleaned.get("agency")) != bool(cleaned.get("role")):
            raise forms.ValidationError("Chọn cả cơ quan và vai trò, hoặc để trống cả hai.")
        return cleaned
