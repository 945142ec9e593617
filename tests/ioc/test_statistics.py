"""The public statistics page: figures any citizen may see, the reform targets as progress
bars, no dossier and no person."""

# ruff: noqa: F811 (fixtures imported from other test packages, then asked for by name)
import pytest

from dossiers import actions
from dossiers.models import Channel
from ioc import projection
from tests.dossiers.conftest import LAN

pytestmark = pytest.mark.django_db


def test_anyone_sees_the_year_and_the_targets(client, permit, hoa, lan, agency_a):
    actions.receive(actions.submit(permit, LAN, hoa, channel=Channel.COUNTER).dossier, hoa)
    actions.receive(actions.submit(permit, LAN, lan).dossier, hoa)
    projection.catch_up()
    page = client.get("/thong-ke/")
    assert page.status_code == 200
    assert page.context["total"]["received"] == 2 and page.context["online_share"] == 50.0
    assert [r["agency"] for r in page.context["rows"]] == [agency_a]
    online = next(t for t in page.context["targets"] if "trực tuyến" in t["label"])
    assert online["value"] == 100.0 and online["met"]  # the one procedure is offered online
    text = page.content.decode()
    assert "Nguyễn Thị Lan" not in text and "Thống kê" in text
