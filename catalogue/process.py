"""Validation of a procedure's internal process (pure: works on plain step descriptions).

A process is an ordered list of steps. A dossier moves to the next step by forwarding,
approving or signing, may be sent back, and leaves the process when the result is
returned at the last step. The step budgets must add up to the statutory time limit.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from accounts.roles import Role

ACTIONS = (
    "forward", "send_back", "request_supplement", "refuse", "transfer", "approve", "sign", "return_result",
)
PROGRESS_ACTIONS = frozenset({"forward", "approve", "sign"})
PERFORMERS = ("receiving", "competent", "other")
LAST_STEP_ACTIONS = frozenset({"return_result"})


@dataclass
class StepSpec:
    name: str
    role: str
    performer: str
    budget_hours: Decimal
    actions: list[str] = field(default_factory=list)
    other_agency_id: int | None = None


@dataclass(frozen=True)
class ProcessProblem:
    step: int | None  # 1-based position, None for the process as a whole
    message: str

    def __str__(self) -> str:
        return f"Bước {self.step}: {self.message}" if self.step else self.message


def _hours(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return text.replace(".", ",")


def check_process(steps: Sequence[StepSpec], statutory_hours: Decimal | None, *, same_day: bool = False) -> list[
    ProcessProblem
]:
    """Every problem of the process, in Vietnamese; an empty list means it is valid."""
    problems: list[ProcessProblem] = []
    if not steps:
        return [ProcessProblem(None, "Quy trình phải có ít nhất một bước.")]
    last = len(steps)
    for position, step in enumerate(steps, start=1):
        if not (step.name or "").strip():
            problems.append(ProcessProblem(position, "thiếu tên bước."))
        if step.role not in Role.values:
            problems.append(ProcessProblem(position, f"vai trò '{step.role}' không hợp lệ."))
        if step.performer not in PERFORMERS:
            problems.append(ProcessProblem(position, f"cơ quan thực hiện '{step.performer}' không hợp lệ."))
        elif step.performer == "other" and not step.other_agency_id:
            problems.append(ProcessProblem(position, "bước liên thông phải chọn cơ quan thực hiện."))
        if step.budget_hours is None or step.budget_hours <= 0:
            problems.append(ProcessProblem(position, "thời gian thực hiện phải lớn hơn 0 giờ."))
        unknown = [a for a in step.actions if a not in ACTIONS]
        if unknown:
            problems.append(ProcessProblem(position, f"thao tác không hợp lệ: {', '.join(unknown)}."))
        if not step.actions:
            problems.append(ProcessProblem(position, "chưa chọn thao tác nào được phép."))
        if position < last and not PROGRESS_ACTIONS & set(step.actions):
            problems.append(ProcessProblem(
                position, "không có thao tác chuyển tiếp (chuyển bước, phê duyệt hoặc ký), "
                f"nên không thể đến bước {position + 1}.",
            ))
        if position < last and "return_result" in step.actions:
            problems.append(ProcessProblem(position, "chỉ bước cuối cùng được trả kết quả."))
        if position == 1 and "send_back" in step.actions:
            problems.append(ProcessProblem(position, "bước đầu tiên không có bước trước để trả lại."))
    if "return_result" not in steps[-1].actions:
        problems.append(ProcessProblem(last, "bước cuối cùng phải có thao tác trả kết quả."))
    # Reaching the last step means the result is ready (national status 9), so no work may
    # remain there: signing or asking for more belongs to the step before it.
    extra = [a for a in steps[-1].actions if a not in LAST_STEP_ACTIONS]
    if len(steps) > 1 and extra and "return_result" in steps[-1].actions:
        problems.append(ProcessProblem(
            last, "bước cuối cùng chỉ dùng để trả kết quả; chuyển các thao tác "
            f"{', '.join(extra)} sang bước trước.",
        ))

    total = sum((s.budget_hours or Decimal(0) for s in steps), Decimal(0))
    if statutory_hours is not None:
        if same_day and total > statutory_hours:
            problems.append(ProcessProblem(
                None, f"Tổng thời gian các bước ({_hours(total)} giờ) vượt quá một ngày làm việc "
                f"({_hours(statutory_hours)} giờ) của thủ tục giải quyết trong ngày.",
            ))
        elif not same_day and total != statutory_hours:
            problems.append(ProcessProblem(
                None, f"Tổng thời gian các bước là {_hours(total)} giờ làm việc, khác thời hạn giải quyết "
                f"{_hours(statutory_hours)} giờ làm việc; chênh lệch {_hours(abs(total - statutory_hours))} giờ.",
            ))
    return problems
