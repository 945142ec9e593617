"""Forms of the citizen portal: sign-up, the applicant of an online dossier, the scoring."""

from __future__ import annotations

import re

from django import forms
from django.contrib.auth import password_validation
from django.db.models import Q

from accounts.identity import citizen_id_error, tax_code_error
from accounts.models import User
from dossiers.evaluation import ASKED, COMMENT_MAX, CRITERIA, POINTS
from dossiers.models import ApplicantKind

# A Vietnamese phone number: 10 digits starting with 0, or +84 and 9 digits.
PHONE = re.compile(r"^(0|\+84)\d{9}$")
KIND_CHOICES = [(ApplicantKind.CITIZEN.value, "Công dân"), (ApplicantKind.ORGANISATION.value, "Tổ chức, doanh nghiệp")]


def phone_error(value: str) -> str | None:
    digits = re.sub(r"[\s.\-]", "", value)
    if value and not PHONE.match(digits):
        return "Số điện thoại gồm 10 chữ số, bắt đầu bằng 0 (ví dụ 0905123456)."
    return None


class Form(forms.Form):
    """Required-field messages in Vietnamese, and errors announced next to their field."""

    required_message = "Vui lòng nhập {label}."
    required_choice = "Vui lòng chọn {label}."
    required_messages: dict[str, str] = {}  # where the generated sentence would read wrong

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            chosen = isinstance(field.widget, (forms.RadioSelect, forms.Select))
            template = self.required_choice if chosen else self.required_message
            field.error_messages["required"] = self.required_messages.get(
                name, template.format(label=str(field.label).lower()))
            field.error_messages["max_length"] = "Tối đa %(limit_value)d ký tự."


def cleaned_phone(value: str) -> str:
    value = value.strip()
    error = phone_error(value)
    if error:
        raise forms.ValidationError(error)
    return re.sub(r"[\s.\-]", "", value)


class SignupForm(Form):
    required_messages = {"password2": "Vui lòng nhập lại mật khẩu.",
                         "id_number": "Vui lòng nhập số định danh cá nhân hoặc mã số thuế."}
    kind = forms.ChoiceField(label="Loại tài khoản", choices=KIND_CHOICES, widget=forms.RadioSelect,
                             initial=ApplicantKind.CITIZEN.value)
    id_number = forms.CharField(
        label="Số định danh cá nhân (12 số) hoặc mã số thuế", max_length=14,
        widget=forms.TextInput(attrs={"autocomplete": "username", "inputmode": "numeric"}),
        help_text="Công dân nhập số định danh cá nhân (số căn cước); tổ chức nhập mã số thuế. "
                  "Đây cũng là tên đăng nhập.")
    full_name = forms.CharField(label="Họ và tên (hoặc tên tổ chức)", max_length=150,
                                widget=forms.TextInput(attrs={"autocomplete": "name"}))
    phone = forms.CharField(label="Số điện thoại", max_length=20, required=False,
                            widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}))
    email = forms.EmailField(label="Thư điện tử", required=False,
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}),
                             error_messages={"invalid": "Địa chỉ thư điện tử không hợp lệ."})
    password1 = forms.CharField(label="Mật khẩu", strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                                help_text="Ít nhất 10 ký tự, không quá giống tên hay số định danh, không chỉ gồm số.")
    password2 = forms.CharField(label="Nhập lại mật khẩu", strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def clean_id_number(self) -> str:
        return re.sub(r"\s", "", self.cleaned_data["id_number"])

    def clean_phone(self) -> str:
        return cleaned_phone(self.cleaned_data["phone"])

    def clean(self):
        data = super().clean()
        kind, number = data.get("kind"), data.get("id_number")
        if kind and number:
            error = citizen_id_error(number) if kind == ApplicantKind.CITIZEN else tax_code_error(number)
            if error:
                self.add_error("id_number", error)
            elif User.objects.filter(Q(username=number) | Q(citizen_id=number) | Q(tax_code=number)).exists():
                self.add_error("id_number", "Số này đã có tài khoản. Vui lòng đăng nhập, hoặc liên hệ Bộ phận Một cửa "
                                            "nếu quên mật khẩu.")
        if not data.get("phone") and not data.get("email") and "phone" not in self.errors and \
                "email" not in self.errors:
            self.add_error("phone", "Vui lòng nhập số điện thoại hoặc thư điện tử để nhận thông báo về hồ sơ.")
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", "Hai lần nhập mật khẩu không khớp.")
        if first and not self.has_error("password2"):
            probe = User(username=number or "", full_name=data.get("full_name", ""), email=data.get("email", ""))
            try:
                password_validation.validate_password(first, probe)
            except forms.ValidationError as exc:
                self.add_error("password1", exc)
        return data


class ApplicantForm(Form):
    """Who the dossier is for; prefilled from the account, which may submit for someone else
    (then the representative's own name and ID are given too)."""

    required_messages = {"kind": "Vui lòng chọn người nộp là công dân hay tổ chức."}

    kind = forms.ChoiceField(label="Người nộp là", choices=KIND_CHOICES, widget=forms.RadioSelect)
    name = forms.CharField(label="Họ và tên (hoặc tên tổ chức)", max_length=200,
                           widget=forms.TextInput(attrs={"autocomplete": "name"}))
    id_number = forms.CharField(label="Số định danh cá nhân hoặc mã số thuế", max_length=14,
                                widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    address = forms.CharField(label="Địa chỉ liên hệ", max_length=300,
                              widget=forms.TextInput(attrs={"autocomplete": "street-address"}))
    phone = forms.CharField(label="Số điện thoại", max_length=20,
                            widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}))
    email = forms.EmailField(label="Thư điện tử", required=False, max_length=254,
                             widget=forms.EmailInput(attrs={"autocomplete": "email"}),
                             error_messages={"invalid": "Địa chỉ thư điện tử không hợp lệ."})
    representative_name = forms.CharField(label="Người nộp thay (nếu có)", max_length=200, required=False)
    representative_id_number = forms.CharField(label="Số định danh của người nộp thay", max_length=12,
                                               required=False, widget=forms.TextInput(attrs={"inputmode": "numeric"}))

    def clean_phone(self) -> str:
        return cleaned_phone(self.cleaned_data["phone"])

    def clean(self):
        data = super().clean()
        kind, number = data.get("kind"), (data.get("id_number") or "").strip()
        if kind and number:
            error = citizen_id_error(number) if kind == ApplicantKind.CITIZEN else tax_code_error(number)
            if error:
                self.add_error("id_number", error)
        rep_name, rep_id = data.get("representative_name"), (data.get("representative_id_number") or "").strip()
        if rep_name and not rep_id:
            self.add_error("representative_id_number", "Vui lòng nhập số định danh của người nộp thay.")
        elif rep_id:
            error = citizen_id_error(rep_id)
            if error:
                self.add_error("representative_id_number", error)
        return data


    def applicant(self):
        """The dossier's applicant, as the dossier actions take it."""
        from dossiers.actions import Applicant

        data = self.cleaned_data
        return Applicant(data["kind"], data["id_number"].strip(), data["name"], data["address"], data["phone"],
                         data["email"], data["representative_name"], data["representative_id_number"].strip())


class EvaluationForm(Form):
    required_message = "Vui lòng chọn mức điểm cho tiêu chí này."

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code, label in CRITERIA:
            if code not in ASKED:
                continue
            self.fields[code] = forms.TypedChoiceField(
                label=label, choices=[(str(p), f"{p} điểm — {text}") for p, text in POINTS], coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": self.required_message, "invalid_choice": "Mức điểm không hợp lệ."})
        self.fields["comment"] = forms.CharField(
            label="Góp ý thêm (không bắt buộc)", required=False, max_length=COMMENT_MAX,
            widget=forms.Textarea(attrs={"rows": 3}), error_messages={"max_length": "Tối đa %(limit_value)d ký tự."})

    def scores(self) -> dict:
        return {code: self.cleaned_data[code] for code in ASKED}
