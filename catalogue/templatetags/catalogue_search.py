"""{{ version.name|highlight:found }}: the words the search matched, marked in the name."""

from __future__ import annotations

import re

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from motcua.textsearch import normalize

register = template.Library()
_WORDS = re.compile(r"([^\W_]+)")


@register.filter
def highlight(text: str, found) -> SafeString:
    """`text` escaped, each word the search matched inside <mark>; unchanged without a search."""
    words, prefixes = getattr(found, "words", (set(), set()))
    parts = _WORDS.split(text or "")
    out = []
    for i, part in enumerate(parts):
        # split() with a group puts the words at odd positions, what lies between at even ones.
        word = normalize(part) if i % 2 else ""
        if word and (word in words or any(word.startswith(p) for p in prefixes)):
            out.append(f"<mark>{escape(part)}</mark>")
        else:
            out.append(escape(part))
    return mark_safe("".join(out))  # noqa: S308  (every piece escaped above)
