"""A citizen pays her online dossier's fee in Chromium, through the gateway simulator: from
"my dossier" to the simulated VNPAY page, back to the return page, which shows the payment
confirmed by the IPN; then the counter officer sees it on the dossier page. Every page passes
the phone-width and accessibility checks."""

from __future__ import annotations

import pytest

from payments.models import Payment
from tests.browser.conftest import log_in
from tests.browser.pages import check_page
from tests.payments.conftest import online, permit, site  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db(transaction=True)


def test_lan_pays_her_fee_through_the_simulated_gateway(site, live_server, desk, online, lan, hoa):  # noqa: F811
    base = live_server.url
    log_in(desk, base, lan.username)
    desk.goto(f"{base}/ho-so-cua-toi/{online.pk}/")
    assert "50.000" in desk.inner_text("#thanh-toan")
    check_page(desk, "payment-my-dossier")
    desk.check("input[name=gateway][value=vnpay]")
    desk.click("#thanh-toan button[type=submit]")
    desk.wait_for_load_state()
    assert desk.url.startswith(site.url) and "Cổng thanh toán VNPAY" in desk.content()
    desk.click("button[value=pay]")
    desk.wait_for_url(f"{base}/thanh-toan/vnpay/tra-ve/**")
    assert "Đã thanh toán" in desk.inner_text("main")
    check_page(desk, "payment-return")
    assert Payment.objects.get(dossier=online).state == "paid"

    log_in(desk, base, hoa.username)
    desk.goto(f"{base}/can-bo/ho-so/{online.pk}/")
    assert "Đã thanh toán" in desk.inner_text("main")
    check_page(desk, "payment-officer-dossier")
