"""`manage.py demo_accounts`: where to open motcua and which demo accounts to sign in with."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from accounts.models import Membership, User
from accounts.roles import Role
from demo import data

URL = "http://127.0.0.1:8000/"
DIVISION_TYPES_EN = {"phường": "ward", "xã": "commune", "đặc khu": "special zone"}


def _agency_label(agency) -> str:
    english = data.AGENCY_NAMES_EN.get(agency.code)
    unit = agency.unit
    if english is None and unit.level == unit.Level.COMMUNE:
        # "Phường Thuận Hóa" -> "People's Committee of Thuận Hóa ward"
        kind = unit.division_type
        bare = unit.name[len(kind) + 1:] if unit.name.lower().startswith(kind.lower() + " ") else unit.name
        english = f"People's Committee of {bare} {DIVISION_TYPES_EN.get(kind, kind)}".rstrip()
    return f"{agency.name} ({english})" if english else agency.name


def account_rows() -> list[tuple[str, str, str, str]]:
    """(username, password, role, agency) for every demo account, as the database has them."""
    users = {u.username: u for u in User.objects.filter(username__in=[a["username"] for a in data.DEMO_ACCOUNTS])}
    memberships: dict[int, list[Membership]] = {}
    for m in (
        Membership.objects.filter(user__in=users.values(), is_active=True)
        .select_related("agency__unit")
        .order_by("pk")
    ):
        memberships.setdefault(m.user_id, []).append(m)
    rows = []
    for spec in data.DEMO_ACCOUNTS:
        user = users.get(spec["username"])
        if user is None:
            rows.append((spec["username"], data.DEMO_PASSWORD, "chưa nạp / not loaded (manage.py load_demo)", ""))
            continue
        held = memberships.get(user.pk, [])
        if not held:
            role = f"{spec.get('label_vi', '')} / {spec.get('label_en', '')}"
            rows.append((user.username, data.DEMO_PASSWORD, role, "—"))
        for m in held:
            role = f"{Role(m.role).label} / {data.ROLE_NAMES_EN.get(m.role, m.role)}"
            rows.append((user.username, data.DEMO_PASSWORD, role, _agency_label(m.agency)))
    return rows


class Command(BaseCommand):
    help = "In địa chỉ và các tài khoản mẫu. Print the URL and the demo accounts."

    def add_arguments(self, parser):
        parser.add_argument("--url", default=URL, help="where motcua is served (default: %(default)s)")

    def handle(self, *args, **options):
        header = ("Tên đăng nhập / Username", "Mật khẩu / Password", "Vai trò / Role", "Cơ quan / Agency")
        rows = account_rows()
        widths = [max(len(r[i]) for r in [header, *rows]) for i in range(3)]
        line = "  ".join("-" * w for w in widths) + "  " + "-" * len(header[3])
        out = self.stdout
        out.write(f"motcua: {options['url']}")
        out.write(
            f"Mật khẩu chung của tài khoản mẫu / Shared demo password: {data.DEMO_PASSWORD} "
            "(trừ khi đã đổi / unless changed)"
        )
        out.write("")
        out.write("  ".join(h.ljust(w) for h, w in zip(header[:3], widths, strict=True)) + "  " + header[3])
        out.write(line)
        for row in rows:
            out.write("  ".join(c.ljust(w) for c, w in zip(row[:3], widths, strict=True)) + "  " + row[3])
