"""Noto Serif, regular / bold / italic, for the PDF forms.

The PyPI package fontpkg-noto-serif ships Noto Serif as variable fonts (axes wdth, wght).
fpdf2 can instantiate a variable font itself (`add_font(..., variations=...)`), but that
takes seconds per document; so each named instance is made once with fontTools (the same
instancer fpdf2 uses) and kept as a static TTF under VAR_DIR/cache/fonts. Nothing is
fetched at run time, and the instances are byte-stable, so the forms render identically.
"""

from __future__ import annotations

import hashlib
import io
import logging
import os
import tempfile
import threading
from pathlib import Path

import fontpkg_noto_serif
from django.conf import settings

FAMILY = "NotoSerif"
FAMILY_NAME = "Noto Serif"  # as the font files name themselves (for renderers that look fonts up by name)
_SOURCES = {
    "": ("NotoSerif[wdth,wght].ttf", {"wght": 400, "wdth": 100}),
    "B": ("NotoSerif[wdth,wght].ttf", {"wght": 700, "wdth": 100}),
    "I": ("NotoSerif-Italic[wdth,wght].ttf", {"wght": 400, "wdth": 100}),
}
_lock = threading.Lock()
# fpdf2 subsets fonts with fontTools, which logs every glyph list at INFO: keep it quiet.
logging.getLogger("fontTools").setLevel(logging.WARNING)
_paths: dict[str, Path] = {}


def _cache_dir() -> Path:
    base = getattr(settings, "VAR_DIR", None)
    return Path(base) / "cache" / "fonts" if base else Path(tempfile.gettempdir()) / "motcua-fonts"


def _instance(style: str) -> Path:
    from fontTools import version as fonttools_version

    name, axes = _SOURCES[style]
    source = fontpkg_noto_serif.ROOT / "files" / name
    key = hashlib.sha256(
        source.read_bytes() + repr(sorted(axes.items())).encode() + fonttools_version.encode()
    ).hexdigest()[:16]
    target = _cache_dir() / f"NotoSerif-{style or 'R'}-{key}.ttf"
    if target.exists():
        return target
    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    static = instancer.instantiateVariableFont(TTFont(source), axes)
    buffer = io.BytesIO()
    static.save(buffer)
    target.parent.mkdir(parents=True, exist_ok=True)
    # Written aside and renamed: another process may be making the same file.
    handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".part")
    with os.fdopen(handle, "wb") as out:
        out.write(buffer.getvalue())
    os.replace(temporary, target)
    return target


def font_path(style: str = "") -> Path:
    with _lock:
        if style not in _paths:
            _paths[style] = _instance(style)
        return _paths[style]


def register(pdf) -> None:
    """Add the three styles of Noto Serif to an FPDF document."""
    for style in _SOURCES:
        pdf.add_font(FAMILY, style=style, fname=font_path(style))
