"""Editing creates a draft; publishing freezes it; dossiers get the version in force on a date."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from catalogue.models import Component, ProcedureVersion, ProcessStep
from catalogue.services import publish, start_draft, version_on
from catalogue.specs import spec_of, write_spec

pytestmark = pytest.mark.django_db


def test_a_written_spec_is_published_with_its_parts(permit):
    assert permit.is_published and permit.number == 1
    assert permit.effective_from == date(2025, 7, 1)
    assert permit.components.count() == 3 and permit.steps.count() == 4
    assert permit.search_name == " cap giay phep xay dung moi doi voi nha o rieng le "


def test_a_published_version_refuses_every_change(permit):
    permit.name = "Tên khác"
    with pytest.raises(ValidationError, match="đã công bố"):
        permit.save()
    with pytest.raises(ValidationError):
        permit.delete()
    component = permit.components.first()
    component.name = "Giấy tờ khác"
    with pytest.raises(ValidationError):
        component.save()
    with pytest.raises(ValidationError):
        component.delete()
    with pytest.raises(ValidationError):
        Component.objects.create(version=permit, name="Thêm giấy tờ", originals=1)
    step = permit.steps.first()
    with pytest.raises(ValidationError):
        step.delete()
    assert ProcedureVersion.objects.get(pk=permit.pk).name.startswith("Cấp giấy phép xây dựng")
    assert ProcessStep.objects.filter(version=permit).count() == 4


def test_editing_starts_a_draft_copy_and_keeps_the_published_version(permit):
    draft = start_draft(permit.procedure)
    assert (draft.number, draft.state) == (2, "draft")
    assert draft.pk != permit.pk
    assert [c.name for c in draft.components.all()] == [c.name for c in permit.components.all()]
    draft.name = "Cấp giấy phép xây dựng nhà ở riêng lẻ (sửa đổi)"
    draft.save()
    assert start_draft(permit.procedure).pk == draft.pk  # one draft at a time
    assert ProcedureVersion.objects.get(pk=permit.pk).name == "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ"


def test_lookup_by_date_returns_the_version_in_force(permit):
    draft = start_draft(permit.procedure)
    draft.time_limit_value = 12
    draft.save()
    steps = list(draft.steps.all())
    steps[1].budget_hours = 76
    steps[1].save()
    second = publish(draft, date(2026, 1, 1))
    procedure = permit.procedure
    assert version_on(procedure, date(2025, 6, 30)) is None
    assert version_on(procedure, date(2025, 7, 1)) == permit
    assert version_on(procedure, date(2025, 12, 31)) == permit
    assert version_on(procedure, date(2026, 1, 1)) == second
    assert version_on(procedure, date(2027, 5, 1)) == second


def test_a_draft_is_never_in_force(permit):
    start_draft(permit.procedure)
    assert version_on(permit.procedure, date(2030, 1, 1)) == permit


def test_an_abolished_procedure_has_no_version_in_force(permit):
    procedure = permit.procedure
    procedure.abolished_on = date(2026, 3, 1)
    procedure.save()
    assert version_on(procedure, date(2026, 2, 28)) == permit
    assert version_on(procedure, date(2026, 3, 1)) is None


def test_publishing_twice_is_refused(permit):
    with pytest.raises(ValidationError, match="đã được công bố"):
        publish(permit, date(2026, 1, 1))


def test_writing_a_spec_again_creates_the_next_version(permit, permit_spec):
    permit_spec.fees[0].amount = 100000
    permit_spec.effective_from = date(2026, 1, 1)
    second = write_spec(permit_spec)
    assert second.number == 2 and second.fees.get().amount == 100000
    assert permit.fees.get().amount == 75000


def test_spec_round_trip(permit, permit_spec):
    import dataclasses

    assert spec_of(permit) == dataclasses.replace(permit_spec, number=1)  # the version's number comes along
