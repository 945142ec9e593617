"""Untrusted input made safe once, for every channel (web forms, staff pages, the APIs, Open311).

Pure functions, no database: text cleaning, ids and decimal numbers from query strings.
"""

from __future__ import annotations

import math
import re

# C0 controls other than tab, line feed and carriage return, DEL, and the two non-characters
# U+FFFE/U+FFFF: none is allowed in XML 1.0, so one of them in a description would break the
# Open311 XML feed for every client, and PostgreSQL refuses NUL in text outright. Also the C1
# controls (U+0080–U+009F, what a mis-decoded Windows-1252 text leaves) and the bidirectional
# overrides and isolates (U+202A–U+202E, U+2066–U+2069), which make a procedure's name or a
# file's name display as something other than what it is; Vietnamese never needs them.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ufffe\uffff"
                       "\ud800-\udfff]")
_LINE_BREAKS = re.compile(r"[\t\r\n]+")
_ASCII_DIGITS = re.compile(r"[0-9]{1,18}")  # str.isdigit() would also take "²" and "٣"

# The largest primary key a BigAutoField holds; larger numbers cannot name a row.
MAX_ID = 2**63 - 1


def clean_text(value, *, multiline: bool = True) -> str:
    """`value` as a trimmed string without control characters.

    Invisible controls carry no meaning a reader could miss, so they are dropped rather
    than refused. A single-line field (address, name) also turns tabs and line breaks into
    spaces.
    """
    text = _CONTROLS.sub("", "" if value is None else str(value))
    if not multiline:
        text = _LINE_BREAKS.sub(" ", text)
    return text.strip()


def has_controls(value: str) -> bool:
    """Whether `value` holds a character clean_text would drop (for inputs refused rather
    than cleaned, such as search terms)."""
    return bool(_CONTROLS.search(value or ""))


def xml_safe(value: str) -> str:
    """The same cleaning at output, for rows stored before it existed."""
    return _CONTROLS.sub("", value)


def parse_id(raw) -> int | None:
    """A positive database id from ASCII digits, else None (never an exception)."""
    raw = (raw or "").strip() if isinstance(raw, str) else ""
    if not _ASCII_DIGITS.fullmatch(raw):
        return None
    value = int(raw)
    return value if 0 < value <= MAX_ID else None


def parse_float(raw) -> float | None:
    """A finite decimal number; None when absent. Raises ValueError on anything else."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    value = float(str(raw).strip())
    if not math.isfinite(value):
        raise ValueError(raw)
    return value
