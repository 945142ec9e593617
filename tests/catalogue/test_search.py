"""Search ignores diacritics and case, matches word starts, and ranks names above body text."""

from datetime import date

import pytest

from catalogue.search import search_versions
from catalogue.services import current_versions
from catalogue.specs import ComponentSpec, write_spec
from motcua.textsearch import normalize, terms
from tests.catalogue.conftest import building_permit_spec

pytestmark = pytest.mark.django_db


def test_normalize_folds_diacritics_case_and_d():
    assert normalize("GIẤY PHÉP XÂY DỰNG") == "giay phep xay dung"
    assert normalize("Đăng ký  kinh-doanh, hộ") == "dang ky kinh doanh ho"
    assert normalize("Ủy ban nhân dân phường Thuận Hóa") == "uy ban nhan dan phuong thuan hoa"
    assert terms("xây XÂY dựng") == ["xay", "dung"]


@pytest.fixture
def catalogue(agency_a):
    names = {
        "1.000001": "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ",
        "1.000002": "Cấp giấy phép sửa chữa, cải tạo công trình",
        "1.000003": "Đăng ký khai sinh",
        "1.000004": "Đăng ký kinh doanh hộ kinh doanh",
        "1.000005": "Điều chỉnh giấy phép xây dựng",
    }
    for code, name in names.items():
        spec = building_permit_spec(agency_a, code=code, name=name)
        if code in ("1.000003", "1.000004"):
            spec.field_code, spec.field_name, spec.result_name = "ho-tich", "Hộ tịch", "Giấy khai sinh"
            spec.components = [ComponentSpec("Tờ khai đăng ký khai sinh", originals=1),
                               ComponentSpec("Giấy chứng sinh do cơ sở y tế cấp", originals=1)]
        write_spec(spec)
    return names


def codes(text):
    return [v.procedure.code for v in search_versions(current_versions(date(2026, 1, 1)), text)]


@pytest.mark.parametrize("text", ["giay phep xay dung", "GIẤY PHÉP XÂY DỰNG", "giấy phép xây dựng", "Giay Phep Xay"])
def test_same_results_with_or_without_diacritics(catalogue, text):
    assert set(codes(text)[:2]) == {"1.000001", "1.000005"}
    assert set(codes(text)) == {"1.000001", "1.000005", "1.000002"}


def test_d_and_đ_match(catalogue):
    assert codes("dang ky")[0] in {"1.000003", "1.000004"}
    assert set(codes("đang ky")) == set(codes("dang ky"))


def test_whole_phrase_in_the_name_ranks_first(catalogue):
    assert codes("giấy phép xây dựng")[:2] == ["1.000001", "1.000005"]
    # The permit for repairs has the words in its body (component names, result) only.
    assert codes("giấy phép xây dựng")[-1] == "1.000002"


def test_body_text_is_searched(catalogue):
    assert codes("giay chung sinh") == ["1.000003", "1.000004"]


def test_word_starts_not_word_middles(catalogue):
    assert codes("inh") == []
    assert codes("khai") == ["1.000003", "1.000004"]  # the name first, then the body


def test_every_word_must_match(catalogue):
    assert codes("khai sinh sửa chữa") == []


def test_empty_query_changes_nothing(catalogue):
    assert len(codes("  ")) == 5
