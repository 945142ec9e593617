"""python manage.py export_catalogue OUT.xlsx [--field CODE] [--agency CODE] [--q TEXT] [--all-versions]

By default exports the versions in force today (catalogue.services.current_versions), in
the layout import_catalogue reads (docs/catalogue-excel.md).
"""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError

from catalogue.excel import write_workbook
from catalogue.management.commands.import_catalogue import tqdm_progress
from catalogue.models import ProcedureVersion
from catalogue.search import search
from catalogue.services import current_versions


class Command(BaseCommand):
    help = "Xuất danh mục thủ tục hành chính ra tệp Excel (.xlsx)."

    def add_arguments(self, parser):
        parser.add_argument("out", help="Tệp .xlsx sẽ ghi ra.")
        parser.add_argument("--field", help="Chỉ thủ tục thuộc lĩnh vực có mã này.")
        parser.add_argument("--agency", help="Chỉ thủ tục có cơ quan có thẩm quyền mang mã này.")
        parser.add_argument("--q", help="Chỉ thủ tục khớp từ khóa, như ô tìm kiếm của trang thủ tục.")
        parser.add_argument(
            "--all-versions", action="store_true",
            help="Mọi phiên bản (cả bản nháp, bản cũ) thay vì phiên bản đang có hiệu lực hôm nay. "
            "Tệp này dùng để lưu trữ, xem xét; nhập lại sẽ báo trùng mã thủ tục.",
        )

    def handle(self, *args, out, field=None, agency=None, q=None, all_versions=False, **options):
        versions = ProcedureVersion.objects.all() if all_versions else current_versions()
        if field:
            versions = versions.filter(field__code=field)
        if agency:
            versions = versions.filter(competent_agency__code=agency)
        if q:
            versions = versions.filter(pk__in=search(versions, q, limit=None, suggest=False).pks)
        data = write_workbook(versions, progress=tqdm_progress(sys.stderr))
        try:
            with open(out, "wb") as handle:
                handle.write(data)
        except OSError as exc:
            raise CommandError(f"Không ghi được tệp {out}: {exc.strerror}.") from None
        self.stdout.write(self.style.SUCCESS(f"Đã xuất {versions.count()} phiên bản thủ tục ra {out}."))
