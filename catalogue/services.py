"""Write paths of the catalogue: create, draft, publish. Views and imports call these."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, Max, OuterRef, Q, QuerySet
from django.utils import timezone

from accounts.permissions import register_action, require
from accounts.roles import SYSTEM_ADMIN, Role
from catalogue.models import (
    Component,
    Fee,
    LegalBasis,
    ProcedureVersion,
    ProcessStep,
)
from catalogue.process import StepSpec, check_process
from catalogue.search.lexicon import changed as search_changed
from motcua.textsearch import normalize

# Administrators of the competent agency maintain its procedures.
register_action("catalogue.edit", {Role.AGENCY_ADMIN, SYSTEM_ADMIN})

PARTS = (LegalBasis, Fee, Component, ProcessStep)
Published = ProcedureVersion.State.PUBLISHED


def version_on(procedure, day: date) -> ProcedureVersion | None:
    """The published version in force on `day` (what a dossier received that day pins)."""
    if procedure.abolished_on and day >= procedure.abolished_on:
        return None
    return (
        procedure.versions.filter(state=Published, effective_from__lte=day)
        .order_by("-effective_from", "-number")
        .first()
    )


def current_versions(day: date | None = None) -> QuerySet[ProcedureVersion]:
    """For each procedure not abolished, its version in force on `day` (today by default)."""
    day = day or timezone.localdate()
    # A version is in force when no later published version of the same procedure is; an
    # anti-join both databases plan as one pass over the versions.
    superseded = ProcedureVersion.objects.filter(
        procedure=OuterRef("procedure"), state=Published, effective_from__lte=day,
    ).filter(
        Q(effective_from__gt=OuterRef("effective_from"))
        | Q(effective_from=OuterRef("effective_from"), number__gt=OuterRef("number"))
    )
    return (
        ProcedureVersion.objects.filter(state=Published, effective_from__lte=day)
        .exclude(Exists(superseded))
        .exclude(procedure__abolished_on__lte=day)
        .select_related("procedure", "field", "competent_agency", "receiving_agency")
    )


def process_problems(version: ProcedureVersion) -> list[str]:
    steps = [
        StepSpec(s.name, s.role, s.performer, s.budget_hours, list(s.actions or []), s.other_agency_id)
        for s in version.steps.all()
    ]
    same_day = version.time_limit_kind == ProcedureVersion.TimeLimitKind.SAME_DAY
    return [str(p) for p in check_process(steps, version.statutory_hours(), same_day=same_day)]


def search_fields(version: ProcedureVersion) -> tuple[str, str]:
    body = [
        version.procedure.code, version.field.name, version.result_name, version.requirements,
        *(c.name for c in version.components.all()),
        *(f"{lb.number} {lb.title}" for lb in version.legal_bases.all()),
    ]
    return f" {normalize(version.name)} ", f" {normalize(' '.join(body))} "


@transaction.atomic
def start_draft(procedure, user=None) -> ProcedureVersion:
    """The procedure's draft: the existing one, or a copy of its latest version."""
    locked = type(procedure).objects.select_for_update().get(pk=procedure.pk)
    source = locked.versions.order_by("-number").first()
    if source is None:
        raise ValidationError("Thủ tục chưa có phiên bản nào để sao chép.")
    if user is not None:
        require(user, "catalogue.edit", source.competent_agency)
    if source.state == ProcedureVersion.State.DRAFT:
        return source
    parts = {model: list(model.objects.filter(version=source)) for model in PARTS}
    draft = source
    draft.pk = None
    draft._state.adding = True
    draft.number = (locked.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    draft.state = ProcedureVersion.State.DRAFT
    draft.effective_from = draft.published_at = draft.published_by = None
    draft.save()
    for model, rows in parts.items():
        for row in rows:
            row.pk = None
            row._state.adding = True
            row.version = draft
        model.objects.bulk_create(rows)
    return draft


@transaction.atomic
def publish(version: ProcedureVersion, effective_from: date, user=None) -> ProcedureVersion:
    """Freeze a draft from `effective_from`; refuses an invalid version with every reason."""
    if user is not None:
        require(user, "catalogue.edit", version.competent_agency)
    version = ProcedureVersion.objects.select_for_update().get(pk=version.pk)
    if version.is_published:
        raise ValidationError("Phiên bản này đã được công bố.")
    problems = []
    try:
        version.full_clean(exclude=["search_name", "search_body"])
    except ValidationError as exc:
        problems.extend(exc.messages)
    if not version.components.exists():
        problems.append("Thủ tục phải có ít nhất một thành phần hồ sơ.")
    problems.extend(process_problems(version))
    if effective_from is None:
        problems.append("Nhập ngày hiệu lực.")
    if problems:
        raise ValidationError(problems)
    name, body = search_fields(version)
    now = timezone.now()
    updated = ProcedureVersion.objects.filter(pk=version.pk, state=ProcedureVersion.State.DRAFT).update(
        state=Published, effective_from=effective_from, published_at=now,
        published_by=user if getattr(user, "pk", None) else None, search_name=name, search_body=body,
    )
    if updated != 1:
        raise ValidationError("Phiên bản này vừa được người khác công bố.")
    search_changed()
    version.refresh_from_db()
    return version
