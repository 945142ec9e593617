"""The full-text match on each database, over the same normalised words (docs/search.md).

Both answer the same question, "which versions hold this phrase in their name, or in their
body", so a query finds the same versions on SQLite and on PostgreSQL; the ranking is then
computed in Python (catalogue.search.ranking), identically. Words are lower-case ASCII letters
and digits (catalogue.search.query), so they are written into the match expression as they are.
"""

from __future__ import annotations

from django.db import connection
from django.db.models.expressions import RawSQL

from catalogue.search.query import Phrase

NAME, BODY = "name", "body"


def _fts5(phrase: Phrase) -> str:
    return '"' + " ".join(phrase.words) + '"' + ("*" if phrase.prefix else "")


def _tsquery(phrase: Phrase, weight: str) -> str:
    last = len(phrase.words) - 1
    return "(" + " <-> ".join(f"{w}:{'*' if phrase.prefix and i == last else ''}{weight}"
                              for i, w in enumerate(phrase.words)) + ")"


def versions_holding(phrases: tuple[Phrase, ...], fields: tuple[str, ...]) -> RawSQL:
    """The ids of the versions holding any of `phrases` in any of `fields`, as a subquery."""
    if connection.vendor == "postgresql":
        weights = {NAME: "A", BODY: "B"}
        expression = " | ".join(_tsquery(p, weights[f]) for p in phrases for f in fields)
        return RawSQL("SELECT id FROM catalogue_procedureversion "
                      "WHERE search_document @@ to_tsquery('simple'::regconfig, %s)", [expression])
    if connection.vendor == "sqlite":
        columns = " ".join(f"search_{f}" for f in fields)
        expression = "{" + columns + "} : (" + " OR ".join(_fts5(p) for p in phrases) + ")"
        return RawSQL("SELECT rowid FROM catalogue_search WHERE catalogue_search MATCH %s", [expression])
    raise NotImplementedError(f"catalogue search needs SQLite or PostgreSQL, not {connection.vendor}")
