"""Catalogue search: the one function behind the public catalogue page, the API, the home page's
box and the counter intake screen (docs/search.md).

    found = search(current_versions(), "làm lại bằng đại học")
    found.count(), found[:20], found.suggestions, found.searched_for

The query is read against the catalogue's own words (catalogue.search.query), the database's
full-text index finds the versions holding any of them (catalogue.search.backends), and they
are ranked in Python (catalogue.search.ranking), so both databases give the same order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.db.models import BooleanField, Case, Q, QuerySet, Value, When

from catalogue.search.backends import BODY, NAME, versions_holding
from catalogue.search.lexicon import current_lexicon
from catalogue.search.query import Query, parse
from catalogue.search.ranking import Ranker, Row
from catalogue.search.suggest import MAX_SUGGESTIONS, candidates
from catalogue.search.usage import procedure_usage
from motcua.inputs import has_controls

MAX_RESULTS = 50  # nobody reads further: a query finds a handful, ranked
MAX_QUERY = 200  # characters; the API refuses longer, the pages explain


class QueryError(ValueError):
    """A query refused, with the message to show (Vietnamese)."""


def clean_query(text) -> str:
    """`text` trimmed, or QueryError: hidden control characters and over-long text are refused
    rather than silently changed, so what is searched is what the person sees typed."""
    text = "" if text is None else str(text)
    if has_controls(text):
        raise QueryError("Từ khóa chứa ký tự ẩn (ký tự điều khiển); hãy gõ lại từ khóa.")
    if len(text) > MAX_QUERY:
        raise QueryError(f"Từ khóa quá dài ({len(text)} ký tự); hãy rút gọn trong {MAX_QUERY} ký tự.")
    return " ".join(text.split())
LEVELS = ("central", "province", "commune")


@dataclass
class Found(Sequence):
    """The versions found, best first; a page of them is read from the database when sliced."""

    query: Query
    pks: list[int]
    base: QuerySet
    suggestions: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.pks)

    def count(self) -> int:
        return len(self.pks)

    def __iter__(self):
        return iter(self[:])

    def __getitem__(self, index):
        wanted = self.pks[index] if isinstance(index, slice) else [self.pks[index]]
        rows = {v.pk: v for v in self.base.filter(pk__in=wanted)}
        page = [rows[pk] for pk in wanted if pk in rows]
        return page if isinstance(index, slice) else page[0]

    @property
    def searched_for(self) -> str | None:
        """The query as searched, written with the catalogue's accents, when words were corrected."""
        if not self.query.corrections:
            return None
        lex = current_lexicon()
        return " ".join(lex.display(w) for w in self.query.words)

    @property
    def words(self) -> tuple[set[str], set[str]]:
        """(words, word starts) to highlight, normalised."""
        prefixes = {p.words[-1] for c in self.query.concepts for p in c.phrases if p.prefix}
        return (self.query.matched_words() | set(self.query.words)) - prefixes, prefixes


def search(versions: QuerySet, text: str, *, prefer_level: str = "", limit: int | None = MAX_RESULTS,
           suggest: bool = True) -> Found:
    """The versions of `versions` matching `text`, best first, at most `limit`.

    `prefer_level` ("commune", "province"): versions done at that level come first among
    equals (the counter of a commune asks for commune procedures)."""
    lex = current_lexicon()
    query = parse(text, lex)
    pks = _ranked(versions, query, prefer_level)[:limit] if query.concepts else []
    found = Found(query, pks, versions)
    if not pks and suggest:
        found.suggestions = [s for s in candidates(text, lex)
                             if search(versions, s, limit=1, suggest=False)][:MAX_SUGGESTIONS]
    return found


def _ranked(versions: QuerySet, query: Query, prefer_level: str) -> list[int]:
    """The versions to show, best first.

    Only the best-matching kind is shown (catalogue.search.ranking's tiers): versions whose
    name holds every concept when there are some, else those holding every concept somewhere,
    else those holding the most. Each is asked of the index in turn, so a common word does not
    bring a quarter of the catalogue into Python."""
    groups = [c.phrases for c in query.concepts]
    ranker = Ranker(query, procedure_usage(), prefer_level)
    for fields, every in (((NAME,), True), ((NAME, BODY), True)):
        rows = _rows(versions.filter(pk__in=versions_holding(groups, fields, every=every)), {})
        if rows:
            return [row.pk for _, row in ranker.rank(rows)]
    in_body = {f"in_body_{i}": Case(When(Q(pk__in=versions_holding([group], (BODY,))), then=Value(True)),
                                    default=Value(False), output_field=BooleanField())
               for i, group in enumerate(groups)}
    rows = _rows(versions.filter(pk__in=versions_holding(groups, (NAME, BODY))), in_body)
    ranked = ranker.rank(rows)
    best = ranked[0][0] if ranked else 0
    return [row.pk for tier, row in ranked if tier == best]


def _rows(versions: QuerySet, in_body: dict) -> list[Row]:
    found = versions.order_by().annotate(**in_body).values_list(
        "pk", "procedure_id", "name", "level_central", "level_province", "level_commune", *in_body)
    return [Row(r[0], r[1], r[2], frozenset(level for level, on in zip(LEVELS, r[3:6], strict=True) if on),
                tuple(r[6:]) if in_body else None) for r in found]
