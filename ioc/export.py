"""The dashboard's agency table as an Excel workbook, the filters written above the table."""

from __future__ import annotations

from io import BytesIO

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

from dossiers.models import Channel
from ioc import figures
from ioc.views import Filters, _scope, agency_rows

COLUMNS = (("Cơ quan", None), ("Tiếp nhận", "received"), ("Đã giải quyết", "resolved"),
           ("Trước hạn", "resolved_early"), ("Đúng hạn", "resolved_on_time"), ("Quá hạn", "resolved_late"),
           ("Tỷ lệ đúng hạn (%)", "on_time_rate"), ("Thời gian TB (ngày)", "average_days"),
           ("Đang quá hạn", "overdue"), ("Đang trong hạn", "in_time"), ("Tạm dừng", "paused"),
           ("Từ chối", "refused"), ("Rút", "withdrawn"), ("Xin lỗi, hẹn lại", "apologies"))


@login_required
def agencies_xlsx(request):
    agencies = _scope(request)
    f = Filters(request, agencies)
    book = Workbook()
    sheet = book.active
    sheet.title = "Theo cơ quan"
    sheet.append(["Số liệu giải quyết thủ tục hành chính theo cơ quan"])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([f"Kỳ: {figures.KINDS[f.kind]}, {f.period.label}"])
    sheet.append([f"Cơ quan: {f.agency.name if f.agency else 'Tất cả'}; hình thức nộp: "
                  f"{Channel(f.channel).label if f.channel else 'Tất cả'}"])
    sheet.append([f"Lập lúc {timezone.localtime():%H:%M %d/%m/%Y}; nguồn: số liệu tổng hợp của hệ thống"])
    sheet.append([])
    sheet.append([title for title, _ in COLUMNS])
    for cell in sheet[6]:
        cell.font = Font(bold=True)
    for row in agency_rows(f):
        sheet.append([row["agency"].name,
                      *(row.get(key) if row.get(key) is not None else "" for _, key in COLUMNS[1:])])
    sheet.column_dimensions["A"].width = 60
    out = BytesIO()
    book.save(out)
    response = HttpResponse(out.getvalue(),
                            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="so-lieu-co-quan-{f.period.start:%Y%m%d}.xlsx"'
    return response
