"""Load the provinces and communes of the two-tier system from the `vietnam-provinces` package.

The package (pinned in pyproject.toml) carries the 34 provinces and 3,321 communes, wards
and special zones in force since 01/07/2025 (Resolution 202/2025/QH15, Resolutions
1654–1687/NQ-UBTVQH15). Codes and names come only from it, never typed by hand, so a
new package release is picked up by running the loader again.

The loader is idempotent: new rows are inserted in bulk, rows whose name, type, code name
or parent changed are updated in bulk, and a second run writes nothing. It never touches
validity dates or `replaced_by`: once a unit exists those belong to the administrators who
record mergers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from vietnam_provinces import Province, Ward

from units.models import TWO_TIER_REFORM_DATE, AdministrativeUnit

Level = AdministrativeUnit.Level

# Fields the package is the source of truth for; compared on every run.
SYNCED_FIELDS = ("name", "division_type", "codename", "level", "parent_id")


@dataclass
class UnitLoadCounts:
    provinces_created: int = 0
    provinces_updated: int = 0
    provinces_unchanged: int = 0
    communes_created: int = 0
    communes_updated: int = 0
    communes_unchanged: int = 0

    @property
    def provinces(self) -> int:
        return self.provinces_created + self.provinces_updated + self.provinces_unchanged

    @property
    def communes(self) -> int:
        return self.communes_created + self.communes_updated + self.communes_unchanged

    @property
    def written(self) -> int:
        """Rows inserted or updated by this run; 0 when the database was already current."""
        return self.provinces_created + self.provinces_updated + self.communes_created + self.communes_updated

    def __str__(self) -> str:
        return (
            f"{self.provinces} provinces ({self.provinces_created} created, {self.provinces_updated} updated), "
            f"{self.communes} communes ({self.communes_created} created, {self.communes_updated} updated)"
        )


def province_code(value: int) -> str:
    """Statistical code of a province, 2 digits: 1 -> "01"."""
    return f"{int(value):02d}"


def commune_code(value: int) -> str:
    """Statistical code of a commune, 5 digits: 4 -> "00004"."""
    return f"{int(value):05d}"


def _selected_provinces(province_codes: Iterable[int | str] | None) -> list[Province]:
    provinces = sorted(Province.iter_all(), key=lambda p: p.code.value)
    if province_codes is None:
        return provinces
    wanted = set()
    for raw in province_codes:
        try:
            wanted.add(int(str(raw).strip()))
        except ValueError:
            raise ValueError(f"Mã tỉnh, thành phố không hợp lệ: {raw!r}.") from None
    known = {p.code.value for p in provinces}
    unknown = sorted(wanted - known)
    if unknown:
        raise ValueError(
            "Không có tỉnh, thành phố mang mã " + ", ".join(province_code(c) for c in unknown)
            + " trong danh mục 34 tỉnh, thành phố."
        )
    return [p for p in provinces if p.code.value in wanted]


def _sync(
    desired: list[AdministrativeUnit], existing: dict[str, AdministrativeUnit]
) -> tuple[list[AdministrativeUnit], list[AdministrativeUnit], int]:
    """Split `desired` rows into (to create, to update with new values applied, unchanged count)."""
    to_create, to_update, unchanged = [], [], 0
    for row in desired:
        current = existing.get(row.code)
        if current is None:
            to_create.append(row)
            continue
        changed = False
        for field in SYNCED_FIELDS:
            value = getattr(row, field)
            if getattr(current, field) != value:
                setattr(current, field, value)
                changed = True
        if changed:
            to_update.append(current)
        else:
            unchanged += 1
    return to_create, to_update, unchanged


@transaction.atomic
def load_units(province_codes: Iterable[int | str] | None = None) -> UnitLoadCounts:
    """Create or update provinces (and their communes) from the package; all 34 when None."""
    counts = UnitLoadCounts()
    provinces = _selected_provinces(province_codes)
    update_fields = [f.removesuffix("_id") for f in SYNCED_FIELDS]

    # Every unit, districts included, is a few thousand rows: one query instead of a
    # `code IN (...)` list longer than SQLite accepts.
    existing = {u.code: u for u in AdministrativeUnit.objects.only("code", *update_fields).order_by()}

    # Provinces first: communes need their primary keys.
    desired = [
        AdministrativeUnit(
            code=province_code(p.code.value), name=p.name, division_type=p.division_type.value,
            codename=p.codename, level=Level.PROVINCE, parent_id=None, valid_from=TWO_TIER_REFORM_DATE,
        )
        for p in provinces
    ]
    to_create, to_update, counts.provinces_unchanged = _sync(desired, existing)
    if to_create:
        AdministrativeUnit.objects.bulk_create(to_create)
        # Not every backend returns primary keys from a bulk insert; read them back.
        created = AdministrativeUnit.objects.filter(code__in=[u.code for u in to_create]).only("code")
        existing.update({u.code: u for u in created})
    if to_update:
        AdministrativeUnit.objects.bulk_update(to_update, update_fields)
    counts.provinces_created, counts.provinces_updated = len(to_create), len(to_update)

    parent_ids = {p.code.value: existing[province_code(p.code.value)].pk for p in provinces}
    desired = [
        AdministrativeUnit(
            code=commune_code(w.code.value), name=w.name, division_type=w.division_type.value,
            codename=w.codename, level=Level.COMMUNE, parent_id=parent_ids[w.province_code.value],
            valid_from=TWO_TIER_REFORM_DATE,
        )
        for p in provinces
        for w in sorted(Ward.iter_by_province(p.code), key=lambda w: w.code.value)
    ]
    to_create, to_update, counts.communes_unchanged = _sync(desired, existing)
    if to_create:
        AdministrativeUnit.objects.bulk_create(to_create, batch_size=500)
    if to_update:
        AdministrativeUnit.objects.bulk_update(to_update, update_fields, batch_size=500)
    counts.communes_created, counts.communes_updated = len(to_create), len(to_update)
    return counts
