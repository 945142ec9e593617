"""A citizen looks for a procedure in Chromium: the home page's box answers as she types, the
arrow keys take her into the results, the catalogue page marks the words matched and offers
what to try when nothing matched, at desktop and phone width (tests/browser/pages.py); a
results page she leaves unopened is counted."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

from catalogue.models import SearchMiss, Synonym
from catalogue.specs import write_spec
from tests.browser.pages import check_page
from tests.catalogue.conftest import building_permit_spec

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def catalogue(agency_a):
    for code, name in [("1.004412", "Đăng ký khai sinh"), ("1.004417", "Đăng ký kết hôn"),
                       ("1.012786", "Cấp lại Giấy chứng nhận quyền sử dụng đất do bị mất")]:
        write_spec(building_permit_spec(agency_a, code=code, name=name))
    Synonym.objects.create(everyday="sổ đỏ", official="giấy chứng nhận quyền sử dụng đất")


def test_a_citizen_finds_her_procedure_as_she_types(live_server, desk, catalogue):
    desk.goto(live_server.url + "/")
    desk.wait_for_load_state("load")  # htmx listens once the page has loaded
    desk.fill("#home-q", "dangw kys keets hoon")
    expect(desk.locator("#home-instant a").first).to_contain_text("Đăng ký kết hôn")
    check_page(desk, "search home instant")
    desk.press("#home-q", "ArrowDown")
    assert desk.evaluate("document.activeElement.textContent").strip() == "Đăng ký kết hôn"
    desk.keyboard.press("Enter")
    desk.wait_for_url("**/thu-tuc/1.004417/")

    desk.goto(live_server.url + "/")
    desk.fill("#home-q", "lam lai so do bi mat")
    desk.press("#home-q", "Enter")
    desk.wait_for_url("**/thu-tuc/?q=*")
    assert desk.locator(".results mark").count() >= 3
    check_page(desk, "search catalogue results")

    desk.fill("#q", "dnga sinhhh")
    desk.press("#q", "Enter")
    desk.wait_for_load_state("load")
    assert "Có phải bạn muốn tìm" in desk.inner_text("main")
    check_page(desk, "search catalogue did you mean")


def test_a_results_page_left_unopened_is_counted(live_server, desk, catalogue):
    desk.goto(live_server.url + "/thu-tuc/?q=ket+hon")
    desk.wait_for_load_state("load")
    desk.goto(live_server.url + "/")  # left without opening a result
    for _ in range(50):
        if SearchMiss.objects.filter(key="ket hon", abandoned=1).exists():
            break
        time.sleep(0.1)
    assert SearchMiss.objects.filter(key="ket hon", abandoned=1).exists()
    desk.goto(live_server.url + "/thu-tuc/?q=khai+sinh")
    desk.click(".results a[data-result]")
    desk.wait_for_url("**/thu-tuc/1.004412/")
    assert not SearchMiss.objects.filter(key="khai sinh").exists()
