"""Dossier codes `<agency code>-YYMMDD-XXXX` (Circular 01/2018/TT-VPCP Art. 19)."""

from __future__ import annotations

import secrets
from datetime import date

from dossiers.models import DossierCounter

# Letters and digits that cannot be mistaken for each other when read aloud or typed.
_SECRET_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


def next_code(agency, day: date) -> str:
    """Take the next number of `agency` on `day`; must run inside the receiving transaction.

    The counter row is locked (SELECT … FOR UPDATE on PostgreSQL; SQLite serialises writing
    transactions), so concurrent receipts on any number of processes get distinct,
    consecutive numbers, and a receipt that rolls back gives its number back unused.
    """
    counter, _ = DossierCounter.objects.select_for_update().get_or_create(agency=agency, day=day)
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{agency.code}-{day:%y%m%d}-{counter.last:04d}"


def new_lookup_secret() -> str:
    """A short secret printed on the receipt so the public lookup cannot be enumerated (§9)."""
    return "".join(secrets.choice(_SECRET_ALPHABET) for _ in range(8))
