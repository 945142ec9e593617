"""An agency's own working hours must make an 8-hour working day (step budgets are in hours)."""

import pytest
from django.core.exceptions import ValidationError

from units.models import AdministrativeUnit, Agency


@pytest.fixture
def agency(db):
    unit = AdministrativeUnit(code="46", name="Thành phố Huế", division_type="thành phố", codename="hue",
                              level="province")
    unit.save()
    return Agency(code="000.00.20.H57", name="Sở Xây dựng", kind="department", unit=unit)


def test_eight_hours_are_accepted(agency):
    agency.working_periods = "08:00-11:30,13:00-17:30"
    agency.full_clean()


def test_other_day_lengths_are_explained(agency):
    agency.working_periods = "08:00-11:30,13:00-16:30"
    with pytest.raises(ValidationError, match="phải là 8 giờ \\(đang là 7 giờ\\)"):
        agency.full_clean()
