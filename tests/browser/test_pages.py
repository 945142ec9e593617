"""Every page a person reaches from the menu, checked in Chromium at 360 px and with axe-core
(tests/browser/pages.py), as the person who uses it; and the officer's list filtering as they
type (htmx), without a page load."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from catalogue.specs import write_spec
from dossiers import actions
from dossiers.models import Channel
from tests.browser.conftest import log_in
from tests.browser.pages import check_page
from tests.catalogue.conftest import building_permit_spec
from tests.dossiers.conftest import LAN, pdf_bytes

pytestmark = pytest.mark.django_db(transaction=True)


def test_public_pages(live_server, desk, agency_a):
    version = write_spec(building_permit_spec(agency_a))
    base = live_server.url
    for path, name in [("/thu-tuc/", "catalogue"), (f"/thu-tuc/{version.procedure.code}/", "procedure"),
                       ("/tra-cuu-ho-so/?ma=000.00.20.H57-250101-0001&mat-khau=SAI", "lookup not found"),
                       ("/accounts/login/", "login"), ("/khong-co-trang-nay/", "not found"),
                       ("/thong-ke/", "statistics")]:
        desk.goto(base + path)
        check_page(desk, f"public {name}")
    desk.goto(base + "/")
    desk.click("text=English")
    assert "One-stop public service portal" in desk.inner_text("h1")
    check_page(desk, "public home in English")
    desk.click("text=Track a dossier")
    check_page(desk, "public lookup in English")


def test_officer_pages_and_the_live_filter(live_server, desk, agency_a, hoa, lan):
    version = write_spec(building_permit_spec(agency_a))
    for name in ("Nguyễn Thị Lan", "Trần Văn Bình"):
        applicant = LAN.__class__(**{**LAN.__dict__, "name": name})
        actions.receive(actions.submit(version, applicant, hoa, channel=Channel.COUNTER).dossier, hoa)
    actions.submit(version, LAN, lan)
    base = live_server.url
    log_in(desk, base, "hoa")
    for label in ("Chờ tiếp nhận", "Việc của tôi", "Quá hạn"):
        desk.click(f".tabs >> text={label}")
        check_page(desk, f"queue {label}")
    desk.click(".tabs >> text=Việc của tôi")
    desk.wait_for_load_state("load")  # htmx listens once the page has loaded
    desk.evaluate("window.__same_page = true")
    desk.fill("#q", "tran van")
    expect(desk.locator("#queue-results tbody tr")).to_have_count(1)
    assert desk.evaluate("window.__same_page") is True  # filtered in place, no page load
    assert "Trần Văn Bình" in desk.inner_text("#queue-results")
    assert "q=tran" in desk.url  # the address follows, so a reload shows the same list

    desk.click("text=+ Tiếp nhận tại quầy")
    desk.wait_for_load_state("load")
    desk.fill("#q", "xay dung")
    desk.wait_for_selector("#intake-results a")
    check_page(desk, "intake search")
    desk.click("#intake-results a")
    check_page(desk, "intake form")
    desk.click("button.primary")  # nothing filled in: every message beside its field
    assert desk.locator(".errorlist").count() >= 3
    check_page(desk, "intake form with errors")

    # The counter intake in one flow: the applicant, the paper ticked, a scan, receive, print.
    desk.fill("#id_name", "Lê Thị Thu Hà")
    desk.fill("#id_id_number", "046192007788")
    desk.fill("#id_address", "5 Hùng Vương, Huế")
    desk.fill("#id_phone", "0905765432")
    for box in desk.locator("input[name^=received-]").all()[:2]:
        box.check()
    first = version.components.order_by("order", "pk").first()
    desk.set_input_files(f"#scan-{first.pk}", {"name": "scan.pdf", "mimeType": "application/pdf",
                                                "buffer": pdf_bytes("Scan")})
    desk.click("button.primary")
    assert "Đã tiếp nhận hồ sơ" in desk.inner_text(".messages")
    check_page(desk, "counter dossier after intake")
    with desk.expect_download() as download:
        desk.click("text=Giấy tiếp nhận, hẹn trả kết quả (01)")
    assert download.value.suggested_filename.endswith("-mau-01.pdf")
