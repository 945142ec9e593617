"""The push's tests talk to a real HTTP stand-in of the national portal on loopback."""

import pytest

from sync import portal
from sync.simulator import PortalSimulator
from tests.dossiers.conftest import clock, land_info, permit, received  # noqa: F401 (fixtures)


@pytest.fixture
def national(settings):
    with PortalSimulator() as simulator:
        settings.SYNC_PORTAL_URL = simulator.url
        settings.SYNC_PORTAL_USERNAME, settings.SYNC_PORTAL_PASSWORD = simulator.username, simulator.password
        settings.SYNC_TIMEOUT_SECONDS = 2
        portal.forget_session()
        yield simulator
    portal.forget_session()
