"""Facts several forms print, read from a dossier as it stood at a given event."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from catalogue.models import Component
from dossiers.actions import COPY_KINDS
from dossiers.models import ApplicantKind

# The form a missing component must be handed in as, in the words of form 02
# (Circular 01/2018/TT-VPCP): the keys event data may carry as `copy_kind`.
COPY_KIND_LABELS = COPY_KINDS  # dossiers.actions: the kinds the counter records


def applicant_line(dossier) -> str:
    prefix = "Ông/Bà" if dossier.applicant_kind == ApplicantKind.CITIZEN else "Tổ chức"
    return f"{prefix} {dossier.applicant_name}"


def agency_initials(agency) -> str:
    """The agency's abbreviation for document numbers ("SXD" for Sở Xây dựng): its short name
    when that is one word (an abbreviation an administrator set, "UBND", "SXD"), else the
    initials of its name without tone marks, as Vietnamese administrative abbreviations are
    written (Đ stays Đ). A short name of several words ("Sở XD") is a label, not a symbol."""
    short = agency.short_name.strip()
    if short and len(short.split()) == 1:
        return short
    initials = "".join(word[0] for word in agency.name.split() if word[:1].isalpha())
    bare = "".join(c for c in unicodedata.normalize("NFD", initials) if unicodedata.category(c) != "Mn")
    return unicodedata.normalize("NFC", bare).upper() or agency.code


def contact_line(agency) -> str:
    parts = [agency.name]
    if agency.address:
        parts.append(f"địa chỉ {agency.address}")
    if agency.phone:
        parts.append(f"điện thoại {agency.phone}")
    return ", ".join(parts)


def copy_kinds(component: Component) -> str:
    """"Bản chính: 1; bản sao chứng thực: 1", the form a component is submitted in."""
    parts = []
    if component.originals:
        parts.append(f"bản chính: {component.originals}")
    if component.certified_copies:
        parts.append(f"bản sao chứng thực: {component.certified_copies}")
    if component.copies:
        parts.append(f"bản sao: {component.copies}")
    text = "; ".join(parts)
    return text[:1].upper() + text[1:]


def components_received(dossier) -> list[Component]:
    """The components handed in: those with files attached, else the procedure's list
    (at the counter the officer checks the paper set against it before receiving)."""
    with_files = list(
        Component.objects.filter(pk__in=dossier.files.exclude(component=None).values("component")).order_by("order")
    )
    return with_files or list(dossier.procedure_version.components.order_by("order", "pk"))


def component_named(dossier, name: str) -> Component | None:
    wanted = name.strip().casefold()
    for component in dossier.procedure_version.components.all():
        if component.name.strip().casefold() == wanted:
            return component
    return None


@dataclass(frozen=True)
class MissingItem:
    """One line of form 02: a component to hand in, and the form it must take when the
    officer said so ("" for the plain names events recorded before kinds were given)."""

    name: str
    copy_kind: str = ""

    @property
    def copy_kind_label(self) -> str:
        return COPY_KIND_LABELS.get(self.copy_kind, "")

    @property
    def text(self) -> str:
        """As a page shows it: "Giấy chứng nhận (bản sao có chứng thực)"."""
        return f"{self.name} ({self.copy_kind_label.lower()})" if self.copy_kind else self.name


def missing_items(data) -> list[MissingItem]:
    """The `missing` list of a supplement event, either shape: plain names, or
    {"name": ..., "copy_kind": "original" | "certified_copy" | "copy"}. The event log is
    append-only, so a form must render whatever an event holds: an unknown kind is dropped
    (the line falls back to the catalogue's kinds) and an item without a name is skipped."""
    entries = (data or {}).get("missing") or []
    if isinstance(entries, (str, dict)):  # one item where a list was meant
        entries = [entries]
    items = []
    for entry in entries:
        if isinstance(entry, dict):
            name = str(entry.get("name") or "").strip()
            kind = entry.get("copy_kind")
            if name:
                items.append(MissingItem(name, kind if isinstance(kind, str) and kind in COPY_KIND_LABELS else ""))
        elif entry is not None:
            items.append(MissingItem(str(entry)))
    return items
