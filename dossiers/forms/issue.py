"""Issuing forms: render once, store the PDF with its SHA-256, hand back the stored copy.

Forms 01–04 belong to the event that caused them (receipt, supplement request, refusal,
apology): the first issue renders and stores the PDF, later ones return the stored file,
so a reprint is byte-identical to the original. Form 01 is issued again when a dossier
resumes after a supplement during processing, since the due date moves: that new slip
belongs to the `resume` event, and the original one stays stored with the `receive` event.
Form 05 reflects the events so far: one is stored per latest event, and a new one is issued
once new events exist. Form 06 (the log book) is per agency and date range, not per dossier.
"""

from __future__ import annotations

import hashlib
from datetime import date, datetime, time

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from dossiers.actions import ActionError
from dossiers.integrity import form_seal
from dossiers.models import Dossier, DossierEvent, IssuedForm
from dossiers.states import State

Kind = IssuedForm.Kind

# The events that give rise to each event-bound form (Decree 61 Art. 19, Circular 01/2018).
# The receipt is also re-issued by the return from a supplement pause: the waiting time is
# given back, so the applicant needs a slip with the new appointment. Other pauses (fee,
# stop) end with the same action but are not a new hand-in of papers.
RESUMED_AFTER_SUPPLEMENT = Q(action="resume", from_state=State.SUPPLEMENT)
TRIGGERS: dict[str, Q] = {
    Kind.RECEIPT: Q(action__in=("receive", "receive_transfer")) | RESUMED_AFTER_SUPPLEMENT,
    Kind.SUPPLEMENT: Q(action__in=("request_intake_supplement", "request_supplement")),
    Kind.REFUSAL: Q(action="refuse"),
    Kind.APOLOGY: Q(action="apologize"),
}
NOT_YET = {
    Kind.RECEIPT: "Hồ sơ chưa được tiếp nhận nên chưa có Giấy tiếp nhận hồ sơ và hẹn trả kết quả (mẫu 01).",
    Kind.SUPPLEMENT: "Hồ sơ chưa có yêu cầu bổ sung, hoàn thiện nào nên không có Phiếu yêu cầu bổ sung (mẫu 02).",
    Kind.REFUSAL: "Hồ sơ không bị từ chối nên không có Phiếu từ chối tiếp nhận giải quyết hồ sơ (mẫu 03).",
    Kind.APOLOGY: "Hồ sơ chưa được xin lỗi, hẹn lại ngày trả kết quả nên không có Phiếu xin lỗi (mẫu 04).",
    Kind.CONTROL: "Hồ sơ chưa được tiếp nhận nên chưa có Phiếu kiểm soát quá trình giải quyết hồ sơ (mẫu 05).",
}


class FormError(ActionError, ValueError):
    """A form that cannot be issued, with a Vietnamese message saying why."""


def normalize_kind(kind) -> str:
    value = f"{int(kind):02d}" if str(kind).strip().isdigit() else str(kind).strip()
    if value not in Kind.values:
        raise FormError("unknown_form", f"Không có mẫu “{kind}”; các mẫu hợp lệ là 01 đến 06.")
    return value


def form_event(dossier: Dossier, kind: str, event: DossierEvent | None = None) -> DossierEvent:
    """The event form `kind` of `dossier` is tied to: the given one, checked, or the latest fitting one."""
    kind = normalize_kind(kind)
    if kind == Kind.LOG_BOOK:
        raise FormError("log_book", "Sổ theo dõi hồ sơ (mẫu 06) lập theo cơ quan và khoảng thời gian, "
                                    "không theo từng hồ sơ.")
    events = dossier.events.all()
    if kind == Kind.CONTROL:
        if not dossier.code:
            raise FormError("not_available", NOT_YET[kind])
        if event is None:
            return events.order_by("-seq").first()
    else:
        events = events.filter(TRIGGERS[kind])
        if event is None:
            found = events.order_by("-seq").first()
            if found is None:
                raise FormError("not_available", NOT_YET[kind])
            return found
    if event.dossier_id != dossier.pk or not events.filter(pk=event.pk).exists():
        raise FormError("wrong_event", f"Thao tác đã chọn không phát sinh mẫu {kind} của hồ sơ này.")
    return event


def render_form(dossier: Dossier, kind: str, event: DossierEvent | None = None) -> bytes:
    """Render form `kind` for `dossier` without storing it (the same event gives the same bytes)."""
    from dossiers.forms import apology, control, receipt, refusal, supplement

    kind = normalize_kind(kind)
    event = form_event(dossier, kind, event)
    dossier = (
        Dossier.objects.select_related("procedure_version__competent_agency", "receiving_agency__unit",
                                       "receiving_agency__parent")
        .get(pk=dossier.pk)
    )
    event = DossierEvent.objects.select_related("agency__unit", "agency__parent", "from_step", "to_step").get(
        pk=event.pk
    )
    builder = {Kind.RECEIPT: receipt, Kind.SUPPLEMENT: supplement, Kind.REFUSAL: refusal, Kind.APOLOGY: apology,
               Kind.CONTROL: control}[kind]
    return builder.render(dossier, event)


def issue_form(dossier: Dossier, kind, event: DossierEvent | None = None, user=None) -> IssuedForm:
    """Issue form `kind` (01–05) of `dossier`: the stored copy if there is one, else a new one."""
    kind = normalize_kind(kind)
    event = form_event(dossier, kind, event)
    stored = IssuedForm.objects.filter(dossier=dossier, kind=kind, event=event).order_by("pk").first()
    if stored:
        return stored
    data = render_form(dossier, kind, event)
    name = f"{dossier.code or f'ho-so-{dossier.pk}'}-mau-{kind}-{event.seq}.pdf"
    with transaction.atomic():
        # The dossier row lock serialises two first issues of the same form: one stores, the
        # other finds it stored. Rendering happened before, outside the lock.
        Dossier.objects.select_for_update().filter(pk=dossier.pk).first()
        stored = IssuedForm.objects.filter(dossier=dossier, kind=kind, event=event).order_by("pk").first()
        if stored:
            return stored
        return _store(IssuedForm(dossier=dossier, kind=kind, event=event, issued_by=_user(user)), name, data)


def issue_log_book(agency, date_from: date, date_to: date, user=None) -> IssuedForm:
    """Issue the log book (form 06) of `agency` for receipts from `date_from` to `date_to`.

    Its creation date is the time of the latest event of the dossiers it lists, so the same
    content gives the same bytes; an identical book already stored is returned as is."""
    from dossiers.forms import log_book

    if date_to < date_from:
        raise FormError("invalid_range", "Ngày kết thúc phải bằng hoặc sau ngày bắt đầu.")
    dossiers = log_book.dossiers_in(agency, date_from, date_to)
    latest = DossierEvent.objects.filter(dossier__in=dossiers).order_by("-at").values_list("at", flat=True).first()
    created_at = latest or timezone.make_aware(datetime.combine(date_from, time(7, 0)))
    data = log_book.render(agency, date_from, date_to, created_at=created_at)
    digest = hashlib.sha256(data).hexdigest()
    stored = IssuedForm.objects.filter(kind=Kind.LOG_BOOK, dossier=None, sha256=digest).order_by("pk").first()
    if stored:
        return stored
    name = f"so-theo-doi-{agency.code}-{date_from:%Y%m%d}-{date_to:%Y%m%d}.pdf"
    return _store(IssuedForm(dossier=None, kind=Kind.LOG_BOOK, issued_by=_user(user)), name, data)


def read(issued: IssuedForm) -> bytes:
    with issued.file.open("rb") as handle:
        return handle.read()


def _store(issued: IssuedForm, name: str, data: bytes) -> IssuedForm:
    issued.sha256 = hashlib.sha256(data).hexdigest()
    issued.file.save(name, ContentFile(data), save=False)
    issued.seal = form_seal(issued)
    issued.save()
    return issued


def _user(user):
    return user if getattr(user, "pk", None) else None
