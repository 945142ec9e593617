"""`manage.py open311_key create NAME` prints a new key (shown once; only its hash is kept);
`open311_key revoke NAME` revokes it; `open311_key list` lists keys."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from fieldreports.models import ApiClient


class Command(BaseCommand):
    help = "Tạo, thu hồi hoặc liệt kê khóa API Open311 của ứng dụng đối tác."

    def add_arguments(self, parser):
        parser.add_argument("op", choices=["create", "revoke", "list"])
        parser.add_argument("name", nargs="?")

    def handle(self, *args, op, name=None, **options):
        if op == "list":
            for client in ApiClient.objects.order_by("name"):
                if client.is_active:
                    state = "active"
                elif client.revoked_at:  # rows turned off by a bulk update before save() set it
                    state = f"revoked {timezone.localtime(client.revoked_at):%Y-%m-%d}"
                else:
                    state = "inactive"
                self.stdout.write(f"{client.name}\t{client.key_prefix}…\t{state}")
            return
        if not name:
            raise CommandError("NAME is required.")
        if op == "create":
            client = ApiClient.objects.filter(name=name).first() or ApiClient(name=name)
            key = client.set_new_key()
            client.is_active, client.revoked_at = True, None
            client.save()
            self.stdout.write(key)
            return
        updated = ApiClient.objects.filter(name=name, is_active=True).update(is_active=False,
                                                                               revoked_at=timezone.now())
        if not updated:
            raise CommandError(f"No active key named {name!r}.")
        self.stdout.write(f"Revoked {name}.")
