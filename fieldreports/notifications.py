"""Notifications of field reports: e-mails through Django's mail API, sent after commit.

A handling unit's mail never carries the reporter's identity (QĐ 30/2022/QĐ-UBND): it
names the report, category, place and public text only.
"""

from __future__ import annotations

import contextvars
import logging
from contextlib import contextmanager

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

logger = logging.getLogger(__name__)


_muted = contextvars.ContextVar("fieldreports_notifications_muted", default=False)


@contextmanager
def muted():
    """No notification is queued inside this block (demo data is not news).

    Checked when an action queues its mail, not when the mail would be sent: the commit may
    come after the block ends (an outer transaction), and by then nobody remembers the data
    was a demo.
    """
    token = _muted.set(True)
    try:
        yield
    finally:
        _muted.reset(token)


def after_commit(notify, *args) -> None:
    """Send `notify(*args)` once the current transaction commits, unless muted."""
    if _muted.get():
        return
    transaction.on_commit(lambda: notify(*args))


def _send(subject: str, body: str, recipients) -> None:
    recipients = sorted({r for r in recipients if r})
    if not recipients:
        return
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, recipients)
    except Exception:  # a mail server outage must not undo a committed action
        logger.exception("field report notification failed: %s", subject)


def _public_summary(report) -> str:
    place = report.address or (f"{report.lat:.5f}, {report.long:.5f}" if report.lat is not None else "")
    return (
        f"Phản ánh #{report.pk} — {report.category.name}\n"
        f"Địa điểm: {place}\n"
        f"Hạn xử lý: {report.due_at:%H:%M %d/%m/%Y}\n\n"
        f"{report.public_text}\n"
    )


def unit_dispatched(report) -> None:
    agency = report.agency
    if agency is None:
        return
    _send(f"[Phản ánh hiện trường] Phản ánh #{report.pk} được chuyển đến đơn vị",
          _public_summary(report), [agency.email])


def reporter_answered(report) -> None:
    address = reporter_email(report)
    label = report.get_status_display()
    text = report.rejection_reason if report.is_rejected else report.answer
    _send(f"[Phản ánh hiện trường] Phản ánh #{report.pk}: {label}",
          f"Phản ánh #{report.pk} của bạn: {label}.\n\n{text}\n", [address])


def escalation(report, level: int, recipients) -> None:
    _send(f"[Phản ánh hiện trường] Phản ánh #{report.pk} quá hạn (mức {level})",
          _public_summary(report), recipients)


def reporter_email(report) -> str:
    if report.reporter_id and report.reporter.email:
        return report.reporter.email
    return report.contact_email
