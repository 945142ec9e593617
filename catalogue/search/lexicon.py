"""What the search knows about the catalogue's words, kept in each process (motcua.stamps).

Built from the versions in force today: how many of them hold each normalised word (rare
words weigh more), how each word is usually written with its accents (to show a corrected
query), the current names (for suggestions), and the synonyms. A version published or a
synonym changed bumps the stamp, and every process rebuilds within STAMP_CHECK_SECONDS.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.utils import timezone

from catalogue.models import Synonym
from motcua import stamps
from motcua.textsearch import words_of

STAMP = "catalogue.search"


@dataclass(frozen=True)
class SynonymRule:
    """Query words `when` may also be written as any of `then` (normalised word tuples)."""

    when: tuple[str, ...]
    then: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Lexicon:
    doc_freq: dict[str, int]  # normalised word -> versions in force holding it (name or body)
    docs: int
    spelled: dict[str, str]  # normalised word -> its most frequent written form in names
    names: dict[str, str]  # normalised name -> name, of the versions in force (suggestions)
    rules: dict[str, tuple[SynonymRule, ...]]  # by the first word of `when`, longest first
    synonym_words: frozenset[str]  # words of the everyday terms, which the catalogue may not use
    words: tuple[str, ...]  # both vocabularies, sorted (prefix look-ups, typo correction)

    def knows(self, word: str) -> bool:
        return word in self.doc_freq or word in self.synonym_words

    def weight(self, word: str) -> float:
        """Inverse document frequency: a word in few versions says more about what is sought."""
        return math.log((self.docs + 1) / (self.doc_freq.get(word, 0) + 0.5))

    def display(self, word: str) -> str:
        return self.spelled.get(word, word)


def synonym_rules(rows) -> dict[str, tuple[SynonymRule, ...]]:
    """Rules from (everyday_key, official_key, two_way) rows: everyday → official, and back
    when two-way; by first word, longest first."""
    targets: dict[tuple[str, ...], set[tuple[str, ...]]] = {}
    for everyday, official, two_way in rows:
        e, o = tuple(everyday.split()), tuple(official.split())
        if not e or not o or e == o:
            continue
        targets.setdefault(e, set()).add(o)
        if two_way:
            targets.setdefault(o, set()).add(e)
    rules: dict[str, list[SynonymRule]] = {}
    for when, then in sorted(targets.items(), key=lambda item: (-len(item[0]), item[0])):
        rules.setdefault(when[0], []).append(SynonymRule(when, tuple(sorted(then))))
    return {first: tuple(found) for first, found in rules.items()}


def build() -> Lexicon:
    from catalogue.services import current_versions

    doc_freq: Counter[str] = Counter()
    written: dict[str, Counter[str]] = {}
    names: dict[str, str] = {}
    rows = current_versions().order_by().values_list("name", "search_name", "search_body")
    for name, search_name, search_body in rows.iterator(chunk_size=500):
        names[search_name.strip()] = name
        doc_freq.update(set(search_name.split()) | set(search_body.split()))
        for form, _, word in words_of(name):
            written.setdefault(word, Counter())[form] += 1
    spelled = {word: forms.most_common(1)[0][0] for word, forms in written.items()}
    rules = synonym_rules(Synonym.objects.values_list("everyday_key", "official_key", "two_way"))
    synonym_words = frozenset(w for found in rules.values() for rule in found for w in rule.when)
    return Lexicon(dict(doc_freq), rows.count(), spelled, names, rules, synonym_words,
                   tuple(sorted(set(doc_freq) | synonym_words)))


def current_lexicon() -> Lexicon:
    # Versions come into force at midnight: the day is part of the key.
    return stamps.cached(STAMP, build, key=timezone.localdate().isoformat())


def changed() -> None:
    """The catalogue or the synonyms changed: every process rebuilds its lexicon."""
    stamps.bump(STAMP)


@receiver([post_save, post_delete], sender=Synonym)
def _synonym_changed(sender, **kwargs):
    changed()
