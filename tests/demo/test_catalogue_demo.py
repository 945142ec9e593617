"""The demo catalogue: well over a hundred published procedures of Huế city, every one valid,
written only through write_spec, and loading it again changes nothing.

The catalogue is loaded twice, once per module, on top of the module's demo (conftest.py),
committed before the tests and removed after them; each test runs in a rolled-back transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import F

from catalogue.models import (
    Component,
    Fee,
    Field,
    LegalBasis,
    Procedure,
    ProcedureVersion,
    ProcessStep,
    validate_procedure_code,
)
from catalogue.process import StepSpec, check_process
from catalogue.services import process_problems, start_draft, version_on
from demo import data
from demo.catalogue import all_specs
from demo.catalogue._common import WARD
from demo.catalogue_loader import CatalogueLoadCounts, load_catalogue_demo
from units.models import Agency

pytestmark = pytest.mark.django_db
Published = ProcedureVersion.State.PUBLISHED

# The fields the demo promises (lĩnh vực), by code.
PROMISED_FIELDS = {
    "ho-tich", "chung-thuc", "dat-dai", "hoat-dong-xay-dung", "thanh-lap-doanh-nghiep", "ho-kinh-doanh", "lao-dong",
    "viec-lam", "giao-duc-dao-tao", "kham-benh-chua-benh", "ly-lich-tu-phap", "duong-bo", "van-hoa-co-so", "du-lich",
    "nguoi-co-cong", "bao-tro-xa-hoi", "moi-truong", "luu-thong-hang-hoa",
}


def catalogue_rows() -> dict[str, int]:
    return {model.__name__: model.objects.count()
            for model in (Field, Procedure, ProcedureVersion, Component, Fee, LegalBasis, ProcessStep)}


@dataclass
class CatalogueRuns:
    first: CatalogueLoadCounts
    second: CatalogueLoadCounts
    rows_after_first: dict[str, int]
    rows_after_second: dict[str, int]


@pytest.fixture(scope="module")
def catalogue(demo, django_db_blocker):
    with django_db_blocker.unblock():
        assert not Procedure.objects.exists(), "expected an empty catalogue"
        first = load_catalogue_demo()
        after_first = catalogue_rows()
        second = load_catalogue_demo()
        runs = CatalogueRuns(first, second, after_first, catalogue_rows())
    yield runs
    with django_db_blocker.unblock():
        # Queryset deletes bypass the guard on published versions (test clean-up only).
        Procedure.objects.all().delete()
        Field.objects.all().delete()


# The specs themselves (no database needed for the checks, only to import the models).

def test_the_specs_are_many_distinct_procedures_in_many_fields():
    specs = all_specs()
    first_versions = {s.code: s for s in specs}
    assert len(first_versions) >= 110
    assert len({s.field_code for s in specs}) >= 12
    assert {s.field_code for s in specs} >= PROMISED_FIELDS
    names = [s.name for s in first_versions.values()]
    assert len(names) == len(set(names)), "two procedures share a name"
    for spec in specs:
        validate_procedure_code(spec.code)
        assert spec.effective_from is not None


def test_every_spec_passes_check_process():
    for spec in all_specs():
        steps = [
            StepSpec(s.name, s.role, s.performer, s.budget_hours, list(s.actions), 1 if s.other_agency_code else None)
            for s in spec.steps
        ]
        if spec.time_limit_kind == "days":
            statutory = Decimal(spec.time_limit_value * 8)
        elif spec.time_limit_kind == "hours":
            statutory = Decimal(spec.time_limit_value)
        else:
            statutory = Decimal(8)
        problems = check_process(steps, statutory, same_day=spec.time_limit_kind == "same_day")
        assert problems == [], f"{spec.code} {spec.name}: {[str(p) for p in problems]}"


def test_every_spec_has_realistic_parts():
    for spec in all_specs():
        assert 2 <= len(spec.components) <= 6, spec.code
        assert spec.legal_bases, spec.code
        for component in spec.components:
            assert component.originals + component.certified_copies + component.copies >= 1, component.name
            assert (component.requirement == "conditional") == bool(component.condition), component.name
        for item in spec.fees:
            assert item.name and item.amount >= 0
            assert item.online_amount is None or item.online_amount <= item.amount
        if spec.is_lien_thong:
            assert any(s.performer == "other" and s.other_agency_code for s in spec.steps), spec.code


# The loaded catalogue.

def test_load_creates_the_catalogue_and_a_second_load_creates_nothing(catalogue):
    specs = all_specs()
    assert catalogue.first.procedures_created == len({s.code for s in specs}) >= 110
    assert catalogue.first.versions_created == len(specs)
    assert catalogue.first.fields_total >= 12
    assert (catalogue.second.procedures_created, catalogue.second.versions_created) == (0, 0)
    assert catalogue.second.procedures_skipped == catalogue.first.procedures_created
    assert catalogue.rows_after_first == catalogue.rows_after_second
    assert "0 procedures and 0 versions new" in str(catalogue.second)


def test_every_published_version_is_complete_and_valid(catalogue):
    versions = ProcedureVersion.objects.select_related("procedure", "field", "competent_agency", "receiving_agency")
    assert versions.count() == len(all_specs())
    for version in versions:
        assert version.state == Published and version.effective_from is not None
        assert version.components.exists(), version
        assert process_problems(version) == [], version
        version.full_clean(exclude=["search_name", "search_body"])
        for text in (version.name, version.result_name, version.requirements, version.fee_note, version.field.name):
            assert text.strip(), version
        assert version.search_name.strip() and version.search_body.strip()
        for component in version.components.all():
            component.full_clean()
            assert component.name.strip()
        for basis in version.legal_bases.all():
            assert basis.number.strip() and basis.title.strip()
        for item in version.fees.all():
            assert item.name.strip()
        for step in version.steps.all():
            assert step.name.strip() and step.budget_hours >= Decimal("0.25")
            step.full_clean()


def test_codes_are_unique_and_valid(catalogue):
    codes = list(Procedure.objects.values_list("code", flat=True))
    assert len(codes) == len(set(codes)) >= 110
    for code in codes:
        validate_procedure_code(code)


def test_commune_procedures_are_done_by_the_demo_ward(catalogue):
    ward = Agency.objects.get(kind=Agency.Kind.PEOPLES_COMMITTEE, unit__code=data.DEMO_WARD_UNIT_CODE)
    center = Agency.objects.get(code=data.SERVICE_CENTER_CODE)
    commune = ProcedureVersion.objects.filter(competent_agency=ward)
    assert commune.count() >= 30
    assert not commune.filter(level_commune=False).exists()
    assert not commune.exclude(receiving_agency=ward).exists()
    province = ProcedureVersion.objects.exclude(competent_agency=ward).filter(level_commune=False)
    assert province.count() >= 50
    assert not province.exclude(receiving_agency=center).exists()
    assert not ProcedureVersion.objects.filter(competent_agency__code=WARD).exists()


def test_the_catalogue_is_varied(catalogue):
    versions = ProcedureVersion.objects.all()
    for kind in ProcedureVersion.TimeLimitKind.values:
        assert versions.filter(time_limit_kind=kind).exists(), kind
    for level in ProcedureVersion.OnlineLevel.values:
        assert versions.filter(online_level=level).exists(), level
    for result in ("licence", "certificate", "decision", "confirmation", "registration"):
        assert versions.filter(result_type=result).exists(), result
    assert versions.filter(is_lien_thong=True).count() >= 10
    assert versions.filter(fees__isnull=True).distinct().count() >= 20  # many are free
    assert Fee.objects.filter(online_amount__isnull=False).exclude(online_amount=F("amount")).exists()
    assert Component.objects.filter(requirement="conditional").count() >= 50
    assert Component.objects.filter(must_digitize=True).exists() and Component.objects.filter(reusable=True).exists()
    assert versions.filter(for_organisations=True).exists() and versions.filter(for_citizens=True).exists()


def test_linked_procedures_involve_another_agency(catalogue):
    linked = ProcedureVersion.objects.filter(is_lien_thong=True)
    for version in linked:
        others = version.steps.filter(performer="other")
        assert others.exists(), version
        assert not others.filter(other_agency__isnull=True).exists(), version
        assert set(version.steps.filter(performer="other").values_list("other_agency", flat=True)) - {
            version.competent_agency_id, version.receiving_agency_id}
    birth = Procedure.objects.get(code="1.004438").versions.get()
    assert set(birth.steps.filter(performer="other").values_list("other_agency__name", flat=True)) == {
        "Công an thành phố Huế", "Bảo hiểm xã hội thành phố Huế"}


def test_a_few_procedures_have_a_second_version_with_a_new_fee(catalogue):
    revised = Procedure.objects.filter(versions__number=2).distinct()
    assert revised.count() >= 5
    for procedure in revised:
        old = version_on(procedure, date(2025, 12, 31))
        new = version_on(procedure, date(2026, 1, 1))
        assert (old.number, new.number) == (1, 2)
        assert old.effective_from == date(2025, 7, 1) and new.effective_from == date(2026, 1, 1)
        fees = [list(v.fees.values_list("amount", "online_amount")) for v in (old, new)]
        assert fees[0] != fees[1], procedure
        assert old.name == new.name and new.components.count() == old.components.count()
    permit = Procedure.objects.get(code="1.009794")  # building permit for a house
    assert version_on(permit, date(2026, 1, 1)).fees.get().online_amount == 0


def test_a_procedure_edited_by_an_administrator_is_left_alone(catalogue):
    procedure = Procedure.objects.get(code="1.004412")
    draft = start_draft(procedure)
    draft.name = "Đăng ký khai sinh (bản nháp đang sửa)"
    draft.save()
    rows = catalogue_rows()

    counts = load_catalogue_demo()

    assert (counts.procedures_created, counts.versions_created) == (0, 0)
    assert catalogue_rows() == rows
    assert procedure.versions.get(state=ProcedureVersion.State.DRAFT).name == "Đăng ký khai sinh (bản nháp đang sửa)"


def test_a_missing_procedure_comes_back_with_all_its_versions(catalogue):
    rows = catalogue_rows()
    Procedure.objects.filter(code="1.009794").delete()  # queryset delete: clean-up path, not the app's

    counts = load_catalogue_demo()

    assert (counts.procedures_created, counts.versions_created) == (1, 2)
    assert catalogue_rows() == rows


def test_command_reports_the_catalogue_on_its_one_line(catalogue, capsys):
    call_command("load_demo")
    out = capsys.readouterr().out.strip()
    assert len(out.splitlines()) == 1
    assert f"Catalogue: {catalogue.first.procedures_total} procedures" in out
    assert "0 procedures and 0 versions new" in out


def test_demo_dossiers_stand_at_every_stage_and_tell_nobody(catalogue):
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from dossiers.demo import DEMO_MARK, load_dossiers_demo
    from dossiers.machine import DOSSIER
    from dossiers.models import Dossier
    from workflow.chain import verify_all

    said = load_dossiers_demo()
    made = Dossier.objects.filter(applicant_address__endswith=DEMO_MARK)
    # 32 walked today, and those received on earlier days: one overdue, one due later today
    # (none is due on a weekend or holiday).
    assert made.count() in (33, 34) and f"{made.count()} demo dossiers new" in said
    assert made.filter(state="processing", due_at__lt=timezone.now()).exists()
    assert {"submitted", "received", "processing", "supplement", "result_ready", "returned", "refused"} <= set(
        made.values_list("state", flat=True))
    assert list(verify_all(DOSSIER, made)) == []
    assert not DBTaskResult.objects.exists(), "demo data is not news"
    assert "already loaded" in load_dossiers_demo()
