"""The SIPAS pages' forms: a new survey, a question of the builder, the sample."""

from __future__ import annotations

from django import forms

from parindex.forms import Moment
from sipas.actions import SAMPLE_MAX
from sipas.models import Aspect, Element, Kind
from units.models import Agency


class SurveyForm(forms.Form):
    title = forms.CharField(label="Tên đợt khảo sát", max_length=200, error_messages={
        "required": "Vui lòng nhập tên đợt khảo sát.", "max_length": "Tối đa %(limit_value)d ký tự."})
    organiser = forms.ModelChoiceField(label="Cơ quan tổ chức", queryset=Agency.objects.filter(is_active=True),
                                       error_messages={"required": "Vui lòng chọn cơ quan.",
                                                       "invalid_choice": "Cơ quan không hợp lệ."})
    returned_from = forms.DateField(label="Hồ sơ trả kết quả từ ngày", widget=forms.DateInput(attrs={"type": "date"}),
                                    error_messages={"required": "Vui lòng nhập ngày.", "invalid": "Ngày không hợp lệ."})
    returned_to = forms.DateField(label="đến ngày", widget=forms.DateInput(attrs={"type": "date"}),
                                  error_messages={"required": "Vui lòng nhập ngày.", "invalid": "Ngày không hợp lệ."})
    closes_at = Moment(label="Kết thúc khảo sát lúc")
    sample_per_agency = forms.IntegerField(label="Số người mời mỗi cơ quan", min_value=1, max_value=SAMPLE_MAX,
                                           initial=30, error_messages={
                                               "required": "Vui lòng nhập số người.", "invalid": "Phải là số nguyên.",
                                               "min_value": "Ít nhất 1 người.",
                                               "max_value": f"Không quá {SAMPLE_MAX} người."})

    def __init__(self, *args, organisers=None, **kwargs):
        super().__init__(*args, **kwargs)
        if organisers is not None:
            self.fields["organiser"].queryset = organisers


class QuestionForm(forms.Form):
    element = forms.ChoiceField(label="Yếu tố", choices=Element.choices)
    aspect = forms.ChoiceField(label="Khía cạnh", choices=Aspect.choices)
    kind = forms.ChoiceField(label="Dạng câu trả lời", choices=Kind.choices)
    text = forms.CharField(label="Câu hỏi", max_length=500, error_messages={
        "required": "Vui lòng nhập câu hỏi.", "max_length": "Tối đa %(limit_value)d ký tự."})
    options = forms.CharField(label="Phương án (mỗi dòng một phương án, với dạng chọn phương án)", required=False,
                              widget=forms.Textarea(attrs={"rows": 3}), max_length=3000)
    required = forms.BooleanField(label="Bắt buộc trả lời", required=False)


class SampleForm(forms.Form):
    seed = forms.CharField(label="Hạt giống chọn mẫu (ghi lại để chọn lại đúng mẫu này)", max_length=40,
                           error_messages={"required": "Vui lòng nhập hạt giống chọn mẫu."})
    sample_per_agency = forms.IntegerField(label="Số người mời mỗi cơ quan", min_value=1, max_value=SAMPLE_MAX,
                                           error_messages={"required": "Vui lòng nhập số người.",
                                                           "invalid": "Phải là số nguyên.",
                                                           "min_value": "Ít nhất 1 người.",
                                                           "max_value": f"Không quá {SAMPLE_MAX} người."})
