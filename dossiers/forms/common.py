"""Facts several forms print, read from a dossier as it stood at a given event."""

from __future__ import annotations

from catalogue.models import Component
from dossiers.models import ApplicantKind


def applicant_line(dossier) -> str:
    prefix = "Ông/Bà" if dossier.applicant_kind == ApplicantKind.CITIZEN else "Tổ chức"
    return f"{prefix} {dossier.applicant_name}"


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
