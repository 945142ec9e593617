"""While reporting, up to 5 open reports of the same category within 250 m are suggested."""

import json

from django.urls import reverse

from fieldreports import actions
from fieldreports.services import nearby_open_reports
from tests.fieldreports.conftest import report

HERE = (16.47, 107.59)


def offset(metres_north: float):
    return (HERE[0] + metres_north / 111_320, HERE[1])


def test_nearby_open_reports_of_the_same_category(world, lan, minh, lighting, power):
    # Given lighting reports at 50, 100, …, 400 m north, one closed, and a power report at 10 m
    near = [report(lan, lighting, where=offset(m)) for m in (50, 100, 150, 200, 240, 245)]
    far = report(lan, lighting, where=offset(400))
    actions.accept(near[0], minh)
    actions.reject(near[0], minh, "Trùng")
    report(lan, power, where=offset(10))
    # When Lan is about to report lighting here
    found = nearby_open_reports(lighting, *HERE)
    # Then she sees the 5 nearest open lighting reports within 250 m, nearest first
    ids = [r.pk for r, _ in found]
    assert ids == [r.pk for r in near[1:6]]
    assert far.pk not in ids
    assert all(d <= 250 for _, d in found) and [d for _, d in found] == sorted(d for _, d in found)


def test_radius_is_a_setting(world, lan, lighting, settings):
    report(lan, lighting, where=offset(300))
    assert nearby_open_reports(lighting, *HERE) == []
    settings.FIELDREPORTS_DUPLICATE_RADIUS_M = 350
    assert len(nearby_open_reports(lighting, *HERE)) == 1


def test_nearby_json_for_the_form(client, world, lan, lighting):
    r = report(lan, lighting, where=offset(30))
    response = client.get(reverse("fieldreports:nearby"), {"category": lighting.code, "lat": HERE[0],
                                                          "long": HERE[1]})
    data = json.loads(response.content)
    assert response.status_code == 200
    assert data[0]["id"] == r.pk and 25 < data[0]["distance_m"] < 35
    assert lan.full_name not in response.content.decode()
