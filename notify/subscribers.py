"""Who hears of which event, on which channels, and the message rows that result.

- Applicants: receipt, guidance at intake, refusal, supplement request, financial obligation,
  stop, apology with the new date, result ready, result returned, withdrawal (Decree 61/2018
  Art. 15–18). A liên thông sub-dossier is the agencies' business: the applicant hears of the
  parent.
- Officers: the deadline watch's alerts go to the assignee (or, with nobody assigned, everyone
  holding the step's role) and to the leaders of the agency holding the dossier, who sign the
  apology (form 04).
- Reporters: every public status change of their report that they did not make themselves.
  Units: a report dispatched to them (never with the reporter's identity, QĐ 30/2022).
  Escalation: level 1 to the unit's leaders, level 2 (or a report still in triage) to the IOC.

The worker runs these in one transaction per event: the Message rows and the tasks that send
them are written together, and a second run (after a crash) finds the rows and adds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from motcua.formats import group_thousands
from notify import channels
from notify.models import Message, Preference
from notify.texts import TEXTS
from workflow.outbox import subscribe

CHANNELS = ("email", "sms", "zalo")


@dataclass(frozen=True)
class Recipient:
    user: object | None
    email: str = ""
    phone: str = ""
    staff: bool = False  # officers get e-mail unless they chose otherwise


def register() -> None:
    subscribe("notify.dossier", "dossier", wants=lambda e: dossier_kind(e) is not None, handle=on_dossier_event)
    subscribe("notify.fieldreport", "fieldreport", wants=lambda e: bool(report_kinds(e)), handle=on_report_event)


# --- dossiers ------------------------------------------------------------------------------------
APPLICANT_KINDS = {
    "receive": "dossier.received",
    "request_intake_supplement": "dossier.intake_supplement",
    "refuse": "dossier.refused",
    "request_supplement": "dossier.supplement",
    "request_payment": "dossier.payment",
    "stop": "dossier.stopped",
    "apologize": "dossier.apology",
    "return_result": "dossier.returned",
    "withdraw": "dossier.withdrawn",
    # Online payment (payments/): the receipt of money, and its refund.
    "record_payment": "dossier.paid",
    "record_refund": "dossier.refunded",
}
OFFICER_KINDS = {
    "alert_due_soon": "dossier.due_soon",
    "alert_overdue": "dossier.overdue",
    "alert_step_overdue": "dossier.step_overdue",
}


def dossier_kind(event) -> str | None:
    if event.to_state == "result_ready" and event.from_state != "result_ready":
        return "dossier.result_ready"
    return APPLICANT_KINDS.get(event.action) or OFFICER_KINDS.get(event.action)


def on_dossier_event(event) -> None:
    from dossiers.models import Dossier

    kind = dossier_kind(event)
    d = (Dossier.objects.select_related("procedure_version", "receiving_agency", "current_agency", "current_step",
                                        "assignee", "submitted_by").get(pk=event.dossier_id))
    if kind in OFFICER_KINDS.values():
        recipients = _officers(d)
    elif d.parent_id:
        return
    else:
        user = d.submitted_by
        recipients = [Recipient(user, d.applicant_email, d.applicant_phone)]
    queue("dossier", event, d.pk, kind, recipients, _dossier_values(d, event))


def _officers(d) -> list[Recipient]:
    from accounts.models import User
    from accounts.roles import Role

    roles = {Role.LEADER}
    if d.current_step_id and not d.assignee_id:
        roles.add(d.current_step.role)  # nobody assigned: everyone who could take the step
    people = list(User.objects.filter(
        memberships__agency=d.current_agency, memberships__role__in=roles, memberships__is_active=True,
        is_active=True).distinct())
    if d.assignee_id and d.assignee.is_active and d.assignee not in people:
        people.append(d.assignee)
    return [Recipient(u, u.email, u.phone, staff=True) for u in people]


def _dossier_values(d, event) -> dict:
    from dossiers.forms.common import missing_items
    from dossiers.forms.links import lookup_url

    version = d.procedure_version
    data = event.data or {}
    reason = data.get("reason", "")
    missing = [item.text for item in missing_items(data)]  # plain names, or {name, copy_kind}
    return {
        "name": d.applicant_name, "code": d.code or "", "code_or_procedure": d.code or f"“{version.name}”",
        "procedure": version.name, "procedure_short": _short(version.name, 60), "secret": d.lookup_secret,
        "agency": d.receiving_agency.name, "current_agency": d.current_agency.name,
        "received_at": _local(d.received_at), "due_at": _local(event.due_at or d.due_at), "at": _local(event.at),
        "step": d.current_step.name if d.current_step_id else "", "step_due_at": _local(d.step_due_at),
        "reason": reason, "reason_short": _short(reason, 80),
        "missing": "\n".join(f"- {item}" for item in missing), "amount": group_thousands(data["amount"])
        if isinstance(data.get("amount"), int) else "",
        "return_place": _place(d.receiving_agency), "return_place_short": d.receiving_agency.name,
        "lookup_url": lookup_url(d) if d.code else "",
        "order_ref": data.get("order_ref", ""), "refund_ref": data.get("refund_ref", ""),
        "code_or_number": d.code or f"nộp ngày {_local(d.submitted_at)}",
    }


# --- field reports -------------------------------------------------------------------------------------
STATUS_ACTIONS = {"route", "dispatch", "reroute", "accept", "start", "resolve", "reject", "transfer"}
UNIT_ACTIONS = {"route", "dispatch", "reroute", "transfer"}


def report_kinds(event) -> list[str]:
    kinds = []
    if event.action in STATUS_ACTIONS and event.from_status != event.to_status:
        kinds.append("fieldreport.status")
    if event.action in UNIT_ACTIONS and event.to_agency_id:
        kinds.append("fieldreport.dispatched")
    if event.action == "escalate":
        kinds.append("fieldreport.escalated")
    return kinds


def on_report_event(event) -> None:
    from fieldreports.models import Report

    r = Report.objects.select_related("category", "agency", "reporter").get(pk=event.report_id)
    values = _report_values(r, event)
    for kind in report_kinds(event):
        if kind == "fieldreport.status":
            if r.reporter_id and r.reporter_id == event.actor_id:
                continue  # the reporter's own doing
            reporter = r.reporter
            recipients = [Recipient(reporter, (reporter.email if reporter else "") or r.contact_email,
                                    (reporter.phone if reporter else "") or r.contact_phone)]
        elif kind == "fieldreport.dispatched":
            recipients = [Recipient(None, r.agency.email, staff=True)] if r.agency_id else []
        else:
            recipients = _escalation_recipients(r, (event.data or {}).get("level", 1))
        queue("fieldreport", event, r.pk, kind, recipients, values)


def _escalation_recipients(r, level: int) -> list[Recipient]:
    """Level 1: the unit's leaders; level 2 (or a report still in triage): the IOC."""
    from accounts.models import User
    from accounts.permissions import POLICY
    from fieldreports.permissions import ioc_agency

    extra: list[Recipient] = []
    if level == 1 and r.agency_id:
        roles, agency = POLICY["fieldreport.escalation_notice"], r.agency
    else:
        agency = ioc_agency()
        if agency is None:
            return []
        roles = POLICY["fieldreport.dispatch"]
        if agency.email:
            extra.append(Recipient(None, agency.email, staff=True))
    people = User.objects.filter(memberships__agency=agency, memberships__role__in=roles,
                                 memberships__is_active=True, is_active=True).distinct()
    return extra + [Recipient(u, u.email, u.phone, staff=True) for u in people]


def _report_values(r, event) -> dict:
    base = settings.PUBLIC_BASE_URL.rstrip("/")
    place = r.address or (f"{r.lat:.5f}, {r.long:.5f}" if r.lat is not None else "")
    # What the event says, not the report as it is when the worker runs.
    return {
        "id": r.pk, "category": r.category.name, "status": r.Status(event.to_status).label,
        "answer": event.reason if event.action in ("resolve", "reject") else "", "place": place,
        "due_at": _local(r.due_at), "text": r.public_text, "agency": r.agency.name if r.agency_id else "IOC",
        "level": (event.data or {}).get("level", ""),
        "url": base + reverse("fieldreports:detail", args=[r.pk]),
        "staff_url": base + reverse("fieldreports:staff-detail", args=[r.pk]),
    }


# --- writing the messages ------------------------------------------------------------------------------
def queue(source: str, event, object_id: int, kind: str, recipients: list[Recipient], values: dict) -> int:
    """Write one Message per recipient and channel, and enqueue its sending; returns how many are new."""
    from notify.tasks import send_message

    subject, body, short = TEXTS[kind].render(values)
    made = 0
    seen: set[tuple[str, str]] = set()
    for recipient in recipients:
        for channel in _channels_for(recipient, kind):
            address = recipient.email if channel == "email" else _phone(recipient.phone)
            if not address or (channel, address) in seen:
                continue
            seen.add((channel, address))
            message, created = Message.objects.get_or_create(
                source=source, event_id=event.pk, kind=kind, channel=channel, recipient=address,
                defaults={"object_id": object_id, "user": recipient.user if getattr(recipient.user, "pk", None)
                          else None, "subject": subject[:255] if channel == "email" else "",
                          "body": body if channel == "email" else short, "params": _params(values)},
            )
            if created:
                send_message.enqueue(message.pk)
                made += 1
    return made


def _channels_for(recipient: Recipient, kind: str) -> list[str]:
    preference = None
    if getattr(recipient.user, "pk", None):
        preference = Preference.objects.filter(user_id=recipient.user.pk).first()
    if preference is not None:
        wanted = [c for c in CHANNELS if preference.wants(c)]
    elif recipient.staff:
        wanted = ["email"]
    else:
        wanted = list(settings.NOTIFY_DEFAULT_CHANNELS)
    return [c for c in wanted if channels.enabled(c, kind)]


def _phone(raw: str) -> str:
    digits = "".join(ch for ch in raw or "" if ch.isdigit() or ch == "+")
    return digits if len(digits.lstrip("+")) >= 9 else ""


def _params(values: dict) -> dict:
    # Zalo ZNS template parameters: short plain strings.
    return {k: str(v)[:100] for k, v in values.items() if k in ("code", "name", "due_at", "secret", "id", "status")}


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%H:%M ngày %d/%m/%Y") if moment else ""


def _short(text: str, limit: int) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _place(agency) -> str:
    return f"{agency.name}, {agency.address}" if agency.address else agency.name
