"""The unit loader, checked against the vietnam-provinces package's own data."""

from __future__ import annotations

import pytest
from vietnam_provinces import Province, Ward

from units.loader import commune_code, load_units, province_code
from units.models import TWO_TIER_REFORM_DATE, AdministrativeUnit

pytestmark = pytest.mark.django_db
Level = AdministrativeUnit.Level


def test_codes_are_zero_padded():
    assert province_code(1) == "01"
    assert province_code(46) == "46"
    assert commune_code(4) == "00004"
    assert commune_code(19900) == "19900"


def test_first_load_creates_every_province_and_commune(loaded_units):
    assert (loaded_units.provinces_created, loaded_units.communes_created) == (34, 3321)
    assert loaded_units.provinces_updated == loaded_units.communes_updated == 0
    assert AdministrativeUnit.objects.filter(level=Level.PROVINCE).count() == 34
    assert AdministrativeUnit.objects.filter(level=Level.COMMUNE).count() == len(list(Ward.iter_all())) == 3321

    expected = {province_code(p.code.value): p for p in Province.iter_all()}
    stored = {u.code: u for u in AdministrativeUnit.objects.filter(level=Level.PROVINCE)}
    assert stored.keys() == expected.keys()
    for code, unit in stored.items():
        assert (unit.name, unit.division_type, unit.codename) == (
            expected[code].name, expected[code].division_type.value, expected[code].codename,
        )
        assert unit.parent_id is None
        assert unit.valid_from == TWO_TIER_REFORM_DATE and unit.valid_until is None
    assert stored["01"].name == "Thành phố Hà Nội"


def test_hue_has_exactly_the_packages_wards(loaded_units):
    hue = AdministrativeUnit.objects.get(code="46")
    assert (hue.name, hue.division_type, hue.level) == ("Thành phố Huế", "thành phố trung ương", Level.PROVINCE)

    package_wards = {commune_code(w.code.value): w for w in Ward.iter_by_province(46)}
    stored = {u.code: u for u in hue.children.all()}
    assert len(package_wards) == 40
    assert stored.keys() == package_wards.keys()
    for code, unit in stored.items():
        ward = package_wards[code]
        assert (unit.name, unit.division_type, unit.codename) == (ward.name, ward.division_type.value, ward.codename)
        assert unit.level == Level.COMMUNE
        assert unit.valid_from == TWO_TIER_REFORM_DATE
    assert stored["19786"].name == "Phường Thuận Hóa"


def test_every_commune_hangs_under_its_province(loaded_units):
    parent_of = dict(
        AdministrativeUnit.objects.filter(level=Level.COMMUNE).values_list("code", "parent__code")
    )
    assert parent_of == {commune_code(w.code.value): province_code(w.province_code.value) for w in Ward.iter_all()}
    assert parent_of["00004"] == "01"  # a 1-digit statistical code keeps its leading zeros


def test_second_run_writes_nothing(loaded_units, django_assert_max_num_queries):
    # Given everything loaded, when the loader runs again:
    with django_assert_max_num_queries(3):  # one SELECT, plus the savepoint pair of atomic()
        counts = load_units()
    # then nothing is inserted or updated.
    assert counts.written == 0
    assert (counts.provinces_unchanged, counts.communes_unchanged) == (34, 3321)


def test_changed_rows_are_repaired_and_nothing_else(loaded_units):
    # Given an edited name and a commune moved under the wrong province,
    AdministrativeUnit.objects.filter(code="19786").update(name="Phường Tên Sai")
    AdministrativeUnit.objects.filter(code="19900").update(parent=AdministrativeUnit.objects.get(code="01"))
    # and a merger recorded by an administrator, which the package knows nothing about,
    thuan_an = AdministrativeUnit.objects.get(code="19900")
    AdministrativeUnit.objects.filter(code="19909").update(
        valid_until=TWO_TIER_REFORM_DATE.replace(year=2026), replaced_by=thuan_an
    )

    counts = load_units()

    assert (counts.communes_updated, counts.communes_created, counts.provinces_updated) == (2, 0, 0)
    assert AdministrativeUnit.objects.get(code="19786").name == "Phường Thuận Hóa"
    assert AdministrativeUnit.objects.get(code="19900").parent.code == "46"
    merged = AdministrativeUnit.objects.get(code="19909")
    assert merged.replaced_by == thuan_an and merged.valid_until is not None


def test_unknown_province_code_is_refused(loaded_units):
    with pytest.raises(ValueError, match="99"):
        load_units(["99"])
