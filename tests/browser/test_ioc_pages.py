"""The operations centre's dashboard in Chromium, at desktop, phone and wallboard sizes, with
axe-core (tests/browser/pages.py), and its drill-down from a table row."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from catalogue.specs import write_spec
from dossiers import actions
from dossiers.models import Channel
from ioc import projection
from tests.browser.conftest import log_in
from tests.browser.pages import ARTIFACTS, check_page
from tests.catalogue.conftest import building_permit_spec
from tests.dossiers.conftest import LAN

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_dashboard_and_its_drill_down(live_server, desk, agency_a, hoa, vy):
    version = write_spec(building_permit_spec(agency_a))
    for _ in range(3):
        actions.forward(actions.receive(actions.submit(version, LAN, hoa, channel=Channel.COUNTER).dossier,
                                        hoa).dossier, hoa)
    projection.catch_up()
    log_in(desk, live_server.url, "vy")
    desk.click("header >> text=Điều hành")
    assert desk.inner_text("#kpi-cards li:first-child .kpi") == "3"
    desk.wait_for_selector("#fr-map.leaflet-container")  # the field-report map (clusters), without tiles here
    check_page(desk, "ioc dashboard")
    desk.click("text=Chế độ màn hình lớn")
    desk.set_viewport_size({"width": 1920, "height": 1080})  # the big screen of the centre
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    desk.screenshot(path=str(ARTIFACTS / "ioc-dashboard-wallboard.png"), full_page=True)
    assert desk.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    desk.set_viewport_size({"width": 1280, "height": 900})
    desk.click("text=Thoát màn hình lớn")
    desk.click(f"table.sortable >> text={agency_a.name}")
    check_page(desk, "ioc agency")
    desk.click("tbody a")
    check_page(desk, "ioc dossiers")
    expect(desk.locator("tbody tr")).to_have_count(3)
    desk.goto(f"{live_server.url}/dieu-hanh/")
    desk.click("text=Bộ chỉ số 766")
    check_page(desk, "ioc decision 766")


def test_an_export_shows_its_progress_then_its_file(live_server, desk, agency_a, hoa, vy, settings, tmp_path):
    from io import BytesIO
    from pathlib import Path

    from openpyxl import load_workbook

    from tests.conftest import run_tasks

    settings.MEDIA_ROOT = tmp_path / "media"
    version = write_spec(building_permit_spec(agency_a))
    actions.receive(actions.submit(version, LAN, hoa, channel=Channel.COUNTER).dossier, hoa)
    projection.catch_up()
    log_in(desk, live_server.url, "vy")
    desk.goto(f"{live_server.url}/dieu-hanh/?ky=nam")
    desk.click("#theo-co-quan ~ .table-tools button[value=co-quan]")
    expect(desk.locator("#export-progress")).to_contain_text("Đang chờ")
    check_page(desk, "ioc export waiting")
    run_tasks()  # the worker, here in the test's own process
    link = desk.locator("#export-progress a.button")
    expect(link).to_contain_text("Tải về", timeout=10_000)  # htmx polls the progress every second
    check_page(desk, "ioc export done")
    with desk.expect_download() as download:
        link.click()
    assert download.value.suggested_filename.endswith(".xlsx")
    sheet = load_workbook(BytesIO(Path(download.value.path()).read_bytes())).active
    assert sheet["A7"].value == agency_a.name
    desk.click("text=Tệp đã xuất")
    expect(desk.locator("tbody tr")).to_have_count(1)
    check_page(desk, "ioc exports")
