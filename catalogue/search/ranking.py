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
    words = [w for _, w in tokens]
    return Name(" " + " ".join(w for w in words if w != "|") + " ", " " + " ".join(words) + " ", tuple(tokens),
                frozenset(a for a, _ in tokens), vietnamese_key(text))


@dataclass(frozen=True)
class Row:
    """A version found: what the database returned for it."""

    pk: int
    procedure_id: int
    name: str
    levels: frozenset[str]
    in_body: tuple[bool, ...]  # per concept of the query


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


def tier_and_score(query: Query, row: Row, usage_share: float, prefer_level: str) -> tuple[int, float]:
    name = name_of(row.name)
    weights = [c.weight for c in query.concepts]
    total = sum(weights) or 1.0
    in_name = [any(p.in_text(name.padded) for p in c.phrases) for c in query.concepts]
    anywhere = [n or b for n, b in zip(in_name, row.in_body, strict=True)]
    name_share = sum(w for w, hit in zip(weights, in_name, strict=True) if hit) / total
    anywhere_share = sum(w for w, hit in zip(weights, anywhere, strict=True) if hit) / total

    core = query.core
    words = [w for _, w in core]
    phrase = " " + " ".join(words) + ("" if query.prefix_last else " ")
    typed_accents = [a for a, _ in core if a]
    if name.padded in (" " + " ".join(words) + " ", " " + " ".join(query.words) + " "):
        tier = 7
    elif typed_accents and _holds_with_accents(name.tokens, core, query.prefix_last):
        tier = 6
    elif phrase in name.parts:
        tier = 5
    elif all(in_name):
        tier = 4
    elif all(anywhere):
        tier = 3
    elif anywhere_share >= MOST:
        tier = 2
    else:
        tier = 1

    accent_share = sum(a in name.accents for a in typed_accents) / len(typed_accents) if typed_accents else 0.0
    asked = query.matched_words()
    name_words = name.padded.split()
    focus = sum(w in asked for w in name_words) / len(name_words) if name_words else 0.0
    pairs = list(itertools.pairwise(query.words))
    order = sum(f" {a} {b} " in name.parts for a, b in pairs) / len(pairs) if pairs else 0.0
    level = 1.0 if prefer_level and prefer_level in row.levels else 0.0
    score = (NAME_SHARE * name_share + ACCENTS * accent_share + ORDER * order + FOCUS * focus
             + ANYWHERE_SHARE * anywhere_share + USAGE * usage_share + LEVEL * level)
    return tier, round(score, 4)


def rank(query: Query, rows: list[Row], usage: dict[int, int], prefer_level: str = "") -> list[tuple[int, Row]]:
    """(tier, row) best first."""
    most_used = math.log1p(max(usage.values(), default=0)) or 1.0
    scored = []
    for row in rows:
        share = math.log1p(usage.get(row.procedure_id, 0)) / most_used
        tier, score = tier_and_score(query, row, share, prefer_level)
        scored.append((-tier, -score, name_of(row.name).sort_key, row.pk, row))
    scored.sort(key=lambda s: s[:4])
    return [(-s[0], s[4]) for s in scored]
