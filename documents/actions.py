"""What happens to digitized documents, each through the dossier's engine so that the dossier's
audit trail records it: digitizing a component (`digitize`, the counter), reusing a document
for a component of a new dossier (an `attach_file` of the blob already stored, its event saying
which document), and cancelling a document found wrong or forged (`revoke`, the admin)."""

from __future__ import annotations

from collections import Counter
from datetime import date

from django.db import transaction
from django.utils import timezone

from documents.models import DigitizationDay, Document, DossierDigitization, Reuse
from dossiers.machine import DOSSIER, Code
from dossiers.models import Dossier, DossierFile
from ioc.projection import _upsert as upsert
from motcua.inputs import clean_text
from motcua.textsearch import normalize
from workflow import engine
from workflow.actors import person
from workflow.errors import ActionError


def kind_key(kind: str) -> str:
    return normalize(kind)[:500]


def digitize(dossier_file: DossierFile, actor, *, kind: str, issuer: str = "", number: str = "",
             issued_on: date | None = None, valid_until: date | None = None, certified: bool = False) -> Document:
    """Keep an attached component as a digitized document of the dossier's applicant."""
    kind = clean_text(kind, multiline=False)[:500]
    if not kind:
        raise ActionError(Code.INVALID_COMPONENT, "Vui lòng ghi loại giấy tờ.", field="kind")
    if issued_on and valid_until and valid_until < issued_on:
        raise ActionError(Code.INVALID_DATE, "Ngày hết hiệu lực phải sau ngày cấp.", field="valid_until")
    if issued_on and issued_on > timezone.localdate():
        raise ActionError(Code.INVALID_DATE, "Ngày cấp không được sau hôm nay.", field="issued_on")

    def effect(d: Dossier, change) -> None:
        found = Document.objects.filter(holder_number=d.applicant_id_number, sha256=dossier_file.sha256,
                                        kind_key=kind_key(kind)).first()
        if found is not None:
            change.record, change.result = False, found
            return
        document = Document.objects.create(
            holder_kind=d.applicant_kind, holder_number=d.applicant_id_number, holder_name=d.applicant_name,
            kind=kind, kind_key=kind_key(kind), issuer=clean_text(issuer, multiline=False)[:300],
            number=clean_text(number, multiline=False)[:100], issued_on=issued_on, valid_until=valid_until,
            certified_copy=certified, file=dossier_file.file.name, shown=dossier_file.shown.name or "",
            original_name=dossier_file.original_name, content_type=dossier_file.content_type,
            extension=dossier_file.extension, size=dossier_file.size, sha256=dossier_file.sha256,
            source=Document.Source.COUNTER, source_dossier=d, digitized_by=person(actor), created_at=change.now)
        _mark(d, "digitized")
        change.result = document
        change.fields["agency"] = d.receiving_agency
        change.data = {"document": document.pk, "file": dossier_file.sha256, "kind": kind, "certified": certified}

    if dossier_file.dossier_id is None:
        raise ActionError(Code.INVALID_COMPONENT, "Tệp không thuộc hồ sơ nào.")
    return engine.perform(DOSSIER, dossier_file.dossier_id, "digitize", actor, effect=effect).result


def offered(holder_number: str, component=None, day: date | None = None) -> list[Document]:
    """The holder's documents valid on `day`, those of the component's kind first."""
    day = day or timezone.localdate()
    if not holder_number:
        return []
    found = [d for d in Document.objects.filter(holder_number=holder_number, revoked_at__isnull=True)
             .order_by("-created_at", "-pk") if d.valid_on(day)]
    if component is not None:
        key = kind_key(component.name)
        found.sort(key=lambda d: d.kind_key != key)
    return found


def reuse(dossier: Dossier, component, document: Document, actor) -> DossierFile:
    """Give `component` of `dossier` by a document its applicant already holds: the stored blob
    is attached (no upload, no copy) and the attach event names the document."""
    day = timezone.localdate()
    if document.holder_number != dossier.applicant_id_number:
        raise ActionError(Code.INVALID_COMPONENT, "Giấy tờ này không thuộc người nộp hồ sơ.", field="document")
    if not document.valid_on(day):
        raise ActionError(Code.INVALID_COMPONENT, f"Giấy tờ “{document.kind}” đã hết hiệu lực hoặc đã bị hủy; vui "
                          "lòng nộp bản mới.", field="document")
    if component is not None and component.version_id != dossier.procedure_version_id:
        raise ActionError(Code.INVALID_COMPONENT, "Thành phần không thuộc thủ tục của hồ sơ này.", field="component")
    DOSSIER.resolve(dossier, "attach_file", actor)

    def effect(d: Dossier, change) -> None:
        existing = DossierFile.objects.filter(dossier=d, component=component, sha256=document.sha256).first()
        if existing is not None:
            change.record, change.result = False, existing
            return
        attached = DossierFile(dossier=d, component=component, original_name=document.original_name,
                               content_type=document.content_type, extension=document.extension, size=document.size,
                               sha256=document.sha256, uploaded_by=person(actor))
        attached.file.name, attached.shown.name = document.file.name, document.shown.name or ""
        attached.save()
        Reuse.objects.create(document=document, dossier=d, dossier_file=attached, by=person(actor), at=change.now)
        _mark(d, "reused")
        change.result = attached
        change.fields["agency"] = d.receiving_agency
        change.data = {"file": document.sha256, "name": document.original_name, "size": document.size,
                       "component": component.name if component else "", "reused": document.pk}

    return engine.perform(DOSSIER, dossier.pk, "attach_file", actor, effect=effect).result


def revoke(document: Document, actor, reason: str) -> Document:
    """A document found wrong is never offered again (its reuses stay, as the record of what was done)."""
    reason = clean_text(reason, multiline=False)[:500]
    if not reason:
        raise ActionError(Code.MISSING_REASON, "Vui lòng ghi lý do hủy giấy tờ.", field="reason")
    with transaction.atomic():
        Document.objects.filter(pk=document.pk, revoked_at__isnull=True).update(
            revoked_at=timezone.now(), revoke_reason=f"{reason} ({actor})")
    document.refresh_from_db()
    return document


def _mark(d: Dossier, flag: str) -> None:
    """Count the dossier once per flag, on the day it was received (inside the action)."""
    mark, _ = DossierDigitization.objects.select_for_update().get_or_create(dossier_id=d.pk)
    if getattr(mark, flag):
        return
    setattr(mark, flag, True)
    mark.save(update_fields=[flag])
    if d.parent_id is None and d.received_at:
        key = (timezone.localdate(d.received_at), d.procedure_version.competent_agency_id)
        upsert(DigitizationDay, ("day", "agency_id"), ("digitized", "reused"), {key: Counter({flag: 1})})
