"""Only administrators of the competent agency (or system administrators) edit its procedures."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied

from catalogue.services import publish, start_draft
from catalogue.specs import write_spec
from tests.catalogue.conftest import building_permit_spec

pytestmark = pytest.mark.django_db


def test_the_agency_administrator_edits_own_procedures(permit, quan):
    draft = start_draft(permit.procedure, quan)
    steps = draft.steps.all()
    assert publish(draft, date(2026, 1, 1), quan).number == 2 and len(steps) == 4


def test_an_administrator_of_another_agency_cannot(agency_b, quan):
    other = write_spec(building_permit_spec(agency_b, code="1.000777"))
    with pytest.raises(PermissionDenied):
        start_draft(other.procedure, quan)


def test_staff_without_the_admin_role_cannot(permit, minh, dung):
    for user in (minh, dung):
        with pytest.raises(PermissionDenied):
            start_draft(permit.procedure, user)


def test_publishing_another_agencys_draft_is_refused(agency_b, quan, son):
    other = write_spec(building_permit_spec(agency_b, code="1.000778"))
    draft = start_draft(other.procedure, son)
    with pytest.raises(PermissionDenied):
        publish(draft, date(2026, 1, 1), quan)
    draft.refresh_from_db()
    assert draft.state == "draft"
