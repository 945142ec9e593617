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
