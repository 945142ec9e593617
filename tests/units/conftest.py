"""Units loaded once per module from the vietnam-provinces package.

Loading the 3,355 units takes about a second, so modules that only read them share one
load (committed before the module, removed after it); each test still runs in its own
transaction, rolled back at its end, so tests may change units freely.
"""

from __future__ import annotations

import pytest

from units.loader import load_units
from units.models import AdministrativeUnit, Agency


def remove_all_units_and_agencies() -> None:
    # Parents and successors are PROTECTed: cut the links before deleting.
    Agency.objects.update(parent=None)
    Agency.objects.all().delete()
    AdministrativeUnit.objects.update(parent=None, replaced_by=None)
    AdministrativeUnit.objects.all().delete()


@pytest.fixture(scope="module")
def loaded_units(django_db_setup, django_db_blocker):
    """The counts of a first full load into an empty database."""
    with django_db_blocker.unblock():
        assert not AdministrativeUnit.objects.exists(), "expected an empty units table"
        counts = load_units()
    yield counts
    with django_db_blocker.unblock():
        remove_all_units_and_agencies()
