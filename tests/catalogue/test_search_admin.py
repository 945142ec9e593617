"""Catalogue administrators keep the search's words: synonyms in the admin, and the log of
searches that found nothing, where one click turns a miss into a synonym."""

from __future__ import annotations

import pytest
from django.urls import reverse

from catalogue.models import SearchMiss, Synonym
from catalogue.search import misses, search
from catalogue.services import current_versions
from catalogue.specs import write_spec
from tests.catalogue.conftest import building_permit_spec

pytestmark = pytest.mark.django_db

SYNONYMS = "admin:catalogue_synonym_changelist"
MISSES = "admin:catalogue_searchmiss_changelist"


@pytest.fixture
def land(agency_a):
    return write_spec(building_permit_spec(agency_a, code="1.012786",
                                           name="Cấp lại Giấy chứng nhận quyền sử dụng đất do bị mất"))


def codes(text):
    return [v.procedure.code for v in search(current_versions(), text)]


def test_an_agency_administrator_adds_a_synonym_and_the_search_uses_it_at_once(client, quan, land):
    assert codes("bìa hồng") == []
    client.force_login(quan)
    response = client.post(reverse("admin:catalogue_synonym_add"),
                           {"everyday": "Bìa hồng", "official": "giấy chứng nhận quyền sử dụng đất"})
    assert response.status_code == 302
    assert Synonym.objects.get().everyday_key == "bia hong"
    assert codes("bia hong") == ["1.012786"]


def test_a_synonym_is_refused_with_the_reason(client, quan):
    client.force_login(quan)
    Synonym.objects.create(everyday="sổ đỏ", official="quyền sử dụng đất")
    add = reverse("admin:catalogue_synonym_add")
    for data, message in [
        ({"everyday": "SO DO", "official": "Quyền sử dụng đất"}, "Đã có từ đồng nghĩa này"),
        ({"everyday": "bằng lái", "official": "Bằng Lái"}, "phải khác cách gọi thông dụng"),
        ({"everyday": "…", "official": "giấy phép"}, "Nhập ít nhất một chữ hoặc số"),
        ({"everyday": "bằng\x0blái", "official": "giấy phép lái xe"}, "ký tự điều khiển"),
    ]:
        response = client.post(add, data)
        assert response.status_code == 200 and message in response.content.decode(), data
    assert Synonym.objects.count() == 1


def test_people_without_catalogue_rights_see_neither_list(client, hoa):
    client.force_login(hoa)
    for name in (SYNONYMS, MISSES):
        assert client.get(reverse(name)).status_code in (302, 403)


def test_misses_are_listed_with_one_click_to_the_closest_wording(client, quan, land):
    misses.record("giay chung nhan quyen su dung dat bi mat", misses.ABANDONED)
    misses.record("sổ đỏ", misses.NO_RESULTS)
    misses.record("sổ đỏ", misses.NO_RESULTS)
    client.force_login(quan)
    page = client.get(reverse(MISSES)).content.decode()
    assert page.index("sổ đỏ") < page.index("giay chung nhan")  # most missed first
    assert "Thêm làm từ đồng nghĩa của «Cấp lại Giấy chứng nhận quyền sử dụng đất do bị mất»" in page
    assert "Chọn thuật ngữ khác" in page


def test_one_click_adds_the_synonym_and_clears_the_miss(client, quan, land):
    misses.record("bìa hồng", misses.NO_RESULTS)
    miss = SearchMiss.objects.get()
    client.force_login(quan)
    response = client.post(reverse("admin:catalogue_searchmiss_synonym", args=[miss.pk]),
                           {"official": "Cấp lại Giấy chứng nhận quyền sử dụng đất do bị mất"}, follow=True)
    assert "Đã thêm: tìm «bìa hồng»" in response.content.decode()
    assert not SearchMiss.objects.exists()
    assert codes("bìa hồng") == ["1.012786"]


def test_one_click_is_a_post_by_someone_who_may_add_synonyms(client, quan, hoa, land):
    misses.record("sổ đỏ", misses.NO_RESULTS)
    miss = SearchMiss.objects.get()
    url = reverse("admin:catalogue_searchmiss_synonym", args=[miss.pk])
    client.force_login(quan)
    assert client.get(url).status_code == 405
    response = client.post(url, {"official": "sổ đỏ"}, follow=True)  # the same words: refused, miss kept
    assert "Không thêm được từ đồng nghĩa" in response.content.decode() and SearchMiss.objects.exists()
    client.force_login(hoa)
    assert client.post(url, {"official": "quyền sử dụng đất"}).status_code in (302, 403)
    assert not Synonym.objects.exists()
