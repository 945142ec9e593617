"""Management commands: GeoJSON boundary import, and the demo loader's idempotency."""

import json

from django.core import mail
from django.core.mail.backends import locmem
from django.core.management import call_command

from demo.loader import load_demo
from fieldreports import routing
from fieldreports.demo import load_boundaries, load_categories, load_fieldreports_demo, load_rules
from fieldreports.models import ApiClient, Boundary, Report, RoutingRule
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


def test_loading_the_demo_sends_no_mail(db, settings, django_capture_on_commit_callbacks):
    # Given the mail backend that keeps what is sent (as the console backend of a demo set-up
    # would print it), and Huế's agencies and demo accounts with real-looking addresses
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    load_demo()
    assert isinstance(mail.get_connection(), locmem.EmailBackend)
    # When the field-report demo loads, committing as the command does
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        summary = load_fieldreports_demo(reports=40)
    # Then reports were made through the actions (routed, answered, rejected…), yet no mail
    # went out and none was even queued for after the commit
    assert "40 demo reports new" in summary
    assert Report.objects.filter(agency__isnull=False).exists() and Report.objects.filter(outcome__gt="").exists()
    assert mail.outbox == [] and callbacks == []


def test_key_list_shows_a_key_created_inactive(db, capsys):
    # Given a key an administrator created already turned off, and one turned off in bulk
    created_off = ApiClient(name="Ứng dụng thử", is_active=False)
    created_off.set_new_key()
    created_off.save()
    bulk = ApiClient(name="Tổng đài cũ")
    bulk.set_new_key()
    bulk.save()
    ApiClient.objects.filter(pk=bulk.pk).update(is_active=False)
    # Then the first counts as revoked from its creation
    assert created_off.revoked_at is not None
    # When the keys are listed, both are shown, without a crash
    call_command("open311_key", "list")
    out = capsys.readouterr().out
    assert "Ứng dụng thử" in out and "revoked" in out and "Tổng đài cũ" in out and "inactive" in out
