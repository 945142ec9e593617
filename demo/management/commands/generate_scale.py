"""`manage.py generate_scale`: fill a throw-away database with provincial volume (demo/scale.py)."""

import time

from django.core.management.base import BaseCommand, CommandError

from demo.scale import generate
from workflow import outbox


class Command(BaseCommand):
    help = ("Sinh dữ liệu quy mô tỉnh để đo hiệu năng (chỉ dùng cho cơ sở dữ liệu thử nghiệm). "
            "Fill a throw-away database with dossiers and field reports for benchmarks.")

    def add_arguments(self, parser):
        parser.add_argument("--dossiers", type=int, default=1_000_000)
        parser.add_argument("--reports", type=int, default=300_000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--batch", type=int, default=5000)

    def handle(self, *args, **options):
        if min(options["dossiers"], options["reports"]) < 0 or options["batch"] < 1:
            raise CommandError("Số lượng phải không âm và --batch phải dương.")
        started = time.monotonic()
        step = max(options["batch"] * 20, 1)

        def progress(text):
            number = int(text.split()[0].replace(",", ""))
            if number % step == 0:
                self.stdout.write(f"  {text} ({time.monotonic() - started:.0f} s)")

        try:
            with outbox.muted():
                counts = generate(options["dossiers"], options["reports"], seed=options["seed"],
                                  batch=options["batch"], progress=progress)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(f"Đã tạo {counts.dossiers:,} hồ sơ ({counts.dossier_events:,} sự kiện) và {counts.reports:,} "
                          f"phản ánh ({counts.report_events:,} sự kiện) trong {time.monotonic() - started:.0f} s.")
        from ioc.projection import catch_up_untracked

        applied = catch_up_untracked()  # written without publishing: the figures apply them now
        self.stdout.write(f"Số liệu điều hành: đã áp dụng {applied:,} hồ sơ ({time.monotonic() - started:.0f} s).")
