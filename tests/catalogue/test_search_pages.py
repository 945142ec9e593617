"""The search as a citizen meets it on the catalogue page, the home page's box and the API:
every input answered, misses logged without personal data, suggestions when nothing matched."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from catalogue.excel import import_workbook, write_workbook
from catalogue.excel_synonyms import SHEET_SYNONYMS
from catalogue.models import ProcedureVersion, SearchMiss, Synonym
from catalogue.search import misses
from catalogue.specs import write_spec
from tests.catalogue.conftest import building_permit_spec

pytestmark = pytest.mark.django_db
LIST = reverse("catalogue:list")


@pytest.fixture
def catalogue(agency_a):
    for code, name in [("1.004412", "Đăng ký khai sinh"), ("1.004417", "Đăng ký kết hôn"),
                       ("1.001228", "Cấp Giấy phép bán lẻ sản phẩm thuốc lá <b>&")]:
        write_spec(building_permit_spec(agency_a, code=code, name=name))


@pytest.mark.parametrize("q", ["a\x01b", "x" * 201, "\ufffe", "khai\x1bsinh"])
def test_a_query_that_cannot_be_searched_is_explained(client, catalogue, q):
    page = client.get(LIST, {"q": q})
    assert page.status_code == 400
    assert 'role="alert"' in page.content.decode()
    assert not SearchMiss.objects.exists()


@pytest.mark.parametrize("q", ["%_'\"", "<script>", "ｄａｎｇ ｋｙ", "ǅ", "\u200b", " " * 199, "đ" * 200, "1" * 200])
def test_odd_queries_still_answer(client, catalogue, q):
    assert client.get(LIST, {"q": q}).status_code == 200
    assert client.get("/api/v1/procedures", {"q": q}).status_code == 200
    assert client.get(reverse("catalogue:instant"), {"q": q}).status_code == 200


def test_matched_words_are_marked_and_the_rest_escaped(client, catalogue):
    html = client.get(LIST, {"q": "thuoc la"}).content.decode()
    assert "<mark>thuốc</mark> <mark>lá</mark> &lt;b&gt;&amp;" in html


def test_a_corrected_query_says_what_was_searched(client, catalogue):
    html = client.get(LIST, {"q": "dang ki kets hon"}).content.decode()
    assert "Kết quả cho «đăng ký kết hôn»" in html and "Tìm thấy 1 thủ tục" in html


def test_nothing_found_offers_what_to_try_and_logs_the_words(client, catalogue, settings):
    settings.PUBLIC_PAGE_CACHE_SECONDS = 60
    for _ in range(2):  # the page is not served from the cache: each miss counts
        html = client.get(LIST, {"q": "dnga sinhhh"}).content.decode()
    assert "Tìm thấy 0 thủ tục" in html and "Có phải bạn muốn tìm:" in html
    suggestion = html.split("Có phải bạn muốn tìm:", 1)[1].split('href="', 1)[1].split('"', 1)[0]
    assert "Tìm thấy 0 thủ tục" not in client.get(LIST + suggestion.replace("&amp;", "&")).content.decode()
    assert SearchMiss.objects.get().no_results == 2


def test_a_miss_with_filters_is_not_the_words_fault(client, catalogue):
    client.get(LIST, {"q": "qwxzv", "online_level": "full"})
    client.get("/api/v1/procedures", {"q": "qwxzv", "page": 2})
    assert not SearchMiss.objects.exists()
    body = client.get("/api/v1/procedures", {"q": "dnga sinhhh"}).json()
    assert body["count"] == 0 and body["suggestions"]
    assert SearchMiss.objects.get().no_results == 1


@pytest.mark.parametrize("q", ["046190012345", "0905 123 456", "lan@example.com", "000.00.20.H57-250701-0001",
                               "xem www.dichvucong.gov.vn", "khai sinh " * 11])
def test_nothing_that_could_identify_someone_is_logged(q):
    assert misses.record(q, misses.NO_RESULTS) is False
    assert not SearchMiss.objects.exists()


def test_a_results_page_left_unopened_is_counted_once_per_beacon(client, catalogue, settings):
    url = reverse("catalogue:abandoned")
    assert client.post(url, {"q": "đăng ký kết hôn"}).status_code == 204
    assert client.post(url, {"q": "qwxzv"}).status_code == 204  # found nothing: already a miss, not this
    assert client.post(url, {"q": "a\x01"}).status_code == 400
    assert client.get(url).status_code == 405
    assert list(SearchMiss.objects.values_list("query", "abandoned", "no_results")) == [("đăng ký kết hôn", 1, 0)]
    settings.RATELIMIT_ENABLED = True
    codes = {client.post(url, {"q": "đăng ký kết hôn"}).status_code for _ in range(40)}
    assert codes == {204, 429}


def test_the_results_page_carries_what_the_beacon_needs(client, catalogue):
    html = client.get(LIST, {"q": "kết hôn"}).content.decode()
    assert 'data-search="kết hôn"' in html and "catalogue/search.js" in html and "data-result" in html


def test_the_home_box_shows_instant_results(client, catalogue):
    assert 'hx-get="/thu-tuc/goi-y/"' in client.get("/").content.decode()
    html = client.get(reverse("catalogue:instant"), {"q": "ket hon"}).content.decode()
    assert "/thu-tuc/1.004417/" in html and "<mark>" in html
    assert "Chưa thấy thủ tục phù hợp" in client.get(reverse("catalogue:instant"), {"q": "qwxzv"}).content.decode()


def test_synonyms_go_out_and_come_back_with_the_catalogue_workbook(catalogue):
    Synonym.objects.create(everyday="giấy độc thân", official="xác nhận tình trạng hôn nhân")
    Synonym.objects.create(everyday="bằng lái xe", official="giấy phép lái xe", two_way=True)
    data = write_workbook(ProcedureVersion.objects.all())
    Synonym.objects.all().delete()
    result = import_workbook(io.BytesIO(data))
    assert result.ok and result.synonyms == 2
    assert set(Synonym.objects.values_list("everyday", "official", "two_way")) == {
        ("giấy độc thân", "xác nhận tình trạng hôn nhân", False), ("bằng lái xe", "giấy phép lái xe", True)}
    assert import_workbook(io.BytesIO(data)).synonyms == 0  # the same rows again change nothing


def test_bad_synonym_rows_stop_the_whole_import(catalogue):
    from openpyxl import load_workbook

    data = write_workbook(ProcedureVersion.objects.all())
    workbook = load_workbook(io.BytesIO(data))
    sheet = workbook[SHEET_SYNONYMS]
    sheet.append(["sổ đỏ", "Sổ Đỏ", None])
    sheet.append(["bằng lái", "giấy phép lái xe", "x"])
    sheet.append(["Bằng lái", "giay phep lai xe", None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = import_workbook(buffer)
    assert [str(e) for e in result.errors] == [
        "Từ đồng nghĩa, dòng 2, cột Thuật ngữ chính thức: Thuật ngữ chính thức phải khác cách gọi thông dụng.",
        "Từ đồng nghĩa, dòng 4, cột Cách gọi thông dụng: Trùng với dòng 3.",
    ]
    assert not Synonym.objects.exists()
