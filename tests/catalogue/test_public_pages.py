"""The public catalogue: a list with filters and search, and a page with everything to bring."""

import pytest
from django.urls import reverse

from catalogue.specs import write_spec
from tests.catalogue.conftest import building_permit_spec

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_procedures(agency_a, agency_b):
    write_spec(building_permit_spec(agency_a))
    write_spec(building_permit_spec(agency_b, code="1.000003", name="Đăng ký khai sinh", field_code="ho-tich",
                                    field_name="Hộ tịch", online_level="full", level_province=False,
                                    level_commune=True))


def test_list_shows_procedures_in_force(client, two_procedures):
    page = client.get(reverse("catalogue:list"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ" in html and "Đăng ký khai sinh" in html


def test_search_without_diacritics(client, two_procedures):
    html = client.get(reverse("catalogue:list"), {"q": "dang ky khai sinh"}).content.decode()
    assert "<mark>Đăng</mark> <mark>ký</mark> <mark>khai</mark> <mark>sinh</mark>" in html
    assert "Cấp giấy phép xây dựng" not in html


@pytest.mark.parametrize(
    ("params", "expected"),
    [({"field": "ho-tich"}, "Đăng ký khai sinh"), ({"online_level": "partial"}, "Cấp giấy phép xây dựng"),
     ({"level": "commune"}, "Đăng ký khai sinh"), ({"agency": "000.00.20.H57"}, "Cấp giấy phép xây dựng")],
)
def test_filters(client, two_procedures, params, expected):
    html = client.get(reverse("catalogue:list"), params).content.decode()
    assert "Tìm thấy 1 thủ tục" in html and expected in html


def test_nonsense_filters_do_not_break_the_page(client, two_procedures):
    page = client.get(reverse("catalogue:list"), {"level": "galaxy", "page": "abc", "q": "%_'\""})
    assert page.status_code == 200


def test_detail_page_has_components_fees_and_where_to_submit(client, two_procedures, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        page = client.get(reverse("catalogue:detail", args=["1.009994"]))
    html = page.content.decode()
    assert page.status_code == 200
    for text in ("Đơn đề nghị cấp giấy phép xây dựng", "Nộp khi: Khi công trình có tầng hầm", "75.000 đồng",
                 "nộp trực tuyến: 50.000 đồng", "15 ngày làm việc", "Sở Xây dựng", "Luật Xây dựng số 50/2014/QH13"):
        assert text in html, text


def test_list_query_count_does_not_grow_with_results(client, agency_a, django_assert_max_num_queries):
    for n in range(25):
        write_spec(building_permit_spec(agency_a, code=f"1.0001{n:02d}"))
    with django_assert_max_num_queries(6):
        assert client.get(reverse("catalogue:list")).status_code == 200


def test_unknown_procedure_is_404(client, db):
    assert client.get(reverse("catalogue:detail", args=["9.999999"])).status_code == 404
