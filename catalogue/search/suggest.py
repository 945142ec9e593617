""""Có phải bạn muốn tìm": other searches to offer when nothing matched.

First the query with each word the catalogue does not know replaced by the nearest one it
knows, allowing more typos than the search itself does (the citizen sees and chooses it);
then the names of the procedures closest to what was typed.
"""

from __future__ import annotations

from rapidfuzz import fuzz, process

from catalogue.search.lexicon import Lexicon
from catalogue.search.query import closest
from motcua.textsearch import normalize, words_of

MAX_SUGGESTIONS = 3
NAME_SIMILARITY = 75  # rapidfuzz WRatio, 0-100


def respelled(text: str, lex: Lexicon) -> str | None:
    """`text` with unknown words replaced by the nearest catalogue words, written with accents."""
    words, changed = [], False
    for typed, _, word in words_of(text):
        if lex.knows(word) or word.isdigit():
            words.append(typed)
            continue
        near = closest(word, lex, 1 if len(word) <= 3 else 2)
        if near is None:
            return None
        words.append(lex.display(near))
        changed = True
    return " ".join(words) if changed else None


def candidates(text: str, lex: Lexicon) -> list[str]:
    """Searches worth offering for `text`, best first (the caller keeps those that find something)."""
    found = []
    again = respelled(text, lex)
    if again:
        found.append(again)
    names = process.extract(normalize(text), list(lex.names), scorer=fuzz.WRatio, score_cutoff=NAME_SIMILARITY,
                            limit=MAX_SUGGESTIONS)
    found += [lex.names[name] for name, _, _ in sorted(names, key=lambda n: (-n[1], n[0]))]
    return found
