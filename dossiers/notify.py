"""Notifications about dossiers, sent only after the change has committed."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone

from motcua.formats import group_thousands

logger = logging.getLogger(__name__)

# Status changes the applicant hears about by e-mail (Decree 61: the applicant is told of
# receipt, supplement requests, refusals, lateness and the result).
APPLICANT_ACTIONS = {
    "receive", "request_intake_supplement", "refuse", "request_supplement", "request_payment", "apologize",
    "return_result", "withdraw", "stop",
}


def wants(action: str, dossier) -> bool:
    """Whether an action on this dossier sends anything (checked before scheduling work).
    A liên thông sub-dossier is the agencies' business: the applicant hears about the parent."""
    return action in APPLICANT_ACTIONS and bool(dossier.applicant_email) and not dossier.parent_id


def applicant_message(dossier, event) -> dict:
    """What the applicant is told, taken from the objects in hand (no query after commit)."""
    code = dossier.code or ""
    subject = f"Hồ sơ {code}: {dossier.get_status_display()}".replace("  ", " ")
    lines = [f"Kính gửi {dossier.applicant_name},", "",
             f"Hồ sơ {code} của Ông/Bà hiện ở trạng thái: {dossier.get_status_display()}."]
    if event.data.get("reason"):
        lines.append(f"Nội dung: {event.data['reason']}")
    if event.action == "apologize":
        # Decree 61: the apology carries the reason and the new date of the appointment.
        subject = f"Hồ sơ {code}: xin lỗi và hẹn lại ngày trả kết quả"
        lines.append(f"Cơ quan xin lỗi Ông/Bà vì chậm trả kết quả. Ngày hẹn trả mới: {local_text(event.due_at)}.")
    if event.action == "request_payment":
        lines.append(f"Số tiền cần nộp: {group_thousands(event.data['amount'])} đồng.")
    if event.action == "receive":
        lines.append(f"Ngày hẹn trả kết quả: {local_text(event.due_at)}.")
    lines.append(f"Mã tra cứu: {dossier.lookup_secret}")
    return {"subject": subject, "body": "\n".join(lines) + "\n", "to": [dossier.applicant_email],
            "dossier": dossier.pk}


def send_applicant_message(message: dict) -> None:
    try:
        send_mail(message["subject"], message["body"], settings.DEFAULT_FROM_EMAIL, message["to"])
    except Exception:  # a mail outage must never undo or block the dossier change
        logger.exception("could not e-mail the applicant of dossier %s", message["dossier"])


ALERT_SUBJECTS = {
    "due_soon": "Hồ sơ {code} sắp đến hạn: cần xử lý hoặc gửi phiếu xin lỗi, hẹn lại (mẫu 04)",
    "overdue": "Hồ sơ {code} đã quá hạn trả kết quả",
    "step_overdue": "Hồ sơ {code} quá hạn xử lý ở bước “{step}”",
}


def deadline_alert(dossier_id: int, kind: str) -> None:
    """Tell the officers responsible: the assignee (or everyone holding the step's role) and
    the leaders of the agency holding the dossier, who sign the apology."""
    from accounts.models import User
    from accounts.roles import Role
    from dossiers.models import Dossier

    dossier = Dossier.objects.select_related("current_step", "current_agency", "assignee").get(pk=dossier_id)
    roles = {Role.LEADER}
    if dossier.current_step_id and not dossier.assignee_id:
        roles.add(dossier.current_step.role)  # nobody assigned: everyone who could take the step
    members = User.objects.filter(
        memberships__agency=dossier.current_agency, memberships__role__in=roles, memberships__is_active=True,
        is_active=True,
    )
    recipients = set(members.exclude(email="").values_list("email", flat=True))
    if dossier.assignee_id and dossier.assignee.email:
        recipients.add(dossier.assignee.email)
    emails = sorted(recipients)
    if not emails:
        return
    step = dossier.current_step.name if dossier.current_step_id else ""
    subject = ALERT_SUBJECTS[kind].format(code=dossier.code, step=step)
    body = f"{subject}.\nHạn trả kết quả: {local_text(dossier.due_at)}.\n"
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, emails)
    except Exception:  # alerts must not stop the sweep
        logger.exception("could not send the %s alert of dossier %s", kind, dossier_id)


def local_text(moment) -> str:
    return timezone.localtime(moment).strftime("%H:%M ngày %d/%m/%Y") if moment else ""
