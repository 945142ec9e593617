"""python manage.py import_catalogue FILE.xlsx [--dry-run]

Validates the whole workbook (layout: docs/catalogue-excel.md) and writes it in one
transaction, or writes nothing and lists every bad cell. Exits non-zero on any error.
"""

from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from catalogue.excel import import_workbook


def tqdm_progress(stream):
    def progress(iterable, total, description):
        return tqdm(iterable, total=total, desc=description, unit=" dòng", file=stream, leave=False,
                    disable=None)  # None: no bar when stderr is not a terminal
    return progress


class Command(BaseCommand):
    help = "Nhập danh mục thủ tục hành chính từ tệp Excel (.xlsx); lỗi ở bất kỳ ô nào thì không nhập gì."

    def add_arguments(self, parser):
        parser.add_argument("file", help="Tệp .xlsx theo mẫu của export_catalogue.")
        parser.add_argument("--dry-run", action="store_true", help="Chỉ kiểm tra, không lưu vào cơ sở dữ liệu.")

    def handle(self, *args, file, dry_run, **options):
        try:
            handle = open(file, "rb")  # noqa: SIM115 - closed below
        except OSError as exc:
            raise CommandError(f"Không mở được tệp {file}: {exc.strerror}.") from None
        with handle:
            result = import_workbook(handle, progress=tqdm_progress(sys.stderr), dry_run=dry_run)
        if result.errors:
            for error in result.errors:
                self.stderr.write(str(error))
            raise CommandError(f"Tệp có {len(result.errors)} lỗi; không có thủ tục nào được nhập.", returncode=1)
        summary = (f"{result.written} thủ tục ({result.published} công bố, {result.drafts} bản nháp)"
                   + (f"; {result.unchanged} thủ tục không đổi" if result.unchanged else "")
                   + (f"; {result.synonyms} từ đồng nghĩa thêm hoặc sửa" if result.synonyms else ""))
        if dry_run:
            self.stdout.write(self.style.SUCCESS(f"Kiểm tra xong, tệp hợp lệ: sẽ nhập {summary}. Chưa lưu gì."))
        else:
            self.stdout.write(self.style.SUCCESS(f"Đã nhập {summary}."))
