"""Plain descriptions of procedures, the common currency of imports, exports and demo data.

A ProcedureSpec carries everything of one version by codes (agency codes, field code)
instead of database ids, so Excel sheets and Python data both map onto it, and writing a
spec is the single path by which bulk data enters the catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction

from catalogue.models import Component, Fee, Field, LegalBasis, Procedure, ProcedureVersion, ProcessStep
from catalogue.services import publish, start_draft
from units.models import Agency


@dataclass
class LegalBasisSpec:
    number: str
    title: str
    issued_on: date | None = None
    article: str = ""


@dataclass
class FeeSpec:
    name: str
    amount: int
    online_amount: int | None = None
    note: str = ""


@dataclass
class ComponentSpec:
    name: str
    originals: int = 1
    certified_copies: int = 0
    copies: int = 0
    requirement: str = "required"
    condition: str = ""
    form_file: str = ""
    must_digitize: bool = False
    reusable: bool = False


@dataclass
class StepSpecRow:
    name: str
    role: str
    performer: str
    budget_hours: Decimal
    actions: list[str]
    other_agency_code: str = ""


@dataclass
class ProcedureSpec:
    code: str
    name: str
    field_code: str
    field_name: str
    competent_agency_code: str
    receiving_agency_code: str
    time_limit_kind: str
    time_limit_value: int | None
    result_type: str
    result_name: str
    online_level: str
    level_central: bool = False
    level_province: bool = False
    level_commune: bool = False
    for_citizens: bool = True
    for_organisations: bool = False
    is_lien_thong: bool = False
    intake_anywhere: bool = False
    time_limit_note: str = ""
    fee_note: str = ""
    requirements: str = ""
    effective_from: date | None = None  # None: leave as a draft
    # The number a new procedure's first version takes (an export imported into another
    # database keeps its version numbers); an existing procedure numbers its new version itself.
    number: int | None = None
    components: list[ComponentSpec] = field(default_factory=list)
    fees: list[FeeSpec] = field(default_factory=list)
    legal_bases: list[LegalBasisSpec] = field(default_factory=list)
    steps: list[StepSpecRow] = field(default_factory=list)


VERSION_FIELDS = (
    "name", "level_central", "level_province", "level_commune", "for_citizens", "for_organisations",
    "time_limit_kind", "time_limit_value", "time_limit_note", "fee_note", "result_type", "result_name",
    "online_level", "is_lien_thong", "intake_anywhere", "requirements",
)


def spec_of(version: ProcedureVersion) -> ProcedureSpec:
    """The spec that `write_spec` would turn back into this version."""
    steps = list(version.steps.select_related("other_agency"))
    return ProcedureSpec(
        code=version.procedure.code,
        field_code=version.field.code,
        field_name=version.field.name,
        competent_agency_code=version.competent_agency.code,
        receiving_agency_code=version.receiving_agency.code,
        effective_from=version.effective_from,
        number=version.number,
        **{name: getattr(version, name) for name in VERSION_FIELDS},
        components=[
            ComponentSpec(c.name, c.originals, c.certified_copies, c.copies, c.requirement, c.condition,
                          c.form_file.name or "", c.must_digitize, c.reusable)
            for c in version.components.all()
        ],
        fees=[FeeSpec(f.name, f.amount, f.online_amount, f.note) for f in version.fees.all()],
        legal_bases=[LegalBasisSpec(b.number, b.title, b.issued_on, b.article) for b in version.legal_bases.all()],
        steps=[
            StepSpecRow(s.name, s.role, s.performer, s.budget_hours, list(s.actions),
                        s.other_agency.code if s.other_agency else "")
            for s in steps
        ],
    )


@transaction.atomic
def write_spec(spec: ProcedureSpec, user=None) -> ProcedureVersion:
    """Write `spec` as the procedure's draft (creating the procedure if new) and publish it
    when it has an effective date. Raises ValidationError with every problem found."""
    agencies = {a.code: a for a in Agency.objects.filter(
        code__in={spec.competent_agency_code, spec.receiving_agency_code,
                  *(s.other_agency_code for s in spec.steps if s.other_agency_code)})}
    missing = sorted({spec.competent_agency_code, spec.receiving_agency_code,
                      *(s.other_agency_code for s in spec.steps if s.other_agency_code)} - set(agencies))
    if missing:
        raise ValidationError(f"Không tìm thấy cơ quan có mã: {', '.join(missing)}.")
    field_row, _ = Field.objects.get_or_create(code=spec.field_code, defaults={"name": spec.field_name})

    procedure, created = Procedure.objects.get_or_create(code=spec.code)
    values = {name: getattr(spec, name) for name in VERSION_FIELDS}
    values.update(field=field_row, competent_agency=agencies[spec.competent_agency_code],
                  receiving_agency=agencies[spec.receiving_agency_code])
    if created or not procedure.versions.exists():
        version = ProcedureVersion(procedure=procedure, number=spec.number or 1, **values)
    else:
        version = start_draft(procedure)
        for name, value in values.items():
            setattr(version, name, value)
    version.save()
    for model in (LegalBasis, Fee, Component, ProcessStep):
        model.objects.filter(version=version).delete()
    LegalBasis.objects.bulk_create(
        LegalBasis(version=version, order=i, number=b.number, title=b.title, issued_on=b.issued_on, article=b.article)
        for i, b in enumerate(spec.legal_bases, start=1)
    )
    Fee.objects.bulk_create(
        Fee(version=version, order=i, name=f.name, amount=f.amount, online_amount=f.online_amount, note=f.note)
        for i, f in enumerate(spec.fees, start=1)
    )
    Component.objects.bulk_create(
        Component(version=version, order=i, name=c.name, originals=c.originals, certified_copies=c.certified_copies,
                  copies=c.copies, requirement=c.requirement, condition=c.condition, form_file=c.form_file or "",
                  must_digitize=c.must_digitize, reusable=c.reusable)
        for i, c in enumerate(spec.components, start=1)
    )
    ProcessStep.objects.bulk_create(
        ProcessStep(version=version, order=i, name=s.name, role=s.role, performer=s.performer,
                    other_agency=agencies.get(s.other_agency_code) if s.other_agency_code else None,
                    budget_hours=s.budget_hours, actions=list(s.actions))
        for i, s in enumerate(spec.steps, start=1)
    )
    if spec.effective_from is not None:
        version = publish(version, spec.effective_from, user)
    return version
