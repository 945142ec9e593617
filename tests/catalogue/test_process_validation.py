"""A process is valid when budgets add up, every step is reachable and the last returns the result."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from catalogue.process import StepSpec, check_process
from catalogue.specs import StepSpecRow, write_spec

H = Decimal


def steps(*rows):
    return [StepSpec(name, role, performer, H(hours), actions) for name, role, performer, hours, actions in rows]


GOOD = steps(
    ("Tiếp nhận", "counter_officer", "receiving", 4, ["forward"]),
    ("Thẩm định", "specialist", "competent", 28, ["forward", "send_back"]),
    ("Trả kết quả", "counter_officer", "receiving", 8, ["return_result"]),
)


def messages(problems):
    return [str(p) for p in problems]


def test_a_good_process_has_no_problem():
    assert check_process(GOOD, H(40)) == []


def test_budgets_must_add_up_to_the_time_limit():
    problems = messages(check_process(GOOD, H(48)))
    assert problems == [
        "Tổng thời gian các bước là 40 giờ làm việc, khác thời hạn giải quyết 48 giờ làm việc; chênh lệch 8 giờ."
    ]


def test_same_day_process_may_not_exceed_one_working_day():
    same_day = steps(
        ("Tiếp nhận", "counter_officer", "receiving", 2, ["forward"]),
        ("Trả kết quả", "counter_officer", "receiving", 2, ["return_result"]),
    )
    assert check_process(same_day, H(8), same_day=True) == []
    assert "vượt quá một ngày làm việc" in messages(check_process(GOOD, H(8), same_day=True))[0]


def test_a_step_without_a_way_forward_makes_the_next_unreachable():
    bad = steps(
        ("Tiếp nhận", "counter_officer", "receiving", 4, ["refuse"]),
        ("Trả kết quả", "counter_officer", "receiving", 4, ["return_result"]),
    )
    assert messages(check_process(bad, H(8))) == [
        "Bước 1: không có thao tác chuyển tiếp (chuyển bước, phê duyệt hoặc ký), nên không thể đến bước 2."
    ]


def test_the_last_step_must_return_the_result_and_only_it():
    bad = steps(
        ("Tiếp nhận", "counter_officer", "receiving", 4, ["forward", "return_result"]),
        ("Phê duyệt", "leader", "competent", 4, ["approve"]),
    )
    assert messages(check_process(bad, H(8))) == [
        "Bước 1: chỉ bước cuối cùng được trả kết quả.",
        "Bước 2: bước cuối cùng phải có thao tác trả kết quả.",
    ]


def test_each_step_is_checked():
    bad = [
        StepSpec("", "janitor", "receiving", H(0), ["send_back", "dance"]),
        StepSpec("Liên thông", "specialist", "other", H(8), ["forward", "return_result"]),
    ]
    assert messages(check_process(bad, None)) == [
        "Bước 1: thiếu tên bước.",
        "Bước 1: vai trò 'janitor' không hợp lệ.",
        "Bước 1: thời gian thực hiện phải lớn hơn 0 giờ.",
        "Bước 1: thao tác không hợp lệ: dance.",
        "Bước 1: không có thao tác chuyển tiếp (chuyển bước, phê duyệt hoặc ký), nên không thể đến bước 2.",
        "Bước 1: bước đầu tiên không có bước trước để trả lại.",
        "Bước 2: bước liên thông phải chọn cơ quan thực hiện.",
        "Bước 2: bước cuối cùng chỉ dùng để trả kết quả; chuyển các thao tác forward sang bước trước.",
    ]


def test_an_empty_process_is_refused():
    assert messages(check_process([], H(8))) == ["Quy trình phải có ít nhất một bước."]


@pytest.mark.django_db
def test_publishing_refuses_an_invalid_process_with_every_reason(permit_spec):
    permit_spec.steps[-1] = StepSpecRow("Lưu hồ sơ", "counter_officer", "receiving", H(4), ["forward"])
    permit_spec.steps[1].budget_hours = H(90)
    with pytest.raises(ValidationError) as caught:
        write_spec(permit_spec)
    assert caught.value.messages == [
        "Bước 4: bước cuối cùng phải có thao tác trả kết quả.",
        "Tổng thời gian các bước là 110 giờ làm việc, khác thời hạn giải quyết 120 giờ làm việc; chênh lệch 10 giờ.",
    ]


def test_the_last_step_only_returns_the_result():
    bad = steps(
        ("Tiếp nhận", "counter_officer", "receiving", 4, ["forward"]),
        ("Ký và trả kết quả", "leader", "competent", 4, ["return_result", "send_back", "request_supplement"]),
    )
    assert messages(check_process(bad, H(8))) == [
        "Bước 2: bước cuối cùng chỉ dùng để trả kết quả; chuyển các thao tác send_back, request_supplement "
        "sang bước trước."
    ]
