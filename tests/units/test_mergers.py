"""A merger: a ward replaced by another keeps pointing at its successor."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from units.models import AdministrativeUnit

pytestmark = pytest.mark.django_db
Level = AdministrativeUnit.Level
MERGER = date(2026, 1, 1)


def commune(province, code, name, **fields):
    return AdministrativeUnit.objects.create(
        code=code, name=name, division_type="phường", codename=code, level=Level.COMMUNE, parent=province, **fields
    )


@pytest.fixture
def merger(province):
    """Phường Thuận An and Phường Dương Nỗ merge into a new ward on 01/01/2026."""
    new = commune(province, "99001", "Phường Thuận An Mới", valid_from=MERGER)
    thuan_an = commune(province, "19900", "Phường Thuận An", valid_until=MERGER, replaced_by=new)
    duong_no = commune(province, "19909", "Phường Dương Nỗ", valid_until=MERGER, replaced_by=new)
    return thuan_an, duong_no, new


def test_valid_on_returns_the_units_in_force_that_day(merger, province):
    thuan_an, duong_no, new = merger
    communes = AdministrativeUnit.objects.filter(level=Level.COMMUNE)

    assert set(communes.valid_on(date(2025, 12, 31))) == {thuan_an, duong_no}
    assert set(communes.valid_on(MERGER)) == {new}
    assert set(communes.valid_on(date(2025, 6, 30))) == set()  # before the two-tier reform
    assert province in AdministrativeUnit.objects.valid_on(MERGER)


def test_successor_follows_replaced_by(merger):
    thuan_an, duong_no, new = merger

    assert thuan_an.successor_on(date(2025, 12, 31)) == thuan_an
    assert thuan_an.successor_on(MERGER) == new
    assert duong_no.successor_on(date(2027, 5, 1)) == new
    assert new.successor_on(MERGER) == new


def test_successor_follows_a_chain_of_mergers(merger, province):
    thuan_an, _, new = merger
    later = commune(province, "99002", "Phường Hương Thuận", valid_from=date(2027, 1, 1))
    new.valid_until, new.replaced_by = date(2027, 1, 1), later
    new.save()

    assert thuan_an.successor_on(date(2026, 6, 1)) == new
    assert thuan_an.successor_on(date(2027, 1, 1)) == later


def test_a_replaced_unit_must_have_an_end_date(province, merger):
    _, _, new = merger
    unit = AdministrativeUnit(
        code="19918", name="Xã Phú Hồ", division_type="xã", codename="xa_phu_ho", level=Level.COMMUNE,
        parent=province, replaced_by=new,
    )
    with pytest.raises(ValidationError) as excinfo:
        unit.full_clean()
    assert excinfo.value.message_dict["valid_until"] == ["Đơn vị đã được thay thế phải có ngày hết hiệu lực."]
