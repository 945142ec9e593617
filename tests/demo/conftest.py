"""The Huế demo loaded twice, once per module, and the row counts after each run.

The load is committed before the module's tests and removed after them; each test runs in
its own transaction, rolled back at its end, so tests may change demo rows freely.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.test import override_settings

from accounts.models import Membership, User
from demo import data
from demo.loader import DemoLoadCounts, load_demo
from units.models import AdministrativeUnit, Agency

# Demo passwords hashed with Argon2 would cost a second per load; tests need no strength.
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def row_counts() -> dict[str, int]:
    return {
        "units": AdministrativeUnit.objects.count(),
        "agencies": Agency.objects.count(),
        "users": User.objects.count(),
        "memberships": Membership.objects.count(),
    }


@dataclass
class DemoRuns:
    first: DemoLoadCounts
    second: DemoLoadCounts
    rows_after_first: dict[str, int]
    rows_after_second: dict[str, int]


@pytest.fixture(autouse=True)
def fast_hashers(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        assert not AdministrativeUnit.objects.exists(), "expected an empty database"
        first = load_demo()
        after_first = row_counts()
        second = load_demo()
        runs = DemoRuns(first, second, after_first, row_counts())
    yield runs
    with django_db_blocker.unblock():
        remove_demo()


def remove_demo() -> None:
    """Remove what load_demo committed (module fixtures load it outside the tests' transactions)."""
    User.objects.filter(username__in=[a["username"] for a in data.DEMO_ACCOUNTS]).delete()
    Agency.objects.update(parent=None)
    Agency.objects.all().delete()
    AdministrativeUnit.objects.update(parent=None, replaced_by=None)
    AdministrativeUnit.objects.all().delete()
