"""The order of the versions found, computed in Python so it is the same on every database.

Tiers first, each above any mix of the weaker signals:

    7  the name is the query (all its words, or those that are not fillers)
    6  the name holds the query's words in order, with the accents typed
    5  the name holds the query's words in order, accents aside
    4  the name holds every concept asked for (synonyms count)
    3  name and body together hold every concept
    2  they hold at least half of what was asked, by weight (rare words weigh more)
    1  they hold something

Within a tier: how much of the query the name holds, the accents typed matching ("thuốc" is
not "thuộc"), the query's neighbouring words side by side in the name, how much of the name
is what was asked, how often the procedure was used in the
last year, the level of the counter asking; then Vietnamese alphabetical order (ICU's
collation for "vi", not the database's), then the id.
"""

from __future__ import annotations

import itertools
import math
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import icu

from catalogue.search.query import Query
from motcua.textsearch import words_of

# Weights of the signals within a tier (they add up to 1).
NAME_SHARE, ACCENTS, ORDER, FOCUS, ANYWHERE_SHARE, USAGE, LEVEL = 0.30, 0.15, 0.15, 0.15, 0.10, 0.10, 0.05
# "Most words": the share of the query's weight that tier 2 asks for.
MOST = 0.5

_local = threading.local()  # an ICU collator must not be shared between threads


def vietnamese_key(text: str) -> bytes:
    collator = getattr(_local, "collator", None)
    if collator is None:
        collator = _local.collator = icu.Collator.createInstance(icu.Locale("vi"))
    return collator.getSortKey(text)


# Punctuation that ends a part of a name: the query's words in order must be found within one
# part ("…: đăng ký khai sinh, đăng ký thường trú" does not hold "khai sinh đăng ký").
_PARTS = re.compile(r"[,;:()\[\]–—/]|\s-\s")
_BREAK = ("|", "|")


@dataclass(frozen=True)
class Name:
    words: tuple[str, ...]  # normalised
    padded: str  # normalised words, a space at each end
    parts: str  # the same with " | " between the parts of the name
    tokens: tuple[tuple[str, str], ...]  # (accent key, normalised word), _BREAK between parts
    accents: frozenset[str]
    sort_key: bytes


@lru_cache(maxsize=20_000)
def name_of(text: str) -> Name:
    tokens: list[tuple[str, str]] = []
    for part in _PARTS.split(text):
        found = [(accent, word) for _, accent, word in words_of(part)]
        if found:
            tokens += [_BREAK, *found] if tokens else found
    words = tuple(w for _, w in tokens if (_, w) != _BREAK)
    return Name(words, " " + " ".join(words) + " ", " " + " ".join(w for _, w in tokens) + " ", tuple(tokens),
                frozenset(a for a, _ in tokens), vietnamese_key(text))


class Row(NamedTuple):
    """A version found: what the database returned for it."""

    pk: int
    procedure_id: int
    name: str
    levels: frozenset[str]
    in_body: tuple[bool, ...] | None  # per concept of the query; None: every concept is somewhere


def _holds_with_accents(tokens, wanted, prefix_last: bool) -> bool:
    """The name holds `wanted` ((accent key or "", word) pairs) as consecutive words."""
    n = len(wanted)
    for start in range(len(tokens) - n + 1):
        for j, (accent, word) in enumerate(wanted):
            have_accent, have = tokens[start + j]
            same = have.startswith(word) if prefix_last and j == n - 1 else have == word
            if not same or (accent and accent != have_accent):
                break
        else:
            return True
    return False


class Ranker:
    """Scores the versions found for one query; what depends on the query alone is worked out once."""

    def __init__(self, query: Query, usage: dict[int, int], prefer_level: str = ""):
        self.query, self.usage, self.prefer_level = query, usage, prefer_level
        self.most_used = math.log1p(max(usage.values(), default=0)) or 1.0
        self.concepts = [(c.weight, c.phrases) for c in query.concepts]
        self.total = sum(w for w, _ in self.concepts) or 1.0
        self.core = query.core
        words = [w for _, w in self.core]
        self.exact = {" " + " ".join(words) + " ", " " + " ".join(query.words) + " "}
        self.phrase = " " + " ".join(words) + ("" if query.prefix_last else " ")
        self.typed_accents = [a for a, _ in self.core if a]
        self.asked = query.matched_words()
        self.pairs = [f" {a} {b} " for a, b in itertools.pairwise(query.words)]

    def tier_and_score(self, row: Row) -> tuple[int, float]:
        name = name_of(row.name)
        in_name = [any(p.in_text(name.padded) for p in phrases) for _, phrases in self.concepts]
        if row.in_body is None:
            anywhere = [True] * len(in_name)
        else:
            anywhere = [n or b for n, b in zip(in_name, row.in_body, strict=True)]
        name_share = sum(w for (w, _), hit in zip(self.concepts, in_name, strict=True) if hit) / self.total
        anywhere_share = sum(w for (w, _), hit in zip(self.concepts, anywhere, strict=True) if hit) / self.total

        if name.padded in self.exact:
            tier = 7
        elif self.typed_accents and _holds_with_accents(name.tokens, self.core, self.query.prefix_last):
            tier = 6
        elif self.phrase in name.parts:
            tier = 5
        elif all(in_name):
            tier = 4
        elif all(anywhere):
            tier = 3
        elif anywhere_share >= MOST:
            tier = 2
        else:
            tier = 1

        typed = self.typed_accents
        accent_share = sum(a in name.accents for a in typed) / len(typed) if typed else 0.0
        focus = sum(w in self.asked for w in name.words) / len(name.words) if name.words else 0.0
        order = sum(pair in name.parts for pair in self.pairs) / len(self.pairs) if self.pairs else 0.0
        used = math.log1p(self.usage.get(row.procedure_id, 0)) / self.most_used
        level = 1.0 if self.prefer_level and self.prefer_level in row.levels else 0.0
        score = (NAME_SHARE * name_share + ACCENTS * accent_share + ORDER * order + FOCUS * focus
                 + ANYWHERE_SHARE * anywhere_share + USAGE * used + LEVEL * level)
        return tier, round(score, 4)

    def rank(self, rows) -> list[tuple[int, Row]]:
        """(tier, row) best first."""
        scored = []
        for row in rows:
            tier, score = self.tier_and_score(row)
            scored.append((-tier, -score, name_of(row.name).sort_key, row.pk, row))
        scored.sort(key=lambda s: s[:4])
        return [(-s[0], s[4]) for s in scored]
