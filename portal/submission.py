"""Online submission (nộp hồ sơ trực tuyến): one page in four numbered parts — the applicant
(prefilled from the account), one upload per component with its rules shown before upload,
the fees, and a review before submitting.

What the citizen types is saved as a draft (by the "Lưu nháp" button, and every few seconds
by portal/static/portal/draft.js), so a closed tab loses nothing. Submitting registers the
dossier and attaches every file in one transaction through the dossier actions: a refused
file leaves no dossier behind, and the page shows what to fix beside the field.
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from accounts.permissions import roles_in
from accounts.roles import CITIZEN
from catalogue.models import Procedure, ProcedureVersion
from catalogue.services import version_on
from documents.actions import reuse
from dossiers import actions
from dossiers.files import ACCEPTED, attach_file, blobs_kept_only_if_committed, max_bytes
from dossiers.models import ApplicantKind
from motcua.inputs import clean_text
from portal.forms import ApplicantForm
from portal.models import Draft
from workflow.errors import ActionError

DRAFT_FIELDS = tuple(ApplicantForm.base_fields)
ACCEPT = ".pdf,.jpg,.jpeg,.png,.docx,.xlsx"


def _version(code: str) -> ProcedureVersion:
    procedure = get_object_or_404(Procedure, code=code)
    version = version_on(procedure, timezone.localdate())
    if version is None:
        raise Http404("Thủ tục chưa được công bố hoặc đã bãi bỏ.")
    return (ProcedureVersion.objects.select_related("procedure", "receiving_agency", "competent_agency")
            .prefetch_related("components", "fees").get(pk=version.pk))


def _from_account(user) -> dict:
    organisation = user.kind == user.Kind.ORGANISATION
    return {
        "kind": ApplicantKind.ORGANISATION if organisation else ApplicantKind.CITIZEN,
        "name": user.full_name, "id_number": (user.tax_code if organisation else user.citizen_id) or "",
        "phone": user.phone, "email": user.email,
    }


def copies_text(c) -> str:
    """"1 bản chính, 2 bản sao": what the counter expects of a component."""
    parts = [f"{n} {label}" for n, label in ((c.originals, "bản chính"), (c.certified_copies, "bản sao có chứng thực"),
                                             (c.copies, "bản sao")) if n]
    return ", ".join(parts) or "Số lượng theo quy định"


def _fee_lines(version: ProcedureVersion) -> tuple[list[dict], int]:
    lines = [{"name": f.name, "amount": f.online_amount if f.online_amount is not None else f.amount, "note": f.note}
             for f in version.fees.all()]
    return lines, sum(line["amount"] for line in lines)


@login_required
def submit(request, code: str):
    version = _version(code)
    if CITIZEN not in roles_in(request.user, None):
        messages.error(request, "Tài khoản cán bộ không nộp hồ sơ trực tuyến; hồ sơ tại quầy được nhập ở màn hình "
                                "tiếp nhận của Bộ phận Một cửa.")
        return redirect("catalogue:detail", code=code)
    if version.online_level == ProcedureVersion.OnlineLevel.NONE:
        messages.error(request, "Thủ tục này chỉ tiếp nhận trực tiếp tại Bộ phận Một cửa, không nộp trực tuyến.")
        return redirect("catalogue:detail", code=code)
    draft = Draft.objects.filter(user=request.user, procedure=version.procedure).first()
    components = list(version.components.all())
    errors: dict[str, str] = {}

    if request.method == "POST" and "luu-nhap" in request.POST:
        data = {name: clean_text(request.POST.get(name, "")[:300], multiline=False) for name in DRAFT_FIELDS}
        Draft.objects.update_or_create(user=request.user, procedure=version.procedure, defaults={"data": data})
        if request.headers.get("X-Draft") == "1":
            return JsonResponse({"saved_at": timezone.localtime().strftime("%H:%M")})
        messages.success(request, "Đã lưu nháp. Bạn có thể quay lại nộp tiếp bất cứ lúc nào (tệp đính kèm cần "
                                  "chọn lại khi nộp).")
        return redirect("portal:submit", code=code)

    offers = _offers(request.user, components)
    if request.method == "POST":
        form = ApplicantForm(request.POST)
        uploads = {c.pk: request.FILES.get(f"component-{c.pk}") for c in components}
        reused = {c.pk: _chosen(request.POST.get(f"reuse-{c.pk}"), offers[c.pk]) for c in components}
        for c in components:
            if c.requirement == c.Requirement.REQUIRED and not uploads[c.pk] and not reused[c.pk]:
                errors[f"component-{c.pk}"] = "Vui lòng đính kèm giấy tờ bắt buộc này." + (
                    " Hoặc chọn giấy tờ đã số hóa bên dưới." if offers[c.pk] else "")
        if not request.POST.get("cam-doan"):
            errors["cam-doan"] = "Vui lòng xác nhận cam đoan trước khi nộp hồ sơ."
        if form.is_valid():
            _own_or_on_behalf(request.user, form, errors)
        if form.is_valid() and not errors:
            outcome = _register(request, version, form.applicant(), components, uploads, reused, errors)
            if outcome is not None:
                Draft.objects.filter(user=request.user, procedure=version.procedure).delete()
                messages.success(request, "Đã nộp hồ sơ trực tuyến. Bộ phận Một cửa sẽ kiểm tra và tiếp nhận; "
                                          "bạn được báo khi hồ sơ có mã và ngày hẹn trả kết quả.")
                if _fees(outcome.dossier):
                    messages.info(request, "Thủ tục có phí, lệ phí: bạn có thể thanh toán trực tuyến ngay bên dưới.")
                    return redirect(reverse("portal:dossier", args=[outcome.dossier.pk]) + "#thanh-toan")
                return redirect("portal:dossier", pk=outcome.dossier.pk)
        for name in [n for n in errors if n in form.fields]:
            form.add_error(name, errors.pop(name))
        if errors or form.errors:
            messages.error(request, "Hồ sơ chưa được nộp: vui lòng sửa các mục được đánh dấu bên dưới.")
    else:
        form = ApplicantForm(initial=(draft.data if draft else _from_account(request.user)))
    fees, total = _fee_lines(version)
    rows = [{"component": c, "copies": copies_text(c), "error": errors.get(f"component-{c.pk}"),
             "offers": offers[c.pk], "chosen": request.POST.get(f"reuse-{c.pk}", "")} for c in components]
    return render(request, "portal/submit.html", {
        "version": version, "form": form, "components": rows, "errors": errors, "fees": fees,
        "pledged": bool(request.POST.get("cam-doan")), "pledge_error": errors.get("cam-doan"),
        "fee_total": total, "draft": draft, "accepted": ACCEPTED, "accept": ACCEPT,
        "max_mb": max_bytes() // (1024 * 1024), "token": request.POST.get("token") or uuid.uuid4().hex,
    })


def _fees(dossier) -> bool:
    from payments.dues import dues_of

    return bool(dues_of(dossier))


def _own_or_on_behalf(user, form, errors: dict) -> None:
    """An account files for itself, or a citizen files for someone else as their representative
    (the account holder is then the representative on record): nobody files in another's name
    unseen."""
    data = form.cleaned_data
    own = (user.tax_code if user.kind == user.Kind.ORGANISATION else user.citizen_id) or ""
    if data["id_number"].strip() == own:
        return
    if user.kind == user.Kind.ORGANISATION:
        errors["id_number"] = "Tài khoản tổ chức chỉ nộp hồ sơ của chính tổ chức (mã số thuế của tài khoản)."
        return
    if data["representative_id_number"].strip() not in ("", own):
        errors["representative_id_number"] = ("Khi nộp thay, người nộp thay là chủ tài khoản: số định danh "
                                              f"{own}.")
        return
    data["representative_name"] = data["representative_name"] or user.full_name
    data["representative_id_number"] = own


def _offers(user, components) -> dict:
    """Per component, the citizen's own valid digitized documents (documents/), its kind first."""
    from documents.actions import offered
    from documents.views import own_number

    number = own_number(user)
    return {c.pk: offered(number, c) for c in components}


def _chosen(raw, offers: list):
    """The document picked for a component, only among those offered to this citizen."""
    return next((d for d in offers if str(d.pk) == (raw or "").strip()), None)


def _register(request, version, applicant, components, uploads: dict, reused: dict, errors: dict):
    """Submit and attach in one transaction; an engine refusal becomes an error by its field."""
    token = request.POST.get("token", "")[:40] or uuid.uuid4().hex
    current = None
    try:
        with blobs_kept_only_if_committed(), transaction.atomic():
            outcome = actions.submit(version, applicant, request.user, key=f"portal/{token}")
            if outcome.repeated:  # the same form posted again: it was registered the first time
                return outcome
            for component in components:
                current = component
                if uploads[component.pk]:
                    attach_file(outcome.dossier, component, uploads[component.pk], request.user)
                elif reused[component.pk]:
                    reuse(outcome.dossier, component, reused[component.pk], request.user)
            return outcome
    except ActionError as exc:
        if exc.field == "file" and current is not None:
            errors[f"component-{current.pk}"] = exc.message
        else:
            errors[(exc.field or "general").removeprefix("applicant.")] = exc.message
        return None
