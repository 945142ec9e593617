"""Notifications about dossiers, sent only after the change has committed."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail

logger = logging.getLogger(__name__)

# Status changes the applicant hears about by e-mail (Decree 61: the applicant is told of
# receipt, supplement requests, refusals, lateness and the result).
APPLICANT_ACTIONS = {
    "receive", "request_intake_supplement", "refuse", "request_supplement", "request_payment", "apologize",
    "return_result", "withdraw", "stop",
}


def dossier_changed(dossier_id: int, event_id: int) -> None:
    from dossiers.models import DossierEvent

    event = DossierEvent.objects.select_related("dossier").get(pk=event_id)
    dossier = event.dossier
    if event.action in APPLICANT_ACTIONS and dossier.applicant_email:
        subject = f"Hồ sơ {dossier.code or ''}: {dossier.get_status_display()}".strip()
        body = (
            f"Kính gửi {dossier.applicant_name},\n\n"
            f"Hồ sơ {dossier.code or ''} của Ông/Bà hiện ở trạng thái: {dossier.get_status_display()}.\n"
            + (f"Nội dung: {event.data.get('reason')}\n" if event.data.get("reason") else "")
            + f"Mã tra cứu: {dossier.lookup_secret}\n"
        )
        try:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [dossier.applicant_email])
        except Exception:  # a mail outage must never undo or block the dossier change
            logger.exception("could not e-mail the applicant of dossier %s", dossier_id)
