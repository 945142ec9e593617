"""API tokens from a script (docs/api-dossiers.md, "API tokens for integrations").

    manage.py api_token create --system "Cổng DVC quốc gia" --account dvcqg --agency 000.00.00.H57 \\
        --scope act [--role counter_officer ...] [--expires 2026-12-31] [--note "…"]
    manage.py api_token revoke mct_1a2b3c4d        (the prefix, with or without mct_, or the whole token)
    manage.py api_token list

`create` prints the whole token, and only it, on standard output (TOKEN=$(manage.py api_token
create …)); it is shown this once, only its hash is kept. A missing --account is created as an
integration account without a password; each --role is granted to it in --agency.
"""

from __future__ import annotations

from datetime import datetime, time

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from accounts import tokens
from accounts.models import ApiToken, User
from accounts.roles import Role
from accounts.services import PERSONAL_ROLES, grant_role
from units.models import Agency


class Command(BaseCommand):
    help = "Cấp, thu hồi hoặc liệt kê mã truy cập API của hệ thống tích hợp."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="op", required=True)
        create = sub.add_parser("create", help="Cấp mã mới (in mã đầy đủ một lần).")
        create.add_argument("--system", required=True, help="Tên hệ thống tích hợp")
        create.add_argument("--account", required=True, help="Tên đăng nhập của tài khoản tích hợp")
        create.add_argument("--agency", required=True, help="Mã cơ quan: phạm vi của mã (gồm đơn vị trực thuộc)")
        create.add_argument("--scope", required=True, choices=ApiToken.Scope.values)
        create.add_argument("--role", action="append", default=[],
                            choices=[r for r in Role.values if r not in PERSONAL_ROLES],
                            help="Vai trò cấp cho tài khoản tại cơ quan (lặp lại được)")
        create.add_argument("--expires", help="Ngày hết hạn YYYY-MM-DD (hết hạn đầu ngày đó, giờ địa phương)")
        create.add_argument("--note", default="")
        revoke = sub.add_parser("revoke", help="Thu hồi mã.")
        revoke.add_argument("token", help="Tiền tố (mct_1a2b3c4d hoặc 1a2b3c4d) hoặc mã đầy đủ")
        sub.add_parser("list", help="Liệt kê các mã.")

    def handle(self, *args, op, **options):
        getattr(self, f"_{op}")(**options)

    def _create(self, *, system, account, agency, scope, role, expires, note, **options):
        place = Agency.objects.filter(code=agency).first()
        if place is None:
            raise CommandError(f"No agency with code {agency!r}.")
        expires_at = None
        if expires:
            try:
                day = datetime.strptime(expires, "%Y-%m-%d").date()
            except ValueError:
                raise CommandError("--expires must be a date, YYYY-MM-DD.") from None
            expires_at = timezone.make_aware(datetime.combine(day, time.min))
        try:
            with transaction.atomic():
                user = User.objects.filter(username=account).first()
                if user is None:
                    user = tokens.new_integration_account(account, system)
                    self.stderr.write(f"Created integration account {account}.")
                elif user.kind != User.Kind.INTEGRATION:
                    raise CommandError(f"{account} is not an integration account; tokens are only issued to those.")
                for name in role:
                    grant_role(user, place, name)
                token, plain = tokens.issue(system=system, account=user, agency=place, scope=scope,
                                            expires_at=expires_at, note=note)
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from None
        self.stderr.write(f"Token {tokens.START}{token.prefix}_… for {system}: shown once, only its hash is kept.")
        self.stdout.write(plain)

    def _revoke(self, *, token, **options):
        presented = token.strip()
        match = tokens.TOKEN.fullmatch(presented)
        prefix = match["prefix"] if match else presented.removeprefix(tokens.START).rstrip("_…")
        found = ApiToken.objects.filter(prefix=prefix).first()
        if found is None:
            raise CommandError(f"No token with prefix {prefix!r}.")
        if not tokens.revoke(found):
            raise CommandError(f"Token {prefix} was already revoked.")
        self.stdout.write(f"Revoked {tokens.START}{prefix}_… ({found.system}).")

    def _list(self, **options):
        now = timezone.now()
        for t in ApiToken.objects.select_related("account", "agency").order_by("system", "created_at"):
            if t.revoked_at:
                state = f"revoked {timezone.localtime(t.revoked_at):%Y-%m-%d}"
            elif t.expires_at and t.expires_at <= now:
                state = f"expired {timezone.localtime(t.expires_at):%Y-%m-%d}"
            else:
                state = "active"
            used = f"{timezone.localtime(t.last_used_at):%Y-%m-%d %H:%M} {t.last_used_ip or ''}".strip() \
                if t.last_used_at else "never used"
            self.stdout.write("\t".join([f"{tokens.START}{t.prefix}_…", t.system, t.account.username, t.agency.code,
                                         t.scope, state, used]))
