"""Diacritic- and case-insensitive search over procedure versions, on SQLite and PostgreSQL.

Published versions keep normalised copies of their text (`search_name`, `search_body`,
see motcua.textsearch) padded with spaces, so each query word matches the start of a
word: "giay phep xd" is not needed, "giay phep xay" finds "Giấy phép xây dựng". Every word
must match the name or the body; versions whose name holds the whole phrase rank first,
then those whose name holds every word, then the rest.
"""

from __future__ import annotations

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

from motcua.textsearch import terms


def search_versions(queryset: QuerySet, text: str) -> QuerySet:
    words = terms(text)
    if not words:
        return queryset
    for word in words:
        queryset = queryset.filter(Q(search_name__contains=f" {word}") | Q(search_body__contains=f" {word}"))
    name_has_all = Q()
    for word in words:
        name_has_all &= Q(search_name__contains=f" {word}")
    phrase = " " + " ".join(words)
    return queryset.annotate(
        search_rank=Case(
            When(search_name__contains=phrase, then=Value(0)),
            When(name_has_all, then=Value(1)),
            default=Value(2),
            output_field=IntegerField(),
        )
    ).order_by("search_rank", "name", "pk")
