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
