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


def versions_holding(groups: list[tuple[Phrase, ...]], fields: tuple[str, ...], *, every: bool = False) -> RawSQL:
    """The ids of the versions holding, in any of `fields`, a phrase of any group (or, with
    `every`, a phrase of each group), as a subquery."""
    join = (" & ", " AND ") if every else (" | ", " OR ")
    if connection.vendor == "postgresql":
        weights = {NAME: "A", BODY: "B"}
        expression = join[0].join(
            "(" + " | ".join(_tsquery(p, weights[f]) for p in group for f in fields) + ")" for group in groups)
        return RawSQL("SELECT id FROM catalogue_procedureversion "
                      "WHERE search_document @@ to_tsquery('simple'::regconfig, %s)", [expression])
    if connection.vendor == "sqlite":
        columns = " ".join(f"search_{f}" for f in fields)
        expression = "{" + columns + "} : (" + join[1].join(
            "(" + " OR ".join(_fts5(p) for p in group) + ")" for group in groups) + ")"
        return RawSQL("SELECT rowid FROM catalogue_search WHERE catalogue_search MATCH %s", [expression])
    raise NotImplementedError(f"catalogue search needs SQLite or PostgreSQL, not {connection.vendor}")
