from django.core.management.base import BaseCommand

from dossiers.sweep import sweep


class Command(BaseCommand):
    help = "Mark dossiers and steps due soon or overdue and alert the officers (idempotent; run every few minutes)."

    def handle(self, *args, **options):
        self.stdout.write(str(sweep()))
