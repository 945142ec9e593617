"""`manage.py load_units [--province 46 ...]`: load provinces and communes from the package."""

from django.core.management.base import BaseCommand, CommandError

from units.loader import load_units


class Command(BaseCommand):
    help = (
        "Nạp tỉnh, thành phố và xã, phường, đặc khu (sau 01/07/2025) từ gói vietnam-provinces. "
        "Load provinces and communes from the vietnam-provinces package; safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--province", action="append", dest="provinces", metavar="CODE",
            help="Province code to load, e.g. 46 for Huế; repeat for several. Default: all 34.",
        )

    def handle(self, *args, provinces=None, **options):
        try:
            counts = load_units(provinces)
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write(self.style.SUCCESS(f"Units loaded: {counts}."))
