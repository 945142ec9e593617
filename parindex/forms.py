"""The PAR INDEX pages' forms: importing a criteria set, opening a round, moving its deadlines."""

from __future__ import annotations

from django import forms
from django.utils import timezone

from parindex.models import CriteriaSet
from units.models import Agency

MAX_UPLOAD = 10 * 1024 * 1024
LOCAL = "%Y-%m-%dT%H:%M"


class ImportForm(forms.Form):
    file = forms.FileField(label="Tệp Excel bộ tiêu chí (.xlsx)", error_messages={
        "required": "Vui lòng chọn tệp Excel.", "empty": "Tệp rỗng; vui lòng chọn lại tệp."})

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError("Tệp lớn hơn 10 MB; bộ tiêu chí chỉ cần vài trăm dòng.")
        return upload


class Moment(forms.DateTimeField):
    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format=LOCAL)

    def __init__(self, **kwargs):
        super().__init__(input_formats=[LOCAL, "%Y-%m-%d %H:%M"], error_messages={
            "required": "Vui lòng nhập ngày giờ.", "invalid": "Ngày giờ không hợp lệ."}, **kwargs)


class DeadlinesForm(forms.Form):
    self_deadline = Moment(label="Hạn cơ quan nộp bản tự đánh giá")
    appraisal_deadline = Moment(label="Hạn hội đồng thẩm định, khóa kết quả")

    def clean(self):
        data = super().clean()
        first, last = data.get("self_deadline"), data.get("appraisal_deadline")
        if first and last and last <= first:
            self.add_error("appraisal_deadline", "Hạn thẩm định phải sau hạn tự đánh giá.")
        return data


class RoundForm(DeadlinesForm):
    year = forms.IntegerField(label="Năm đánh giá", min_value=2000, max_value=2100, error_messages={
        "required": "Vui lòng nhập năm.", "invalid": "Năm phải là số.", "min_value": "Năm phải từ 2000.",
        "max_value": "Năm không quá 2100."})
    criteria_set = forms.ModelChoiceField(label="Bộ tiêu chí", queryset=CriteriaSet.objects.all(), error_messages={
        "required": "Vui lòng chọn bộ tiêu chí.", "invalid_choice": "Bộ tiêu chí không hợp lệ."})
    council_agency = forms.ModelChoiceField(
        label="Cơ quan thường trực hội đồng thẩm định", queryset=Agency.objects.filter(is_active=True),
        error_messages={"required": "Vui lòng chọn cơ quan.", "invalid_choice": "Cơ quan không hợp lệ."})
    agencies = forms.ModelMultipleChoiceField(
        label="Các cơ quan được đánh giá", widget=forms.CheckboxSelectMultiple,
        queryset=Agency.objects.filter(is_active=True, kind=Agency.Kind.DEPARTMENT).order_by("name"),
        error_messages={"required": "Vui lòng chọn ít nhất một cơ quan.", "invalid_choice": "Cơ quan không hợp lệ.",
                        "invalid_pk_value": "Cơ quan không hợp lệ."})
    field_order = ["year", "criteria_set", "council_agency", "self_deadline", "appraisal_deadline", "agencies"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year
        self.fields["agencies"].initial = list(self.fields["agencies"].queryset.values_list("pk", flat=True))
