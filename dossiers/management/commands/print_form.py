"""Print (issue) a form: `manage.py print_form CODE 01 -o out.pdf`.

Forms 01–05 are issued for the dossier CODE (the stored copy when there is one, so a
reprint is identical). Form 06 takes an agency code and a date range:
`manage.py print_form 000.00.20.H57 06 --from 2025-03-01 --to 2025-03-31 -o so.pdf`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dossiers.forms import FormError, issue_form, issue_log_book, read
from dossiers.forms.issue import normalize_kind
from dossiers.models import Dossier
from units.models import Agency


class Command(BaseCommand):
    help = "In biểu mẫu 01–06 (Thông tư 01/2018/TT-VPCP) của một hồ sơ, hoặc sổ theo dõi hồ sơ của một cơ quan."

    def add_arguments(self, parser):
        parser.add_argument("code", help="Mã hồ sơ (mẫu 01–05) hoặc mã cơ quan (mẫu 06)")
        parser.add_argument("kind", help="Số mẫu: 01, 02, 03, 04, 05 hoặc 06")
        parser.add_argument("-o", "--output", required=True, help="Tệp PDF ghi ra")
        parser.add_argument("--from", dest="date_from", help="Mẫu 06: từ ngày (YYYY-MM-DD)")
        parser.add_argument("--to", dest="date_to", help="Mẫu 06: đến ngày (YYYY-MM-DD)")

    def handle(self, *args, code, kind, output, date_from, date_to, **options):
        try:
            kind = normalize_kind(kind)
            if kind == "06":
                agency = Agency.objects.filter(code=code).first()
                if agency is None:
                    raise CommandError(f"Không có cơ quan mã {code}.")
                if not (date_from and date_to):
                    raise CommandError("Mẫu 06 cần --from và --to (YYYY-MM-DD).")
                try:
                    start, end = date.fromisoformat(date_from), date.fromisoformat(date_to)
                except ValueError:
                    raise CommandError("Ngày phải có dạng YYYY-MM-DD.") from None
                issued = issue_log_book(agency, start, end)
            else:
                dossier = Dossier.objects.filter(code=code).first()
                if dossier is None:
                    raise CommandError(f"Không có hồ sơ mã {code}.")
                issued = issue_form(dossier, kind)
        except FormError as error:
            raise CommandError(error.message) from None
        Path(output).write_bytes(read(issued))
        self.stdout.write(f"{issued.get_kind_display()}: {output} (SHA-256 {issued.sha256})")
