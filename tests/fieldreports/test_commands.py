"""Management commands: GeoJSON boundary import, and the demo loader's idempotency."""

import json

from django.core.management import call_command

from fieldreports import routing
from fieldreports.demo import load_boundaries, load_categories, load_rules
from fieldreports.models import Boundary, RoutingRule
from tests.fieldreports.conftest import square


def test_import_boundaries_for_a_ward_and_an_area(tmp_path, ward_a, lighting, agency_a, capsys):
    doc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"code": ward_a.code}, "geometry": square(1, 1, 2, 2)},
        {"type": "Feature", "properties": {"name": "Đại Nội"}, "geometry": square(3, 3, 4, 4)},
    ]}
    path = tmp_path / "b.geojson"
    path.write_text(json.dumps(doc), encoding="utf-8")
    call_command("import_boundaries", str(path))
    assert "1 created, 1 updated" in capsys.readouterr().out
    ward = Boundary.objects.get(unit=ward_a)
    assert ward.geometry == square(1, 1, 2, 2)
    RoutingRule.objects.create(order=1, category=lighting, area_kind="ward", unit=ward_a, agency=agency_a)
    assert routing.route(lighting, 1.5, 1.5).agency_id == agency_a.pk


def test_demo_categories_boundaries_and_rules_are_idempotent(ward_a, ward_b, province):
    Boundary.objects.all().delete()
    cats = load_categories()
    assert load_boundaries() == 2 and load_boundaries() == 0
    assert all(b.is_approximate for b in Boundary.objects.all())
    first = load_rules(cats)
    assert load_rules(cats) == 0 and first >= 0
    assert len(load_categories()) == len(cats)
