"""Payment fixtures: the gateway simulator (a real HTTP server on loopback speaking VNPAY 2.1.0
and the national platform's protocol), this site's settings pointing at it, Lan's online
dossier of a procedure with fees, and a citizen's browser that talks HTTP to both."""

from __future__ import annotations

import re
from datetime import date

import httpx
import pytest

from catalogue.specs import write_spec
from dossiers import actions
from dossiers.models import Channel
from payments.simulator import GatewaySimulator
from tests.catalogue.conftest import building_permit_spec
from tests.dossiers.conftest import LAN

SECRET = "TESTSECRETKEY0123456789ABCDEFGHI"
TMN = "DEMOV210"
PARTNER = "000.00.00.H57"
KEY = "khoa-bi-mat-dvcqg"


def point_at(settings, sim: GatewaySimulator) -> None:
    settings.PAYMENT_GATEWAYS = ["vnpay", "dvcqg"]
    settings.VNPAY_TMN_CODE, settings.VNPAY_HASH_SECRET = TMN, SECRET
    settings.VNPAY_PAY_URL = f"{sim.url}/paymentv2/vpcpay.html"
    settings.VNPAY_API_URL = f"{sim.url}/merchant_webapi/api/transaction"
    settings.DVCQG_PARTNER_CODE, settings.DVCQG_HASH_KEY = PARTNER, KEY
    settings.DVCQG_INIT_URL = f"{sim.url}/ppdvcqg/inittransaction"
    settings.DVCQG_QUERY_URL = f"{sim.url}/ppdvcqg/truyvan"
    settings.DVCQG_RECEIPT_URL = f"{sim.url}/ppdvcqg/paymentreceipt"


@pytest.fixture
def simulator(settings):
    """The simulator alone; results it would send to the site are held (tests without a server)."""
    with GatewaySimulator(vnpay_tmn=TMN, vnpay_secret=SECRET, dvcqg_partner=PARTNER, dvcqg_key=KEY) as sim:
        sim.hold_results = True
        point_at(settings, sim)
        yield sim


@pytest.fixture
def site(live_server, settings):
    """The site served on loopback and the simulator sending its results to it, as in production."""
    settings.PUBLIC_BASE_URL = live_server.url
    with GatewaySimulator(vnpay_tmn=TMN, vnpay_secret=SECRET, vnpay_ipn_url=f"{live_server.url}/thanh-toan/vnpay/ipn/",
                          dvcqg_partner=PARTNER, dvcqg_key=KEY,
                          dvcqg_result_url=f"{live_server.url}/thanh-toan/dvcqg/ket-qua/") as sim:
        point_at(settings, sim)
        yield sim


@pytest.fixture
def permit(agency_a):
    """The building permit of agency A: lệ phí 75.000 đ, 50.000 đ when submitted online."""
    return write_spec(building_permit_spec(agency_a, effective_from=date(2025, 1, 1)))


@pytest.fixture
def online(permit, lan):
    """Lan's dossier, submitted online: she owes the online fee, 50.000 đ."""
    return actions.submit(permit, LAN, lan, channel=Channel.ONLINE).dossier


class Browser:
    """A citizen's browser: cookies, and forms posted with their CSRF token."""

    def __init__(self, base: str, session_cookie: str | None = None):
        self.base = base
        self.http = httpx.Client(follow_redirects=False, timeout=20)
        if session_cookie:
            self.http.cookies.set("sessionid", session_cookie)

    def get(self, url: str) -> httpx.Response:
        return self.http.get(url if url.startswith("http") else self.base + url)

    def post(self, url: str, data: dict, *, page: str | None = None) -> httpx.Response:
        if page is not None:  # the form's token, as a browser sends it
            text = self.get(page).text
            data = {**data, "csrfmiddlewaretoken": re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', text)[1]}
        return self.http.post(url if url.startswith("http") else self.base + url, data=data,
                              headers={"Referer": self.base + (page or "/")})

    def close(self) -> None:
        self.http.close()


@pytest.fixture
def lan_browser(site, live_server, lan, client):
    client.force_login(lan)
    browser = Browser(live_server.url, client.cookies["sessionid"].value)
    yield browser
    browser.close()
