"""Shared fixtures: a small province with two agencies, and the personas of our stories.

Personas: Lan the citizen, Hòa the counter officer, Minh the specialist,
Dũng the leader, Quân the agency administrator — all of agency A, the Department of
Construction — Tú, a specialist of agency B (another agency), Vy the operations-centre
operator, and Sơn the system administrator.
"""

from __future__ import annotations

import os
import shutil

import pytest

from accounts.models import User
from accounts.roles import Role
from accounts.services import grant_role
from units.models import AdministrativeUnit, Agency

PASSWORD = "mat-khau-thu-nghiem-2025"


@pytest.fixture(autouse=True)
def _fresh_caches():
    # Process-level caches (working-day overrides, published process steps, the IOC agency)
    # must not carry rows from one test's rolled-back transaction into the next test.
    from django.core.cache import cache

    from dossiers.actions import steps_of
    from fieldreports.permissions import forget_ioc_agency
    from motcua import stamps

    cache.clear()
    steps_of.cache_clear()
    forget_ioc_agency()
    stamps.forget()
    yield


@pytest.fixture(autouse=True)
def _stamps_read_once(settings):
    # Reference data is rebuilt at once after a change in this process (stamps.bump) and before
    # each test (_fresh_caches); re-reading its stamp every second would add a query to a page
    # depending on how slow the machine is, and query counts are pinned. The tests of changes
    # made by other processes set their own interval (tests/test_stamps.py, test_two_servers.py).
    settings.STAMP_CHECK_SECONDS = 3600


@pytest.fixture(autouse=True)
def _fresh_pages(settings):
    # The cache (rate-limit counters included) is cleared before each test by _fresh_caches.
    # Tests change data and read the page again at once; tests/test_pagecache.py turns it on.
    settings.PUBLIC_PAGE_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def _quiet_gateways(settings, tmp_path):
    # Only e-mail (Django's locmem outbox in tests) unless a test turns a gateway on.
    settings.NOTIFY_SMS_BACKEND = ""
    settings.NOTIFY_ZALO_BACKEND = ""
    settings.NOTIFY_LOG_DIR = str(tmp_path / "outbox")
    # Each test's audit checkpoints in its own folder, never the developer's var/audit.
    settings.AUDIT_CHECKPOINT_DIR = tmp_path / "audit"


def run_tasks() -> int:
    """Run the queued background tasks now, as the worker would (notifications, sweeps)."""
    from workflow.worker import drain

    return drain()


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Argon2 is deliberately slow; tests that are not about hashing use a fast hasher
    # (tests/test_settings.py checks that Argon2 is what production uses).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def province(db):
    return AdministrativeUnit.objects.create(
        code="46", name="Thành phố Huế", division_type="thành phố trung ương", codename="hue",
        level=AdministrativeUnit.Level.PROVINCE,
    )


@pytest.fixture
def agency_a(province):
    return Agency.objects.create(
        code="000.00.20.H57", name="Sở Xây dựng", kind=Agency.Kind.DEPARTMENT, unit=province
    )


@pytest.fixture
def agency_b(province):
    return Agency.objects.create(code="000.00.21.H57", name="Sở Y tế", kind=Agency.Kind.DEPARTMENT, unit=province)


@pytest.fixture
def ioc(province):
    return Agency.objects.create(
        code="000.00.30.H57", name="Trung tâm Giám sát, điều hành đô thị thông minh",
        kind=Agency.Kind.OPERATIONS_CENTER, unit=province,
    )


def make_user(username: str, **fields) -> User:
    fields.setdefault("kind", User.Kind.STAFF)
    user = User.objects.create_user(username=username, password=PASSWORD, **fields)
    return user


def staff(username: str, agency, role: str, **fields) -> User:
    user = make_user(username, full_name=fields.pop("full_name", username), **fields)
    grant_role(user, agency, role)
    return User.objects.get(pk=user.pk)


@pytest.fixture
def lan(db):
    return make_user("046190000123", kind=User.Kind.CITIZEN, citizen_id="046190000123", full_name="Nguyễn Thị Lan")


@pytest.fixture
def hoa(agency_a):
    return staff("hoa", agency_a, Role.COUNTER_OFFICER, full_name="Trần Thị Hòa")


@pytest.fixture
def minh(agency_a):
    return staff("minh", agency_a, Role.SPECIALIST, full_name="Lê Văn Minh")


@pytest.fixture
def dung(agency_a):
    return staff("dung", agency_a, Role.LEADER, full_name="Phạm Quốc Dũng")


@pytest.fixture
def quan(agency_a):
    return staff("quan", agency_a, Role.AGENCY_ADMIN, full_name="Hoàng Minh Quân")


@pytest.fixture
def tu(agency_b):
    return staff("tu", agency_b, Role.SPECIALIST, full_name="Võ Anh Tú")


@pytest.fixture
def vy(ioc):
    return staff("vy", ioc, Role.OPERATOR, full_name="Đặng Thảo Vy")


@pytest.fixture
def son(db):
    return User.objects.create_superuser(
        username="son", password=PASSWORD, kind=User.Kind.STAFF, full_name="Bùi Thanh Sơn"
    )


# --- A real browser ------------------------------------------------------------------------
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser():
    """Headless Chromium from the system (Debian package `chromium`, installed by .ci/run),
    driven by Playwright without downloading a browser of its own."""
    if not CHROMIUM:
        pytest.skip("Chromium is not installed (apt-get install chromium); .ci/run installs it")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django must allow the ORM here.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def phone(browser):
    """A page the size of a common phone screen, collecting JavaScript errors."""
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=1, is_mobile=True)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and "favicon" not in (message.location or {}).get(
        "url", "") and page.errors.append(message.text))
    yield page
    context.close()


# --- Suite-wide rules -------------------------------------------------------------------
# Tests marked `postgres` exercise PostgreSQL-only behaviour (row locks across processes);
# on SQLite they are deselected, not skipped. In CI (MOTCUA_REQUIRE_SERVICES=1) any skip
# fails the run, so a missing service can never hide behind a green build.


def pytest_collection_modifyitems(config, items):
    from django.conf import settings

    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        return
    selected, deselected = [], []
    for item in items:
        (deselected if item.get_closest_marker("postgres") else selected).append(item)
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = selected


_skipped: list[str] = []


def pytest_runtest_logreport(report):
    if report.skipped and not hasattr(report, "wasxfail"):
        _skipped.append(report.nodeid)


def pytest_sessionfinish(session, exitstatus):
    import os

    if os.environ.get("MOTCUA_REQUIRE_SERVICES") == "1" and _skipped and exitstatus == 0:
        print(f"\nMOTCUA_REQUIRE_SERVICES=1 but {len(_skipped)} test(s) were skipped: {_skipped[:5]}")
        session.exitstatus = 1
