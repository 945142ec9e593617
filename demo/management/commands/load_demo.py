"""`manage.py load_demo`: all provinces and communes, then Huế's agencies, demo accounts and catalogue."""

from django.core.management.base import BaseCommand

from demo.catalogue_loader import load_catalogue_demo
from demo.history import load_history
from demo.loader import load_demo
from demo.synonyms import load_synonyms
from dossiers.demo import load_dossiers_demo
from fieldreports.demo import load_fieldreports_demo
from ioc.projection import catch_up_untracked
from scoring.projection import rebuild as rebuild_scores


class Command(BaseCommand):
    help = (
        "Nạp dữ liệu mẫu thành phố Huế: 34 tỉnh, thành phố và các xã, phường; cơ quan; tài khoản mẫu; thủ tục hành "
        "chính; phản ánh và hồ sơ mẫu. Load the Huế demo (units, agencies, demo accounts, procedure catalogue, "
        "field reports, dossiers, two years of history); safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--no-history", action="store_true",
                            help="skip the two years of finished dossiers and reports (demo/history.py)")

    def handle(self, *args, **options):
        counts = load_demo()
        catalogue = load_catalogue_demo()  # after the agencies it refers to
        synonyms = load_synonyms()
        fieldreports = load_fieldreports_demo()  # after the agencies and demo accounts
        dossiers = load_dossiers_demo()  # after the catalogue and the demo accounts
        history = "" if options["no_history"] else load_history()
        figures = catch_up_untracked()  # the demo's dossiers tell nobody: the figures apply them here
        scored = rebuild_scores()  # and the citizens' scores roll up from their evaluations (idempotent)
        self.stdout.write(self.style.SUCCESS(f"{counts} {catalogue} Search synonyms: {synonyms} new. "
                                             f"{fieldreports} {dossiers} {history} "
                                             f"Operations figures: {figures} dossiers applied; {scored} scores rolled "
                                             "up."))
