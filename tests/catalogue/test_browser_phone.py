"""In a real browser on a phone-sized screen: search without diacritics, open a procedure."""

import pytest

from catalogue.specs import write_spec
from tests.catalogue.conftest import building_permit_spec

pytestmark = pytest.mark.django_db(transaction=True)


def test_search_and_read_a_procedure_on_a_phone(agency_a, live_server, phone):
    write_spec(building_permit_spec(agency_a))

    phone.goto(f"{live_server.url}/thu-tuc/")
    phone.fill("#q", "giay phep xay dung")
    phone.click("button[type=submit]")
    phone.click("text=Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ")

    assert phone.locator("h1").inner_text() == "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ"
    assert phone.locator("text=Đơn đề nghị cấp giấy phép xây dựng").is_visible()
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert phone.errors == []
