"""The counter intake screen: find the procedure, enter or look up the applicant, tick the
components received on paper (original, certified copy or copy), attach the scans, see the
appointment the law gives, and receive — or, when a required component is missing, write the
one-time guidance of form 02 instead (Decree 61/2018/NĐ-CP Art. 15). One page, in order,
usable from the keyboard alone; the print of form 01 is one link away on the dossier page.
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils import timezone

from accounts.models import User
from accounts.permissions import can
from catalogue.models import Procedure, ProcedureVersion
from catalogue.search import QueryError, clean_query, search
from catalogue.services import current_versions, version_on
from documents.actions import reuse
from dossiers import actions
from dossiers.actions import COPY_KINDS
from dossiers.deadlines import dossier_due
from dossiers.files import ACCEPTED, attach_file, blobs_kept_only_if_committed
from dossiers.models import Channel
from dossiers.search import visible_dossiers
from motcua.inputs import clean_text
from portal.forms import ApplicantForm
from portal.submission import ACCEPT, copies_text
from units.models import AdministrativeUnit, Agency
from workdays.services import calendar_for
from workflow.errors import ActionError
from workspace.access import officer_required

ONE_STOP = (Agency.Kind.PEOPLES_COMMITTEE, Agency.Kind.SERVICE_CENTER)
RESULTS = 30


def receivable(agency) -> Q:
    """The versions this agency's counter receives: its own, and those received anywhere."""
    anywhere = Q(intake_anywhere=True) if agency.kind in ONE_STOP else Q(pk__in=[])
    return Q(receiving_agency=agency) | anywhere


def _default_kind(component) -> str:
    if component.originals:
        return "original"
    return "certified_copy" if component.certified_copies else "copy"


def _prefill(officer, id_number: str) -> dict:
    """The applicant as this officer's agencies last received them (a dossier they may see, that
    a counter checked), else the name of the account with that number: contacts typed into an
    unchecked online form, or another agency's records, are never offered."""
    id_number = clean_text(id_number, multiline=False).strip()[:14]
    if not id_number.isascii() or not id_number.isdigit():
        return {}
    last = (visible_dossiers(officer).filter(applicant_id_number=id_number, code__isnull=False)
            .order_by("-created_at")
            .values("applicant_kind", "applicant_name", "applicant_address", "applicant_phone", "applicant_email")
            .first())
    if last:
        return {"kind": last["applicant_kind"], "id_number": id_number, "name": last["applicant_name"],
                "address": last["applicant_address"], "phone": last["applicant_phone"],
                "email": last["applicant_email"]}
    user = User.objects.filter(Q(citizen_id=id_number) | Q(tax_code=id_number)).only("kind", "full_name").first()
    if user:
        kind = "organisation" if user.kind == User.Kind.ORGANISATION else "citizen"
        return {"kind": kind, "id_number": id_number, "name": user.full_name}
    return {"kind": "citizen", "id_number": id_number}


@officer_required
def intake(request):
    agency = request.agency
    if not can(request.user, "dossier.intake", agency):
        raise PermissionDenied("Chỉ cán bộ Bộ phận Một cửa của cơ quan tiếp nhận hồ sơ tại quầy.")
    code = clean_text(request.POST.get("thu-tuc") or request.GET.get("thu-tuc") or "", multiline=False).strip()[:40]
    version = None
    if code:
        procedure = Procedure.objects.filter(code=code).first()
        version = version_on(procedure, timezone.localdate()) if procedure else None
        if version is not None and not ProcedureVersion.objects.filter(receivable(agency), pk=version.pk).exists():
            messages.error(request, f"Thủ tục {code} không tiếp nhận tại {agency.name}.")
            version = None
    if version is None:
        return _choose(request, agency)
    return _form(request, agency, version)


def _choose(request, agency):
    """Step 1: the procedures this counter receives, searched as citizens' words are (the officer
    types what the applicant says), the agency's own level first among equals."""
    error, found = "", None
    try:
        text = clean_query(request.GET.get("q", ""))
    except QueryError as exc:
        error, text = str(exc), ""
    versions = current_versions().filter(receivable(agency)).select_related("procedure")
    if text:
        level = AdministrativeUnit.objects.filter(agencies=agency).values_list("level", flat=True).first() or ""
        found = search(versions, text, prefer_level=level, limit=RESULTS)
        versions = found
    else:
        versions = versions.order_by("name", "pk")
    partial = request.htmx and not request.htmx.history_restore_request
    return render(request, "workspace/_intake_results.html" if partial else "workspace/intake_search.html",
                  {"q": request.GET.get("q", "")[:200] if error else text, "versions": versions[:RESULTS],
                   "found": found, "error": error}, status=400 if error else 200)


def _form(request, agency, version):
    version = (ProcedureVersion.objects.select_related("procedure", "receiving_agency")
               .prefetch_related("components").get(pk=version.pk))
    components = list(version.components.all())
    errors: dict[str, str] = {}
    looked_up = request.POST.get("cccd", "") if "tra-cuu" in request.POST else ""
    if request.method == "POST" and "tra-cuu" not in request.POST:
        form = ApplicantForm(request.POST)
        offers = _offers(request.POST.get("id_number", ""), components)
        reused = {c.pk: next((d for d in offers[c.pk] if str(d.pk) == request.POST.get(f"reuse-{c.pk}", "")), None)
                  for c in components}
        # A component given by a document already digitized counts as received.
        received = {c.pk: request.POST.get(f"received-{c.pk}") == "1" or reused[c.pk] is not None
                    for c in components}
        kinds = {c.pk: request.POST.get(f"kind-{c.pk}", "") for c in components}
        missing_required = [c for c in components if c.requirement == c.Requirement.REQUIRED and not received[c.pk]]
        guide = "huong-dan" in request.POST
        if not guide and missing_required:
            errors["components"] = ("Chưa đủ thành phần bắt buộc: " + "; ".join(c.name for c in missing_required)
                                    + ". Hãy hướng dẫn bổ sung (mẫu 02) thay vì tiếp nhận.")
        if guide and not request.POST.get("reason", "").strip():
            errors["reason"] = "Vui lòng ghi nội dung hướng dẫn bổ sung, hoàn thiện."
        if form.is_valid() and not errors:
            outcome = _take(request, agency, version, form.applicant(), components, received, kinds, reused, guide,
                            errors)
            if outcome is not None:
                return redirect("workspace:dossier", pk=outcome.dossier.pk)
        for name in [n for n in errors if n in form.fields]:
            form.add_error(name, errors.pop(name))
    else:
        # The ID number is posted, not put in the address: it stays out of logs and history.
        form = ApplicantForm(initial=_prefill(request.user, looked_up) or {"kind": "citizen"})
        received, kinds = {}, {}
        offers = _offers(looked_up, components)
    rows = [{"component": c, "copies": copies_text(c), "received": received.get(c.pk, False),
             "kind": kinds.get(c.pk) or _default_kind(c), "error": errors.get(f"scan-{c.pk}"),
             "offers": offers[c.pk], "chosen": request.POST.get(f"reuse-{c.pk}", "")} for c in components]
    due = dossier_due(version, calendar_for(agency), timezone.now())
    return render(request, "workspace/intake.html", {
        "version": version, "form": form, "components": rows, "errors": errors, "copy_kinds": COPY_KINDS.items(),
        "due": due, "accepted": ACCEPTED, "accept": ACCEPT, "channel": request.POST.get("channel", "1"),
        "token": request.POST.get("token") or uuid.uuid4().hex, "reason": request.POST.get("reason", ""),
        "note": request.POST.get("note", ""), "cccd": looked_up[:14],
    }, status=422 if request.method == "POST" and not looked_up else 200)


def _offers(id_number: str, components) -> dict:
    """Per component, the applicant's valid digitized documents (documents/), its kind first: the
    applicant is at the counter and says which to use."""
    from documents.actions import offered

    number = clean_text(id_number, multiline=False).strip()[:14]
    return {c.pk: offered(number, c) if number.isascii() and number.isdigit() else [] for c in components}


def _take(request, agency, version, applicant, components, received, kinds, reused, guide: bool, errors: dict):
    """Register, attach the scans and receive (or guide) in one transaction."""
    channel = Channel.POST if request.POST.get("channel") == str(Channel.POST) else Channel.COUNTER
    token = request.POST.get("token", "")[:40] or uuid.uuid4().hex
    current = None
    try:
        with blobs_kept_only_if_committed(), transaction.atomic():
            outcome = actions.submit(version, applicant, request.user, channel=channel, receiving_agency=agency,
                                     key=f"intake/{token}")
            if outcome.repeated:  # the same form posted again: taken in the first time
                return outcome
            for c in components:
                scan = request.FILES.get(f"scan-{c.pk}")
                if scan:
                    current = c
                    attach_file(outcome.dossier, c, scan, request.user)
                elif reused[c.pk]:
                    current = c
                    reuse(outcome.dossier, c, reused[c.pk], request.user)
            current = None
            if guide:
                missing = [{"name": c.name, "copy_kind": kinds[c.pk] if kinds[c.pk] in COPY_KINDS else "copy"}
                           for c in components if c.requirement == c.Requirement.REQUIRED and not received[c.pk]]
                outcome = actions.request_intake_supplement(outcome.dossier, request.user, missing=missing,
                                                            reason=request.POST.get("reason", "")[:2000],
                                                            key=f"intake/{token}/guide")
                messages.success(request, "Đã lập phiếu hướng dẫn bổ sung, hoàn thiện hồ sơ (mẫu 02); in và giao "
                                          "cho người nộp.")
            else:
                ticked = [{"id": c.pk, "copy_kind": kinds[c.pk] if kinds[c.pk] in COPY_KINDS else "copy"}
                          for c in components if received[c.pk]]
                outcome = actions.receive(outcome.dossier, request.user, note=request.POST.get("note", "")[:2000],
                                          components=ticked, key=f"intake/{token}/receive")
                messages.success(request, f"Đã tiếp nhận hồ sơ {outcome.dossier.code}, hẹn trả "
                                          f"{timezone.localtime(outcome.dossier.due_at):%H:%M ngày %d/%m/%Y}. "
                                          "In Giấy tiếp nhận và hẹn trả kết quả (mẫu 01) cho người nộp.")
            return outcome
    except ActionError as exc:
        if current is not None:
            errors[f"scan-{current.pk}"] = exc.message
        else:
            errors[(exc.field or "general").removeprefix("applicant.")] = exc.message
        return None
