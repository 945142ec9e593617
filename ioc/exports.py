"""Excel exports of the operations centre's tables (ioc/tables.py), built by a worker.

Asking for an export records it (ioc.Export) and queues its task in the same transaction; the
page then shows a progress bar that htmx refreshes each second until the file is ready. The
worker reads the filters again as the person who asked (what they may see now, not when they
asked), writes the workbook row by row (openpyxl's write-only mode: memory stays flat however
long the list), reports its progress, and keeps the file in the private storage, served only
to that person. Files older than EXPORT_KEEP_DAYS are deleted by a periodic task (ioc/tasks.py).
"""

from __future__ import annotations

import logging
import re
import tempfile
from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files import File
from django.db import transaction
from django.http import FileResponse, Http404, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from ioc import figures, tasks
from ioc.access import visible_agencies
from ioc.filters import Filters
from ioc.models import Export
from ioc.tables import MAX_ROWS, TABLES

logger = logging.getLogger(__name__)

# Exports one person may have waiting or running at once: a second click waits for the first.
AT_ONCE = 3
PROGRESS_EVERY = 500
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _mine(request, pk: int) -> Export:
    return get_object_or_404(Export, pk=pk, user=request.user)


@require_POST
@login_required
def start(request):
    """Queue the export of one table with the filters in the address (the page's own)."""
    agencies = visible_agencies(request.user)
    if not agencies:
        raise Http404("Không tìm thấy trang.")
    table = TABLES.get(request.POST.get("bang", ""))
    if table is None:
        messages.error(request, "Không có bảng số liệu này để xuất.")
        return redirect("ioc:dashboard")
    busy = Export.objects.filter(user=request.user, status__in=(Export.Status.QUEUED, Export.Status.RUNNING)).count()
    if busy >= AT_ONCE:
        messages.error(request, f"Bạn đang có {busy} tệp đang xuất; vui lòng chờ các tệp này xong rồi xuất tiếp.")
        return redirect("ioc:exports")
    f = Filters(request.GET, agencies)
    with transaction.atomic():
        export = Export.objects.create(user=request.user, table=table.slug, params=f.query())
        tasks.export.enqueue(export.pk)
    return redirect("ioc:export", pk=export.pk)


@require_GET
@login_required
def status(request, pk: int):
    """The export's page: its progress (a fragment refreshed by htmx), then its download."""
    export = _mine(request, pk)
    context = {"export": export, "table": TABLES.get(export.table), "keep_days": settings.EXPORT_KEEP_DAYS}
    if request.htmx:
        return render(request, "ioc/_export_progress.html", context)
    return render(request, "ioc/export.html", context)


@require_GET
@login_required
def mine(request):
    """The person's exports of the last EXPORT_KEEP_DAYS days."""
    exports = Export.objects.filter(user=request.user).order_by("-created_at", "-pk")[:50]
    return render(request, "ioc/exports.html", {"exports": exports, "tables": TABLES,
                                                "keep_days": settings.EXPORT_KEEP_DAYS})


@require_GET
@login_required
def download(request, pk: int):
    export = _mine(request, pk)
    if export.status != Export.Status.DONE or not export.file:
        raise Http404("Tệp chưa sẵn sàng hoặc đã hết hạn lưu.")
    try:
        handle = export.file.open("rb")
    except OSError:
        raise Http404("Tệp đã hết hạn lưu; vui lòng xuất lại.") from None
    response = FileResponse(handle, as_attachment=True, filename=export.filename, content_type=XLSX)
    response["Cache-Control"] = "private, no-store"
    return response


# --- the worker's side (ioc/tasks.py runs it) ------------------------------------------------------

def run(export_id: int) -> str:
    export = Export.objects.select_related("user").filter(pk=export_id).first()
    if export is None or export.status == Export.Status.DONE:
        return "không còn việc"
    Export.objects.filter(pk=export.pk).update(status=Export.Status.RUNNING, rows_done=0)
    try:
        rows = write(export)
    except Exception:
        logger.exception("export %s failed", export.pk)
        Export.objects.filter(pk=export.pk).update(
            status=Export.Status.FAILED, finished_at=timezone.now(),
            error="Có lỗi khi tạo tệp; vui lòng thử lại, nếu vẫn lỗi hãy báo bộ phận quản trị hệ thống.")
        return "lỗi"
    return f"{rows} dòng"


def write(export: Export) -> int:
    """Write the workbook of `export` for its owner's current scope; the number of rows."""
    agencies = visible_agencies(export.user)
    table = TABLES[export.table]
    f = Filters(QueryDict(export.params), agencies)
    count, rows = table.rows(f) if agencies else (0, iter(()))
    Export.objects.filter(pk=export.pk).update(rows_total=count)
    book = Workbook(write_only=True)
    # Excel's sheet names: at most 31 characters, none of : \ / ? * [ ]
    sheet = book.create_sheet(re.sub(r"[:\\/?*\[\]]", " ", table.title)[:31].strip())
    bold = Font(bold=True)

    def heading(text: str, size: int | None = None):
        cell = WriteOnlyCell(sheet, value=text)
        cell.font = Font(bold=True, size=size) if size else bold
        return [cell]

    sheet.append(heading(table.title, 13))
    sheet.append([f"Kỳ: {figures.KINDS[f.kind]}, {f.period.label}"])
    sheet.append([f"Phạm vi: {f.describe()}"])
    sheet.append([f"Lập lúc {timezone.localtime():%H:%M %d/%m/%Y} bởi {export.user.get_full_name() or export.user}; "
                  "nguồn: số liệu tổng hợp của hệ thống"])
    sheet.append([])
    columns = table.columns(f) if callable(table.columns) else table.columns
    sheet.append([WriteOnlyCell(sheet, value=title) for title in columns])
    written = 0
    for row in rows:
        sheet.append(row)
        written += 1
        if written % PROGRESS_EVERY == 0:
            Export.objects.filter(pk=export.pk).update(rows_done=written)
    if written >= MAX_ROWS:
        sheet.append([f"Chỉ ghi {MAX_ROWS:,} dòng đầu; hãy thu hẹp kỳ hoặc phạm vi để xuất phần còn lại."])
    with tempfile.TemporaryFile() as out:
        book.save(out)
        out.seek(0)
        filename = f"{table.slug}-{f.period.start:%Y%m%d}-{f.period.end:%Y%m%d}.xlsx"
        export.file.save(filename, File(out), save=False)
    Export.objects.filter(pk=export.pk).update(
        status=Export.Status.DONE, rows_done=written, rows_total=written, file=export.file.name, filename=filename,
        finished_at=timezone.now())
    return written


def expire() -> int:
    """Delete the exports older than EXPORT_KEEP_DAYS and their files; how many."""
    old = Export.objects.filter(created_at__lt=timezone.now() - timedelta(days=settings.EXPORT_KEEP_DAYS))
    for export in old.exclude(file=""):
        export.file.delete(save=False)
    return old.delete()[0]
