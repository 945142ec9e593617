"""The files of a dossier, served only to those who may see it (motcua/private_storage.py).

- an attachment or an issued form: to the staff who may see the dossier and to the applicant's
  own account (dossiers/search.py `visible_dossiers`); anyone else gets 404, as if it did
  not exist;
- the receipt (form 01): also to whoever holds the dossier's code and lookup secret, the pair
  printed on it, with the lookup's rate limits; the latest slip issued (re-issued after a
  supplement, dossiers/forms/receipt.py).
An image is served as its copy without location and camera metadata (dossiers/images.py) to
everyone but the person who uploaded it, who gets back the original they sent.
As an attachment with the original name; a PDF or an image may be shown in the browser for
preview (?xem=1), sandboxed by its own Content-Security-Policy.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET

from dossiers import lookup
from dossiers.models import Dossier, DossierFile, IssuedForm
from dossiers.search import visible_dossiers

NOT_YOURS = "Không tìm thấy tệp, hoặc bạn không có quyền xem tệp này."


# Shown in the browser when asked (?xem=1): the types a browser renders without running
# anything, in a sandbox so that even a crafted PDF cannot script this site.
INLINE_TYPES = {"application/pdf", "image/jpeg", "image/png"}


def _send(field_file, filename: str, content_type: str, inline: bool = False) -> FileResponse:
    try:
        handle = field_file.open("rb")
    except (FileNotFoundError, OSError):  # the row outlived its file (a restore without the files)
        raise Http404("Tệp không còn trong kho lưu trữ; vui lòng liên hệ bộ phận một cửa.") from None
    inline = inline and content_type in INLINE_TYPES
    response = FileResponse(handle, as_attachment=not inline, filename=filename, content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    if inline:
        response["Content-Security-Policy"] = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"
    return response


def _visible(request, pk: int) -> Dossier:
    dossier = visible_dossiers(request.user).filter(pk=pk).first()
    if dossier is None:
        raise Http404(NOT_YOURS)
    return dossier


@require_GET
@login_required
def dossier_file(request, pk: int, file_id: int):
    attached = DossierFile.objects.filter(pk=file_id, dossier=_visible(request, pk)).first()
    if attached is None:
        raise Http404(NOT_YOURS)
    shown = attached.file if not attached.shown or attached.uploaded_by_id == request.user.pk else attached.shown
    return _send(shown, attached.original_name, attached.content_type, inline=request.GET.get("xem") == "1")


@require_GET
@login_required
def issued_form(request, pk: int, form_id: int):
    dossier = _visible(request, pk)
    issued = IssuedForm.objects.filter(pk=form_id, dossier=dossier).first()
    if issued is None or (issued.kind not in APPLICANT_FORMS and dossier.submitted_by_id == request.user.pk):
        raise Http404(NOT_YOURS)
    return _send(issued.file, f"{issued.dossier.code or issued.dossier.pk}-mau-{issued.kind}.pdf", "application/pdf")


# The forms the applicant receives; the control slip (05) is the agencies' own record.
APPLICANT_FORMS = ("01", "02", "03", "04")
FORM_KINDS = (*APPLICANT_FORMS, "05")


@require_GET
@login_required
def print_form(request, pk: int, kind: str):
    """Issue form `kind` (01–05) of the dossier, or hand back the stored copy, and download it.
    A form the dossier has no event for yet sends the reader back with the reason."""
    from dossiers.forms.issue import FormError, issue_form

    if kind not in FORM_KINDS:
        raise Http404("Không có mẫu này; các mẫu in theo hồ sơ là 01 đến 05.")
    dossier = _visible(request, pk)
    if kind not in APPLICANT_FORMS and dossier.submitted_by_id == request.user.pk:
        raise Http404(NOT_YOURS)
    try:
        issued = issue_form(dossier, kind, user=request.user)
    except FormError as exc:
        messages.error(request, exc.message)
        back = request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
            back = "home"
        return redirect(back)
    return _send(issued.file, f"{dossier.code or dossier.pk}-mau-{issued.kind}.pdf", "application/pdf")


@require_GET
def receipt(request, code: str, secret: str):
    dossier, _wait = lookup.attempt(request, code, secret)
    if dossier is None:
        raise Http404(NOT_YOURS)
    # The latest slip by the event it belongs to (a re-issue after a supplement carries the
    # new appointment), not by when it was printed: the original may be printed after it.
    issued = (IssuedForm.objects.filter(dossier=dossier, kind=IssuedForm.Kind.RECEIPT)
              .order_by("-event__seq", "-pk").first())
    if issued is None:
        raise Http404(NOT_YOURS)
    return _send(issued.file, f"{dossier.code}-giay-tiep-nhan.pdf", "application/pdf")
