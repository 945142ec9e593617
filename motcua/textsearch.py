"""Vietnamese text normalisation for diacritic-insensitive search (pure).

"Giấy phép xây dựng", "GIẤY PHÉP XÂY DỰNG" and "giay phep xay dung" all normalise to
"giay phep xay dung". `đ`/`Đ` have no Unicode decomposition, so they are mapped by hand.
"""

from __future__ import annotations

import re
import unicodedata

_D_MAP = str.maketrans({"đ": "d", "Đ": "d"})
_NON_WORD = re.compile(r"[^0-9a-z]+")


def normalize(text: str) -> str:
    """Lower-case ASCII words separated by single spaces."""
    decomposed = unicodedata.normalize("NFD", (text or "").translate(_D_MAP))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _NON_WORD.sub(" ", stripped.lower()).strip()


def terms(query: str) -> list[str]:
    """The distinct normalised words of a query, in order."""
    seen: dict[str, None] = {}
    for word in normalize(query).split():
        seen.setdefault(word, None)
    return list(seen)


# Vietnamese tone marks (huyền, sắc, hỏi, ngã, nặng); the other marks (â ê ô ơ ư ă) make letters.
_TONES = {"\u0300", "\u0301", "\u0309", "\u0303", "\u0323"}
_WORD = re.compile(r"[^\W_]+")


def accent_key(word: str) -> str:
    """`word` lower-cased with its accents, the tone moved after the letters: "hoà" and "hòa",
    "thuỷ" and "thủy" (old and new tone placement, both in use) give the same key."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = "".join(ch for ch in decomposed if ch in _TONES)
    letters = "".join(ch for ch in decomposed if ch not in _TONES)
    return unicodedata.normalize("NFC", letters) + tones


def words_of(text: str) -> list[tuple[str, str, str]]:
    """Each word of `text` as (written form in lower case, accent_key, normalised word), in order;
    the normalised words are those of `normalize(text).split()`."""
    found = []
    for word in _WORD.findall((text or "").lower()):
        parts = normalize(word).split()
        if len(parts) == 1:
            found.append((word, accent_key(word), parts[0]))
        else:  # a letter normalize() splits or drops ("m³"): no accented form to compare
            found.extend((part, part, part) for part in parts)
    return found
