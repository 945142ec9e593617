"""Pages of the document store: a citizen's own documents (and their files), and the counter's
form that keeps an attached component as a digitized document (from the officer's dossier page)."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from documents import actions
from documents.models import Document
from dossiers.models import DossierFile
from workflow.errors import ActionError
from workspace.access import officer_required


def own_number(user) -> str:
    return (user.tax_code if user.kind == user.Kind.ORGANISATION else user.citizen_id) or ""


@require_GET
@login_required
def mine(request):
    number = own_number(request.user)
    documents = Document.objects.filter(holder_number=number).order_by("-created_at", "-pk") if number else []
    today = timezone.localdate()
    return render(request, "documents/mine.html", {
        "documents": [(d, d.valid_on(today)) for d in documents]})


@require_GET
@login_required
def download(request, pk: int):
    """The holder's own document, as an attachment (officers reach it through the dossiers)."""
    document = get_object_or_404(Document, pk=pk, holder_number=own_number(request.user) or "-")
    field = document.file
    try:
        handle = field.open("rb")
    except OSError:
        raise Http404("Tệp không còn trong kho lưu trữ.") from None
    response = FileResponse(handle, as_attachment=True, filename=document.original_name,
                            content_type=document.content_type)
    response["Cache-Control"] = "private, no-store"
    return response


def _date(raw: str, field: str) -> date | None:
    raw = (raw or "").strip()
    if not raw:
        return None
    try:
        return date.fromisoformat(raw[:10])
    except ValueError:
        raise ActionError("invalid_date", "Ngày không hợp lệ; vui lòng chọn lại.", field=field) from None


@require_POST
@officer_required
def digitize(request, pk: int, file_id: int):
    """The counter keeps one file of a dossier it may see as a digitized document."""
    from workspace.dossier import _load, _page

    dossier = _load(request, pk)
    dossier_file = get_object_or_404(DossierFile, pk=file_id, dossier=dossier)
    post = request.POST
    try:
        actions.digitize(dossier_file, request.user, kind=post.get("kind", "")[:500],
                         issuer=post.get("issuer", "")[:300], number=post.get("number", "")[:100],
                         issued_on=_date(post.get("issued_on"), "issued_on"),
                         valid_until=_date(post.get("valid_until"), "valid_until"),
                         certified=post.get("certified") == "1")
    except ActionError as exc:
        return _page(request, dossier, {"action": "digitize", "file": dossier_file.pk, "field": exc.field or "",
                                        "message": exc.message, "values": post}, status=422)
    messages.success(request, "Đã lưu giấy tờ vào kho dữ liệu số hóa của người nộp.")
    return redirect("workspace:dossier", pk=dossier.pk)
