"""The one error type of every state machine: a stable code, a Vietnamese message, the input.

Each domain lists its codes in its own StrEnum (dossiers.machine.Code, fieldreports.machine.Code);
the kernel raises the few codes every machine shares (KernelCode). Clients and pages read
`code` (stable, English) and show `message` (Vietnamese, says what to fix).
"""

from __future__ import annotations

from enum import StrEnum

from django.core.exceptions import PermissionDenied


class KernelCode(StrEnum):
    INVALID_STATE = "invalid_state"
    FORBIDDEN = "forbidden"
    IDEMPOTENCY_KEY_REUSED = "idempotency_key_reused"
    UNKNOWN_ACTION = "unknown_action"


class ActionError(Exception):
    """A refusal the user can act on. `field` names the input to fix, when there is one."""

    def __init__(self, code: str, message: str, *, field: str | None = None):
        super().__init__(message)
        self.code, self.message, self.field = str(code), message, field

    def __repr__(self) -> str:
        return f"ActionError({self.code!r}, {self.message!r})"


class ActionDenied(ActionError, PermissionDenied):
    """The actor may not do this (wrong role, wrong agency, not theirs). Django treats it as a 403."""

    def __init__(self, message: str = "Bạn không có quyền thực hiện thao tác này."):
        super().__init__(KernelCode.FORBIDDEN, message)
