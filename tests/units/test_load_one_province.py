"""Loading a chosen province, then the rest, without duplicates (empty database per test)."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from units.loader import load_units
from units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db


def test_one_province_then_all(django_assert_max_num_queries):
    counts = load_units(["46"])
    assert (counts.provinces_created, counts.communes_created) == (1, 40)
    assert set(AdministrativeUnit.objects.values_list("parent__code", flat=True)) == {None, "46"}

    counts = load_units()
    assert (counts.provinces_created, counts.communes_created) == (33, 3281)
    assert (counts.provinces_unchanged, counts.communes_unchanged) == (1, 40)
    assert AdministrativeUnit.objects.count() == 3355


def test_command_prints_counts(capsys):
    call_command("load_units", "--province", "46", "--province", "1")
    out = capsys.readouterr().out
    assert "2 provinces (2 created, 0 updated)" in out
    assert AdministrativeUnit.objects.filter(parent__code__in=["01", "46"]).count() == 40 + 126
