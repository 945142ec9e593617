"""Load the demo catalogue of Huế city (demo/catalogue/) through catalogue.specs.write_spec.

Safe to run again: a procedure whose code already exists is left as it is (administrators
may have edited it or started a draft), so a second run creates nothing. Needs the demo
agencies (demo.loader) to be loaded first.
"""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from dataclasses import dataclass

from django.db import transaction

from catalogue.models import Field, Procedure, ProcedureVersion
from catalogue.specs import ProcedureSpec, write_spec
from demo import data
from demo.catalogue import all_specs
from demo.catalogue._common import WARD
from units.models import Agency


@dataclass
class CatalogueLoadCounts:
    procedures_created: int = 0
    versions_created: int = 0
    procedures_skipped: int = 0
    procedures_total: int = 0
    versions_total: int = 0
    fields_total: int = 0

    def __str__(self) -> str:
        return (
            f"Catalogue: {self.procedures_total} procedures in {self.fields_total} fields, "
            f"{self.versions_total} versions ({self.procedures_created} procedures and {self.versions_created} "
            f"versions new, {self.procedures_skipped} existing left unchanged)."
        )


def demo_ward_code() -> str:
    """Code of the demo ward's People's Committee, which the demo loader generates."""
    return Agency.objects.get(kind=Agency.Kind.PEOPLES_COMMITTEE, unit__code=data.DEMO_WARD_UNIT_CODE).code


def resolve(spec: ProcedureSpec, ward_code: str) -> ProcedureSpec:
    """`spec` with the WARD placeholder replaced by the ward committee's code."""
    def code(value: str) -> str:
        return ward_code if value == WARD else value

    return dataclasses.replace(
        spec, competent_agency_code=code(spec.competent_agency_code),
        receiving_agency_code=code(spec.receiving_agency_code),
        steps=[dataclasses.replace(s, other_agency_code=code(s.other_agency_code)) for s in spec.steps],
    )


@transaction.atomic
def load_catalogue_demo() -> CatalogueLoadCounts:
    counts = CatalogueLoadCounts()
    by_code: dict[str, list[ProcedureSpec]] = defaultdict(list)
    for spec in all_specs():  # first versions before later ones
        by_code[spec.code].append(spec)
    existing = set(Procedure.objects.filter(code__in=by_code).values_list("code", flat=True))
    missing = [code for code in by_code if code not in existing]
    if missing:
        ward_code = demo_ward_code()
        for code in missing:
            for spec in by_code[code]:
                write_spec(resolve(spec, ward_code))
                counts.versions_created += 1
            counts.procedures_created += 1
    counts.procedures_skipped = len(existing)
    counts.procedures_total = Procedure.objects.count()
    counts.versions_total = ProcedureVersion.objects.count()
    counts.fields_total = Field.objects.count()
    return counts
