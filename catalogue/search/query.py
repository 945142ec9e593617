"""A citizen's words turned into what to look for (pure: the lexicon is passed in).

    parse("xin cấp lại bằng lái xe máy", lexicon)

Each word is normalised (motcua.textsearch); a word the catalogue never uses is read as Telex
or VNI typed with the input method off ("dangw kys" → "đăng ký"), then as two words run
together, then as a typo of a catalogue word (one letter wrong, missing, extra or two swapped;
two in a long word). A word typed with its accents is taken as meant. Synonyms turn everyday
words into concepts that the official wording also satisfies. Filler words ("xin", "làm",
"thủ tục", "ở đâu", "cho con") are not required to match. A last word the catalogue does not
know but starts may be cut short (results as one types), so it matches the start of words.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

import bogo
from rapidfuzz import process
from rapidfuzz.distance import OSA

from catalogue.search.lexicon import Lexicon
from motcua.textsearch import words_of

MAX_WORDS = 40  # past this a query is a pasted text (200 characters hold about 40 words)

# Words that frame a request rather than name a procedure ("thủ tục xin … cho con ở đâu"):
# matched when present, never required. Typed without accents they still count; typed with
# other accents they are other words ("là" frames, "lá" in "thuốc lá" does not).
FILLERS = [
    "như thế nào", "thủ tục", "hồ sơ", "ở đâu", "thế nào", "bao lâu", "bao nhiêu", "hướng dẫn", "cho con",
    "cho bé", "con tôi", "xin", "làm", "cần", "muốn", "được", "cho", "tôi", "em", "mình", "của", "ở", "gì", "nào",
    "ạ", "với", "và", "hay", "hoặc", "để", "thì", "là", "mà", "việc", "cách", "nộp",
]
_FILLERS: dict[str, list[tuple[tuple[str, str], ...]]] = {}
for _phrase in sorted(FILLERS, key=lambda f: -len(f.split())):
    _words = tuple((accent, word) for _, accent, word in words_of(_phrase))
    _FILLERS.setdefault(_words[0][1], []).append(_words)
VNI = bogo.get_vni_definition()


@dataclass(frozen=True)
class Phrase:
    words: tuple[str, ...]
    prefix: bool = False  # the last word may be the start of a longer word

    def in_text(self, padded: str) -> bool:
        """Whether the phrase is in `padded`, a normalised text with a space at each end."""
        joined = " " + " ".join(self.words)
        return joined in padded if self.prefix else joined + " " in padded


@dataclass(frozen=True)
class Concept:
    """One thing asked for, in each wording that satisfies it (the typed one first)."""

    phrases: tuple[Phrase, ...]
    weight: float


@dataclass(frozen=True)
class Query:
    text: str
    words: tuple[str, ...]  # normalised, corrected, in order, fillers included
    accents: tuple[str, ...]  # accent key of each word as typed, "" when typed without accents
    fillers: tuple[bool, ...]  # which words only frame the request
    concepts: tuple[Concept, ...]  # what to match, fillers left out
    corrections: dict[str, str] = field(default_factory=dict)  # word as typed → catalogue word
    unknown: tuple[str, ...] = ()  # typed words matching nothing in the catalogue
    prefix_last: bool = False  # the last word is the start of a word

    @property
    def core(self) -> tuple[tuple[str, str], ...]:
        """(accent, word) of the words that are not fillers (all of them when there is nothing else)."""
        kept = tuple((a, w) for a, w, f in zip(self.accents, self.words, self.fillers, strict=True) if not f)
        return kept or tuple(zip(self.accents, self.words, strict=True))

    def matched_words(self) -> set[str]:
        return {w for c in self.concepts for p in c.phrases for w in p.words}


def _max_typos(word: str) -> int:
    return 0 if len(word) <= 2 else 1 if len(word) <= 6 else 2


# A syllable whose only vowel is i or y is written either way ("kí"/"ký", "quí"/"quý"): the
# choice was left open by the spelling rules of Decision 240/QĐ (1984) and both are in use.
_I_OR_Y = re.compile(r"^(b|c|ch|d|g|gh|h|k|kh|l|m|n|nh|ng|ngh|p|ph|qu|r|s|t|th|tr|v|x)([iy])$")


def _i_or_y(word: str) -> str | None:
    found = _I_OR_Y.match(word)
    return found and found.group(1) + ("y" if found.group(2) == "i" else "i")


def _is_prefix(word: str, lex: Lexicon) -> bool:
    i = bisect.bisect_right(lex.words, word)
    return i < len(lex.words) and lex.words[i].startswith(word)


def _telex(typed: str, lex: Lexicon) -> tuple[str, str] | None:
    """(accent key, normalised word) when `typed` is Telex or VNI keystrokes for a catalogue word."""
    for rules in (None, VNI):
        spelled = bogo.process_sequence(typed) if rules is None else bogo.process_sequence(typed, rules=rules)
        found = words_of(spelled)
        if len(found) == 1 and lex.knows(found[0][2]) and spelled != typed:
            return found[0][1:]
    return None


def _split(word: str, lex: Lexicon) -> tuple[str, str] | None:
    """Two catalogue words typed without the space between them, the most frequent pair."""
    splits = [(word[:i], word[i:]) for i in range(2, len(word) - 1) if lex.knows(word[:i]) and lex.knows(word[i:])]
    return max(splits, key=lambda s: min(lex.doc_freq.get(s[0], 0), lex.doc_freq.get(s[1], 0)), default=None)


def closest(word: str, lex: Lexicon, max_typos: int) -> str | None:
    """The catalogue word fewest edits away (a swap counts one), the most frequent on a tie."""
    if max_typos <= 0:
        return None
    found = process.extract(word, lex.words, scorer=OSA.distance, score_cutoff=max_typos, limit=None)
    return min(found, key=lambda f: (f[1], -lex.doc_freq.get(f[0], 0), f[0]))[0] if found else None


def _read_word(typed: str, accent: str, word: str, last: bool, lex: Lexicon):
    """[(accent, word)], the prefix flag, and the correction made (or None)."""
    if lex.knows(word) or word.isdigit():
        return [(accent, word)], False, None
    if last and _is_prefix(word, lex):
        return [(accent, word)], True, None
    variant = _i_or_y(word)
    if variant and lex.knows(variant):  # "kí"/"ký", "lí"/"lý", "mĩ"/"mỹ": both spellings are in use
        return [(accent, variant)], False, variant
    if accent:  # typed with its accents: a word the catalogue does not use, not a slip of the keys
        return [], False, None
    telex = _telex(typed, lex)
    if telex:
        return [telex], False, telex[1]
    split = _split(word, lex)
    if split:
        return [("", split[0]), ("", split[1])], False, " ".join(split)
    near = closest(word, lex, _max_typos(word))
    if near:
        return [("", near)], False, near
    return [], False, None


def _filler_marks(typed_words) -> list[bool]:
    marks = [False] * len(typed_words)
    i = 0
    while i < len(typed_words):
        for phrase in _FILLERS.get(typed_words[i][2], ()):
            span = typed_words[i:i + len(phrase)]
            if len(span) == len(phrase) and all(
                    w == fw and (a in ("", w, fa)) for (_, a, w), (fa, fw) in zip(span, phrase, strict=True)):
                marks[i:i + len(phrase)] = [True] * len(phrase)
                i += len(phrase)
                break
        else:
            i += 1
    return marks


def parse(text: str, lex: Lexicon) -> Query:
    typed_words = words_of(text)[:MAX_WORDS]
    fillers = _filler_marks(typed_words)
    words: list[tuple[str, str, bool]] = []
    prefix_last = False
    corrections: dict[str, str] = {}
    unknown = []
    for i, (typed, accent, word) in enumerate(typed_words):
        last = i == len(typed_words) - 1
        accent = "" if accent == word else accent  # typed without accents: nothing to prefer
        if fillers[i]:
            read, prefix, fixed = [(accent, word)], False, None
        else:
            read, prefix, fixed = _read_word(typed, accent, word, last, lex)
        if fixed:
            corrections[typed] = fixed
        if not read:
            unknown.append(typed)
        words.extend((a, w, fillers[i]) for a, w in read)
        prefix_last = prefix and last
    concepts = _concepts(words, prefix_last, lex)
    return Query(text, tuple(w for _, w, _ in words), tuple(a for a, _, _ in words), tuple(f for _, _, f in words),
                 concepts, corrections, tuple(unknown), prefix_last)


def _concepts(read: list[tuple[str, str, bool]], prefix_last: bool, lex: Lexicon) -> tuple[Concept, ...]:
    """Synonyms first (from left to right, the longest everyday phrase starting at each word),
    then one concept per remaining word that is not a filler."""
    words = tuple(w for _, w, _ in read)
    concepts: list[Concept] = []
    rest: list[int] = []
    i = 0
    while i < len(words):
        rule = next((r for r in lex.rules.get(words[i], ()) if words[i:i + len(r.when)] == r.when), None)
        if rule is None:
            rest.append(i)
            i += 1
            continue
        phrases = (Phrase(rule.when), *(Phrase(t) for t in rule.then))
        concepts.append(Concept(phrases, _weight(phrases, lex)))
        i += len(rule.when)
    core = [i for i in rest if not read[i][2]]
    if not concepts and not core:  # nothing but fillers: they are what was asked for
        core = rest
    for i in core:
        phrase = Phrase((words[i],), prefix=prefix_last and i == len(words) - 1)
        concepts.append(Concept((phrase,), _weight((phrase,), lex)))
    return tuple(concepts)


def _weight(phrases: tuple[Phrase, ...], lex: Lexicon) -> float:
    """The weight of the wording the catalogue uses with its rarest word: an everyday term the
    catalogue never writes would otherwise weigh as the rarest word of all."""
    used = [p for p in phrases if all(lex.doc_freq.get(w) for w in p.words)] or phrases
    return max(max(lex.weight(w) for w in p.words) for p in used)
