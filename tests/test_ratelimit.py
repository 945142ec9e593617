"""Rate limits: guessing lookup secrets is stopped within a handful of tries (429, Retry-After,
a Vietnamese message), per address and per dossier code; a citizen who mistypes a few times,
and everyone else, is never stopped; behind the proxy the client's own address counts."""

# ruff: noqa: F811 (fixtures imported from other test packages, then asked for by name)
import pytest
from django.test import RequestFactory

from dossiers import actions
from dossiers.lookup import WRONG_PER_ADDRESS, WRONG_PER_CODE
from dossiers.models import Channel
from motcua.ratelimit import client_ip
from tests.dossiers.conftest import LAN, clock, permit  # noqa: F401 (fixtures)


@pytest.fixture
def dossier(permit, hoa):
    return actions.receive(actions.submit(permit, LAN, hoa, channel=Channel.COUNTER).dossier, hoa).dossier


def lookup(client, code, secret, address="203.0.113.7"):
    return client.get("/tra-cuu-ho-so/", {"ma": code, "mat-khau": secret}, REMOTE_ADDR=address)


def test_guessing_one_code_from_many_addresses_is_slowed_but_never_locks_its_owner_out(client, dossier, caplog,
                                                                                        settings, tmp_path):
    from dossiers.forms.issue import issue_form

    settings.MEDIA_ROOT = tmp_path / "media"
    issue_form(dossier, "01")
    for n in range(WRONG_PER_CODE.count - 1):
        assert lookup(client, dossier.code, f"SAI{n:04d}", address=f"198.51.100.{n}").status_code == 404
    # Ten wrong secrets for this code from ten addresses: wrong ones are told to wait, and logged…
    stopped = lookup(client, dossier.code, "SAI9999", address="198.51.100.99")
    assert stopped.status_code == 429 and int(stopped["Retry-After"]) > 0
    assert "thử quá nhiều lần" in stopped.content.decode()
    assert "many wrong secrets" in caplog.text
    assert lookup(client, dossier.code, "SAI8888", address="192.0.2.1").status_code == 429
    # …but the citizen holding the receipt still opens it, and its PDF
    assert lookup(client, dossier.code, dossier.lookup_secret, address="192.0.2.1").status_code == 200
    receipt = client.get(f"/tra-cuu-ho-so/{dossier.code}/{dossier.lookup_secret}/giay-tiep-nhan.pdf",
                         REMOTE_ADDR="192.0.2.2")
    assert receipt.status_code == 200 and b"".join(receipt.streaming_content).startswith(b"%PDF")


def test_one_address_trying_many_codes_is_stopped(client, dossier):
    for n in range(WRONG_PER_ADDRESS.count):
        assert lookup(client, f"000.00.20.H57-250310-{n:04d}", "SAI").status_code == 404
    assert lookup(client, dossier.code, dossier.lookup_secret).status_code == 429
    assert lookup(client, dossier.code, dossier.lookup_secret, address="203.0.113.8").status_code == 200


def test_a_few_typos_never_stop_a_citizen(client, dossier):
    for _ in range(3):
        lookup(client, dossier.code, "GOSAI")
    assert lookup(client, dossier.code, dossier.lookup_secret).status_code == 200


def test_limits_can_be_turned_off(client, dossier, settings):
    settings.RATELIMIT_ENABLED = False
    for _ in range(WRONG_PER_CODE.count + 5):
        lookup(client, dossier.code, "SAI")
    assert lookup(client, dossier.code, dossier.lookup_secret).status_code == 200


def test_behind_the_proxy_the_client_address_is_the_forwarded_one(settings):
    settings.FORWARDED_ALLOW_IPS = ["10.0.0.5"]
    via_proxy = RequestFactory().get("/", REMOTE_ADDR="10.0.0.5", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.9")
    assert client_ip(via_proxy) == "203.0.113.9"  # the hop the proxy itself appended
    forged = RequestFactory().get("/", REMOTE_ADDR="203.0.113.9", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_ip(forged) == "203.0.113.9"  # not from the proxy: the header is ignored
