"""Typed readers for settings that come from the environment.

Every setting motcua reads from the environment goes through these helpers, so that a
bad value fails at start-up with the variable's name instead of deep inside a request.
"""

from __future__ import annotations

import os
from datetime import time


class EnvError(ValueError):
    pass


def _raw(name: str) -> str | None:
    value = os.environ.get(name)
    # An empty variable means "not set": `FOO= make run` must not turn into FOO="".
    return value if value not in (None, "") else None


def env_str(name: str, default: str) -> str:
    value = _raw(name)
    return default if value is None else value


def env_bool(name: str, default: bool) -> bool:
    value = _raw(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off"}:
        return False
    raise EnvError(f"{name} must be a boolean (true/false), got {value!r}")


def env_int(name: str, default: int) -> int:
    value = _raw(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        raise EnvError(f"{name} must be an integer, got {value!r}") from None


def env_float(name: str, default: float) -> float:
    value = _raw(name)
    if value is None:
        return default
    try:
        number = float(value)
    except ValueError:
        raise EnvError(f"{name} must be a number, got {value!r}") from None
    if not number >= 0:  # also refuses nan
        raise EnvError(f"{name} must be zero or more, got {value!r}")
    return number


def env_list(name: str, default: list[str]) -> list[str]:
    value = _raw(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def env_time(name: str, default: str) -> time:
    value = env_str(name, default)
    try:
        return time.fromisoformat(value)
    except ValueError:
        raise EnvError(f"{name} must be a time like 15:00, got {value!r}") from None


def env_json_dict(name: str, default: dict) -> dict:
    """A JSON object, e.g. NOTIFY_ZALO_TEMPLATES='{"dossier.received": "231456"}'."""
    import json

    value = _raw(name)
    if value is None:
        return dict(default)
    try:
        parsed = json.loads(value)
    except ValueError:
        raise EnvError(f"{name} must be a JSON object, got {value!r}") from None
    if not isinstance(parsed, dict):
        raise EnvError(f"{name} must be a JSON object, got {value!r}")
    return parsed
