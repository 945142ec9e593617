from django.core.management.base import BaseCommand, CommandError

from workdays.due import DueInputError, compute_due, parse_positive_int


class Command(BaseCommand):
    help = "Print the due time (ISO 8601) of a period started at --received-at, by the working calendar."

    def add_arguments(self, parser):
        parser.add_argument("--received-at", required=True, help="ISO 8601 with offset, e.g. 2025-01-24T10:00:00+07:00")
        parser.add_argument("--days", help="N working days")
        parser.add_argument("--hours", help="H working hours")
        parser.add_argument("--same-day", action="store_true", help="same-day procedure (cut-off applies)")
        parser.add_argument("--agency", help="agency code whose working hours apply")

    def handle(self, *args, **options):
        try:
            answer = compute_due(
                options["received_at"],
                days=parse_positive_int("days", options["days"]),
                hours=parse_positive_int("hours", options["hours"]),
                same_day=options["same_day"],
                agency_code=options["agency"],
            )
        except DueInputError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(answer.due_at.isoformat())
