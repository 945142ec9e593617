"""Time left before a due time, as the officer reads it in a queue, with a colour class."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone


def time_left(due: datetime | None, now: datetime | None = None) -> dict:
    if due is None:
        return {"text": "Chưa có hạn", "tone": "none"}
    now = now or timezone.now()
    seconds = (due - now).total_seconds()
    hours = abs(seconds) / 3600
    amount = f"{int(hours)} giờ" if hours < 24 else f"{int(hours // 24)} ngày"
    if seconds < 0:
        return {"text": f"Quá hạn {amount}", "tone": "late"}
    if hours < 24:
        return {"text": f"Còn {amount}", "tone": "soon"}
    return {"text": f"Còn {amount}", "tone": "ok"}
