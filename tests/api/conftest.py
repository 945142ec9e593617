"""The API tests reuse the dossier fixtures: the building permit of agency A and agency B's
liên thông procedure (1.009994, 1.004321), the frozen clock, Lan's dossier received by Hòa."""

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from tests.dossiers.conftest import clock, land_info, permit, received  # noqa: F401 (fixtures)


@pytest.fixture
def inside_the_test_transaction(db):
    """For requests sent straight to Django's WSGI handler (schemathesis, a generated client):
    the handler closes the database connection around each request, which on PostgreSQL ends
    the test's transaction; Django's own test client disconnects the same signal."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)
