"""The log of searches that did not help: no result, or results left unopened (docs/search.md).

Only the words are kept, counted per normalised query with the first and last day: no user,
address, time of day or browser. People type their ID number, phone number or e-mail into any
box they find; a query holding something that could identify a person is not logged at all
(Decree 13/2023/NĐ-CP on personal data: collect no more than the purpose needs).
"""

from __future__ import annotations

import re

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from catalogue.models import SearchMiss
from motcua.textsearch import normalize

NO_RESULTS, ABANDONED = "no_results", "abandoned"
MAX_ROWS = 10_000  # a flood of made-up queries stops adding rows here, and counts only known ones
MAX_WORDS = 10  # a longer text is a pasted paragraph (or a letter), not a search to learn from

# A run of 5 or more digits, spaces, dots or dashes allowed between them: ID numbers (12
# digits), phone numbers, tax codes, dossier codes, bank accounts, dates with a year.
_NUMBER = re.compile(r"\d(?:[\s.\-]*\d){4,}")
_CONTACT = re.compile(r"@|https?:|www\.|\.(?:vn|com|net|org)\b", re.IGNORECASE)


def loggable(text: str) -> bool:
    words = normalize(text).split()
    return bool(words) and len(words) <= MAX_WORDS and not _NUMBER.search(text) and not _CONTACT.search(text)


def record(text: str, kind: str) -> bool:
    """Count one miss of `kind` for `text`; False when the text is not logged."""
    text = " ".join(text.split())[:200]
    if kind not in (NO_RESULTS, ABANDONED) or not loggable(text):
        return False
    key, today = normalize(text), timezone.localdate()
    if SearchMiss.objects.filter(key=key).update(**{kind: F(kind) + 1}, last_seen=today):
        return True
    if SearchMiss.objects.count() >= MAX_ROWS:
        return False
    try:
        with transaction.atomic():
            SearchMiss.objects.create(query=text.lower(), key=key, first_seen=today, last_seen=today, **{kind: 1})
    except IntegrityError:  # another request logged the same query first
        SearchMiss.objects.filter(key=key).update(**{kind: F(kind) + 1}, last_seen=today)
    return True
