"""Load the Huế demo: all provinces and communes, Huế's agencies, and the demo accounts.

Safe to run again: a second run creates nothing and changes nothing. Rows that already
exist are left as administrators and users may have edited them (addresses, working
hours, passwords, revoked roles); only missing rows are added.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import Membership, User
from accounts.services import grant_role
from demo import data
from units.loader import UnitLoadCounts, load_units
from units.models import AdministrativeUnit, Agency


@dataclass
class DemoLoadCounts:
    units: UnitLoadCounts = field(default_factory=UnitLoadCounts)
    agencies_created: int = 0
    agencies_total: int = 0
    users_created: int = 0
    users_total: int = 0
    roles_granted: int = 0

    def __str__(self) -> str:
        return (
            f"Demo loaded: {self.units.provinces} provinces and {self.units.communes} communes "
            f"({self.units.written} written), {self.agencies_total} agencies ({self.agencies_created} new), "
            f"{self.users_total} demo accounts ({self.users_created} new, {self.roles_granted} roles granted)."
        )


def commune_committee_name(unit: AdministrativeUnit) -> str:
    """ "Phường Thuận Hóa" -> "Ủy ban nhân dân phường Thuận Hóa" (type in lower case mid-sentence)."""
    name = unit.name
    kind = unit.division_type
    if kind and name.lower().startswith(kind.lower() + " "):
        name = kind + name[len(kind):]
    return f"Ủy ban nhân dân {name}"


def commune_committee_code(number: int) -> str:
    if not 1 <= number <= 99:
        raise ValueError(f"Commune committee number {number} does not fit the two digits of QCVN 102.")
    return f"000.{number:02d}.{data.COMMUNE_COMMITTEE_BLOCK}.{data.AGENCY_CODE_SUFFIX}"


def _parse_time(value: str | None) -> time | None:
    return time.fromisoformat(value) if value else None


def load_city_agencies(province: AdministrativeUnit) -> int:
    """Create the city-level agencies that are missing; returns how many were created."""
    existing = dict(Agency.objects.filter(code__in=[a["code"] for a in data.CITY_AGENCIES]).values_list("code", "pk"))
    created = 0
    for spec in data.CITY_AGENCIES:  # parents come before their children
        if spec["code"] in existing:
            continue
        agency = Agency(
            code=spec["code"], name=spec["name"], short_name=spec.get("short_name", ""), kind=spec["kind"],
            parent_id=existing[spec["parent"]] if spec["parent"] else None, unit=province,
            address=spec.get("address", ""), phone=spec.get("phone", ""), email=spec.get("email", ""),
            working_periods=spec.get("working_periods", ""), same_day_cutoff=_parse_time(spec.get("same_day_cutoff")),
        )
        agency.full_clean()
        agency.save()
        existing[agency.code] = agency.pk
        created += 1
    return created


def load_commune_committees(province: AdministrativeUnit, city_committee: Agency, day: date) -> int:
    """One People's Committee per commune or ward of the province in force on `day`.

    A commune that already has a committee keeps it and its code. New committees are
    numbered in the order of the communes' statistical codes, skipping numbers in use, so
    codes stay the same from one run to the next.
    """
    communes = list(
        AdministrativeUnit.objects.valid_on(day)
        .filter(parent=province, level=AdministrativeUnit.Level.COMMUNE)
        .order_by("code")
    )
    served = set(
        Agency.objects.filter(kind=Agency.Kind.PEOPLES_COMMITTEE, unit__in=communes).values_list("unit_id", flat=True)
    )
    missing = [c for c in communes if c.pk not in served]
    if not missing:
        return 0
    taken = set(
        Agency.objects.filter(code__endswith=f".{data.COMMUNE_COMMITTEE_BLOCK}.{data.AGENCY_CODE_SUFFIX}")
        .values_list("code", flat=True)
    )
    numbers = (n for n in range(1, 100) if commune_committee_code(n) not in taken)
    new = []
    for commune in missing:
        number = next(numbers, None)
        if number is None:
            raise ValueError("No free QCVN 102 number left for commune committees of this province.")
        agency = Agency(
            code=commune_committee_code(number), name=commune_committee_name(commune),
            short_name=commune_committee_name(commune).replace("Ủy ban nhân dân", "UBND", 1),
            kind=Agency.Kind.PEOPLES_COMMITTEE, parent=city_committee, unit=commune,
            address=f"Trụ sở {commune_committee_name(commune)}, thành phố Huế",
            working_periods=data.COMMUNE_HOURS,
        )
        agency.full_clean(validate_unique=False)
        new.append(agency)
    Agency.objects.bulk_create(new)
    return len(new)


def _agency_for(ref: dict) -> Agency:
    if "agency" in ref:
        return Agency.objects.get(code=ref["agency"])
    return Agency.objects.get(kind=Agency.Kind.PEOPLES_COMMITTEE, unit__code=ref["committee_of"])


def load_demo_accounts() -> tuple[int, int]:
    """Create missing demo accounts and grant their roles; returns (users created, roles granted).

    The password is set only when an account is created, so a user who changed it keeps
    the new one; a role revoked by an administrator is not granted again.
    """
    existing = {u.username: u for u in User.objects.filter(username__in=[a["username"] for a in data.DEMO_ACCOUNTS])}
    users_created = roles_granted = 0
    for spec in data.DEMO_ACCOUNTS:
        user = existing.get(spec["username"])
        if user is None:
            user = User(
                username=spec["username"], full_name=spec["full_name"], kind=spec["kind"],
                citizen_id=spec.get("citizen_id"), tax_code=spec.get("tax_code"),
                phone=spec.get("phone", ""), email=spec.get("email", ""),
                is_superuser=spec.get("superuser", False), is_staff=spec.get("superuser", False),
            )
            user.set_password(data.DEMO_PASSWORD)
            user.full_clean()
            user.save()
            users_created += 1
        for ref in spec["roles"]:
            agency = _agency_for(ref)
            if not Membership.objects.filter(user=user, agency=agency, role=ref["role"]).exists():
                grant_role(user, agency, ref["role"])
                roles_granted += 1
    return users_created, roles_granted


@transaction.atomic
def load_demo(day: date | None = None) -> DemoLoadCounts:
    day = day or timezone.localdate()
    counts = DemoLoadCounts(units=load_units())
    province = AdministrativeUnit.objects.get(code=data.PROVINCE_CODE)
    counts.agencies_created = load_city_agencies(province)
    city_committee = Agency.objects.get(code=data.CITY_COMMITTEE_CODE)
    counts.agencies_created += load_commune_committees(province, city_committee, day)
    counts.users_created, counts.roles_granted = load_demo_accounts()
    counts.agencies_total = Agency.objects.filter(Q(unit=province) | Q(unit__parent=province)).count()
    counts.users_total = User.objects.filter(username__in=[a["username"] for a in data.DEMO_ACCOUNTS]).count()
    return counts
