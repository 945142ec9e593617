"""The files of a dossier, served only to those who may see it (motcua/private_storage.py).

- an attachment or an issued form: to the staff who may see the dossier and to the applicant's
  own account (dossiers/search.py `visible_dossiers`); anyone else gets 404, as if it did
  not exist;
- the receipt (form 01): also to whoever holds the dossier's code and lookup secret, the pair
  printed on it, with the lookup's rate limits; the latest slip issued (re-issued after a
  supplement, dossiers/forms/receipt.py).
Always as an attachment (never rendered by the browser) with the original name.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.views.decorators.http import require_GET

from dossiers import lookup
from dossiers.models import Dossier, DossierFile, IssuedForm
from dossiers.search import visible_dossiers
from motcua import ratelimit

NOT_YOURS = "Không tìm thấy tệp, hoặc bạn không có quyền xem tệp này."


def _send(field_file, filename: str, content_type: str) -> FileResponse:
    try:
        handle = field_file.open("rb")
    except (FileNotFoundError, OSError):  # the row outlived its file (a restore without the files)
        raise Http404("Tệp không còn trong kho lưu trữ; vui lòng liên hệ bộ phận một cửa.") from None
    response = FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)
    response["Cache-Control"] = "private, no-store"
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
    return _send(attached.file, attached.original_name, attached.content_type)


@require_GET
@login_required
def issued_form(request, pk: int, form_id: int):
    issued = IssuedForm.objects.filter(pk=form_id, dossier=_visible(request, pk)).first()
    if issued is None:
        raise Http404(NOT_YOURS)
    return _send(issued.file, f"{issued.dossier.code or issued.dossier.pk}-mau-{issued.kind}.pdf", "application/pdf")


@require_GET
def receipt(request, code: str, secret: str):
    who, which = ratelimit.client_ip(request), code.strip().upper()[:40]
    if ratelimit.retry_after(lookup.WRONG_PER_ADDRESS, who) or ratelimit.retry_after(lookup.WRONG_PER_CODE, which):
        raise Http404(NOT_YOURS)
    dossier = lookup.find(code, secret)
    if dossier is None:
        ratelimit.hit(lookup.WRONG_PER_ADDRESS, who)
        ratelimit.hit(lookup.WRONG_PER_CODE, which)
        raise Http404(NOT_YOURS)
    # The latest slip by the event it belongs to (a re-issue after a supplement carries the
    # new appointment), not by when it was printed: the original may be printed after it.
    issued = (IssuedForm.objects.filter(dossier=dossier, kind=IssuedForm.Kind.RECEIPT)
              .order_by("-event__seq", "-pk").first())
    if issued is None:
        raise Http404(NOT_YOURS)
    return _send(issued.file, f"{dossier.code}-giay-tiep-nhan.pdf", "application/pdf")
