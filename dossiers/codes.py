"""Dossier codes `<agency code>-YYMMDD-XXXX` (Circular 01/2018/TT-VPCP Art. 19)."""

from __future__ import annotations

import secrets
from datetime import date

from django.db import connection

from dossiers.models import DossierCounter

# Letters and digits that cannot be mistaken for each other when read aloud or typed.
_SECRET_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def next_code(agency, day: date) -> str:
    """Take the next number of `agency` on `day`; must run inside the receiving transaction.

    One upsert (the same SQL on PostgreSQL and SQLite ≥ 3.35) creates or increments the
    counter row and leaves it locked until the receipt commits, so concurrent receipts on
    any number of processes get distinct, consecutive numbers, and a receipt that rolls
    back gives its number back unused.
    """
    table = DossierCounter._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (agency_id, day, last) VALUES (%s, %s, 1) "  # noqa: S608 (table name is ours)
            f"ON CONFLICT (agency_id, day) DO UPDATE SET last = {table}.last + 1 RETURNING last",
            [agency.pk, day],
        )
        number = cursor.fetchone()[0]
    return f"{agency.code}-{day:%y%m%d}-{number:04d}"


def new_lookup_secret() -> str:
    """A short secret printed on the receipt so the public lookup cannot be enumerated (docs/domain/one-stop.md §3)."""
    return "".join(secrets.choice(_SECRET_ALPHABET) for _ in range(8))


def code_gaps() -> list[tuple[str, str]]:
    """(code or code range, why) for every number a counter gave out that no dossier holds, and
    every code no counter gave out. Receipts never give a number back once committed, so a gap
    is a dossier deleted from the database (Circular 01/2018 Art. 19: consecutive codes)."""
    from dossiers.models import Dossier
    from units.models import Agency

    held: dict[str, set[int]] = {}
    for code in Dossier.objects.exclude(code=None).values_list("code", flat=True).iterator(chunk_size=5000):
        prefix, _, number = code.rpartition("-")
        if number.isdigit():
            held.setdefault(prefix, set()).add(int(number))
    agency_codes = dict(Agency.objects.values_list("pk", "code"))
    found = []
    counted = set()
    for agency_id, day, last in DossierCounter.objects.values_list("agency_id", "day", "last"):
        prefix = f"{agency_codes[agency_id]}-{day:%y%m%d}"
        counted.add(prefix)
        numbers = held.get(prefix, set())
        for start, end in _runs(sorted(set(range(1, last + 1)) - numbers)):
            span = f"{prefix}-{start:04d}" + (f" đến {prefix}-{end:04d}" if end > start else "")
            found.append((span, "mã đã cấp nhưng không còn hồ sơ nào mang mã này (hồ sơ bị xóa?)"))
        for number in sorted(n for n in numbers if n > last):
            found.append((f"{prefix}-{number:04d}", "mã vượt quá số bộ đếm đã cấp (không do hệ thống cấp)"))
    for prefix in sorted(held.keys() - counted):
        found.append((f"{prefix}-…", "mã không do bộ đếm nào cấp (không do hệ thống cấp)"))
    return found


def _runs(numbers: list[int]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    for n in numbers:
        if runs and n == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], n)
        else:
            runs.append((n, n))
    return runs
