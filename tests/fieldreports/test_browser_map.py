"""In a real browser on a phone-sized screen: the public map shows the reports, clustered,
with no tile server configured (the demo has none) and no JavaScript error."""

import pytest

from tests.fieldreports.conftest import IN_WARD_A, IN_WARD_B, report

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_feed_map_shows_clustered_reports_without_tiles(world, lighting, lan, live_server, phone, settings):
    settings.FIELDREPORTS_TILE_URL = ""
    for where in (IN_WARD_A, IN_WARD_A, IN_WARD_B):
        report(lan, lighting, where=where)

    phone.goto(f"{live_server.url}/phan-anh/", wait_until="networkidle")
    phone.wait_for_selector(".marker-cluster, path.leaflet-interactive", timeout=5000)

    shown = phone.locator(".marker-cluster, path.leaflet-interactive").count()
    assert shown >= 1
    assert phone.errors == []
    # Nothing sticks out sideways on a phone.
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
