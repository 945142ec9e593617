"""Every list answers in a fixed number of queries, however many rows it shows: pinned here, so
a relation loaded per row (an N+1) fails the suite instead of a province's servers."""

# ruff: noqa: F811 (fixtures imported from other test packages, then asked for by name)
from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dossiers import actions
from dossiers.models import Channel, Dossier
from tests.dossiers.api_helpers import BASE, client_for
from tests.dossiers.conftest import LAN, clock, permit  # noqa: F401 (fixtures)
from tests.fieldreports.conftest import (  # noqa: F401 (fixtures)
    _media,
    infra,
    jpeg_with_gps,
    lighting,
    power,
    report,
    rules,
    ward_a,
    ward_b,
    waste,
    world,
)


def warm_footer() -> None:
    """The footer's service-centre block is read once every few minutes (motcua/menu.py): the
    counts pinned here are those of a page once it is warm."""
    from motcua.menu import service_center

    service_center()


def queries(client, url: str) -> int:
    warm_footer()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured)


def add_dossiers(permit, hoa, n: int):
    for _ in range(n):
        actions.receive(actions.submit(permit, LAN, hoa, channel=Channel.COUNTER).dossier, hoa)


# Pinned: the number each list takes today; fewer is fine, more fails.
PINNED = {"search": 5, "detail": 7, "feed": 6, "map": 1, "open311": 1, "catalogue": 4, "catalogue_search": 5}


def test_the_dossier_search_and_detail_do_not_grow_with_rows(permit, hoa):
    staff = client_for(hoa)
    add_dossiers(permit, hoa, 2)
    few = queries(staff, BASE)
    add_dossiers(permit, hoa, 10)
    assert queries(staff, BASE) == few <= PINNED["search"]
    dossier = Dossier.objects.order_by("-pk").first()
    assert queries(staff, f"{BASE}/{dossier.pk}") <= PINNED["detail"]


def test_the_field_report_lists_do_not_grow_with_rows(client, world, lan, lighting):
    report(lan, lighting, photos=[jpeg_with_gps()])
    lists = {"feed": "/phan-anh/", "map": "/phan-anh/ban-do.json", "open311": "/open311/v2/requests.json"}
    few = {name: queries(client, url) for name, url in lists.items()}
    for _ in range(8):
        report(lan, lighting, photos=[jpeg_with_gps()])
    for name, url in lists.items():
        assert queries(client, url) == few[name] <= PINNED[name], name


def test_open311_still_links_the_first_public_photo(client, world, lan, lighting):
    r = report(lan, lighting, photos=[jpeg_with_gps()])
    (item,) = client.get("/open311/v2/requests.json").json()
    assert item["media_url"].endswith(f"/phan-anh/anh/{r.photos.get().pk}/")


@pytest.mark.parametrize("url", ["/thu-tuc/"])
def test_the_catalogue_list_is_pinned(client, permit, url):
    assert queries(client, url) <= PINNED["catalogue"]


def test_the_public_lookup_takes_two_queries(client, permit, hoa, django_assert_num_queries):
    dossier = actions.receive(actions.submit(permit, LAN, hoa, channel=Channel.COUNTER).dossier, hoa).dossier
    warm_footer()
    with django_assert_num_queries(2):  # the dossier, its history: no field loaded late
        page = client.get(f"/tra-cuu-ho-so/{dossier.code}/{dossier.lookup_secret}/")
    assert page.status_code == 200 and dossier.code in page.content.decode()


def test_the_catalogue_search_does_not_grow_with_matches(client, agency_a, settings):
    """The candidates, the page, fields and agencies; the lexicon and the usage counts are kept
    between requests (the lexicon's stamp is checked, here on every request)."""
    from catalogue.specs import write_spec
    from tests.catalogue.conftest import building_permit_spec

    settings.STAMP_CHECK_SECONDS = 0
    url = "/thu-tuc/?q=giay+phep+xay+dung"
    write_spec(building_permit_spec(agency_a, code="1.000100"))
    queries(client, url)  # builds the lexicon and counts usage, as the first search of a process does
    few = queries(client, url)
    for n in range(1, 15):
        write_spec(building_permit_spec(agency_a, code=f"1.0001{n:02d}", name=f"Cấp giấy phép xây dựng số {n}"))
    queries(client, url)
    assert queries(client, url) == few <= PINNED["catalogue_search"], few

