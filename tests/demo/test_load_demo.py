"""`load_demo`: the Huế demo is complete and loading it again changes nothing."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from vietnam_provinces import Ward

from accounts.models import Membership, User
from accounts.roles import Role
from demo import data
from demo.loader import load_demo
from units.models import AdministrativeUnit, Agency

pytestmark = pytest.mark.django_db
Kind = Agency.Kind


def test_second_run_creates_nothing(demo):
    assert demo.rows_after_first == demo.rows_after_second
    assert demo.rows_after_first["units"] == 34 + 3321
    assert (demo.first.units.written, demo.first.users_created) == (3355, len(data.DEMO_ACCOUNTS))
    assert demo.second.units.written == 0
    assert (demo.second.agencies_created, demo.second.users_created, demo.second.roles_granted) == (0, 0, 0)
    assert demo.second.agencies_total == demo.first.agencies_total == demo.first.agencies_created


def test_the_city_has_its_agencies_after_the_2025_reorganisation(demo):
    hue = AdministrativeUnit.objects.get(code="46")
    city = Agency.objects.filter(unit=hue)
    assert city.count() >= 20
    names = set(city.values_list("name", flat=True))
    for name in (
        "Ủy ban nhân dân thành phố Huế", "Trung tâm Phục vụ hành chính công thành phố Huế", "Sở Xây dựng",
        "Sở Tư pháp", "Sở Nông nghiệp và Môi trường", "Sở Khoa học và Công nghệ", "Công an thành phố Huế",
    ):
        assert name in names
    kinds = list(city.values_list("kind", flat=True))
    assert kinds.count(Kind.SERVICE_CENTER) == kinds.count(Kind.OPERATIONS_CENTER) == 1
    assert kinds.count(Kind.CENTRAL_BRANCH) == 3 and kinds.count(Kind.UTILITY) == 3
    committee = Agency.objects.get(code=data.CITY_COMMITTEE_CODE)
    assert Agency.objects.get(name="Sở Y tế").parent == committee


def test_agencies_have_their_working_hours(demo):
    center = Agency.objects.get(kind=Kind.SERVICE_CENTER)
    assert center.working_periods == "07:30-11:30,13:00-17:00"
    assert Agency.objects.get(name="Sở Xây dựng").working_periods == "08:00-11:30,13:00-17:30"


def test_every_hue_ward_has_its_committee(demo):
    committees = Agency.objects.filter(kind=Kind.PEOPLES_COMMITTEE, unit__parent__code="46").select_related("unit")
    by_unit = {a.unit.code: a for a in committees}
    assert by_unit.keys() == {f"{w.code.value:05d}" for w in Ward.iter_by_province(46)}
    city_committee = Agency.objects.get(code=data.CITY_COMMITTEE_CODE)
    for committee in committees:
        assert committee.parent == city_committee
        assert committee.name == "Ủy ban nhân dân " + committee.unit.name[0].lower() + committee.unit.name[1:]
        assert re.fullmatch(r"000\.\d{2}\.50\.H57", committee.code)
    assert by_unit["19786"].name == "Ủy ban nhân dân phường Thuận Hóa"
    assert by_unit["19768"].code == "000.01.50.H57"  # numbered in the order of statistical codes


def test_codes_are_valid_and_unique(demo):
    codes = list(Agency.objects.values_list("code", flat=True))
    assert len(codes) == len(set(codes))
    for agency in Agency.objects.all():
        agency.full_clean()


def roles_of(username):
    return {
        (m.agency.name, m.agency.kind, m.role)
        for m in Membership.objects.filter(user__username=username, is_active=True).select_related("agency")
    }


def test_each_demo_account_has_the_promised_roles(demo):
    center = "Trung tâm Phục vụ hành chính công thành phố Huế"
    ioc = "Trung tâm Giám sát, điều hành đô thị thông minh thành phố Huế"
    ward = "Ủy ban nhân dân phường Thuận Hóa"
    assert roles_of("hoa") == {(center, Kind.SERVICE_CENTER, Role.COUNTER_OFFICER)}
    assert roles_of("minh") == {("Sở Xây dựng", Kind.DEPARTMENT, Role.SPECIALIST)}
    assert roles_of("dung") == {("Sở Xây dựng", Kind.DEPARTMENT, Role.LEADER)}
    assert roles_of("quan") == {("Sở Xây dựng", Kind.DEPARTMENT, Role.AGENCY_ADMIN)}
    assert roles_of("tu") == {("Sở Tư pháp", Kind.DEPARTMENT, Role.SPECIALIST)}
    assert roles_of("thao") == {(ward, Kind.PEOPLES_COMMITTEE, Role.COUNTER_OFFICER)}
    assert roles_of("hung") == {(ward, Kind.PEOPLES_COMMITTEE, Role.LEADER)}
    assert roles_of("vy") == {(ioc, Kind.OPERATIONS_CENTER, Role.OPERATOR)}

    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff and not admin.memberships.exists()
    assert User.objects.get(username="quan").is_staff  # agency administrators use the admin site
    assert not User.objects.get(username="minh").is_staff

    citizen = User.objects.get(kind=User.Kind.CITIZEN, username__startswith="046")
    assert citizen.username == citizen.citizen_id and re.fullmatch(r"046\d{9}", citizen.citizen_id)
    assert not citizen.memberships.exists()
    organisation = User.objects.get(kind=User.Kind.ORGANISATION)
    assert organisation.username == organisation.tax_code == "3301234567"

    for spec in data.DEMO_ACCOUNTS:
        user = User.objects.get(username=spec["username"])
        assert user.full_name == spec["full_name"]
        assert user.check_password("motcua@2025"), user.username
        user.full_clean()


def test_rerun_keeps_what_users_and_administrators_changed(demo):
    # Given Hòa changed her password, an administrator moved the Department of Justice and
    # revoked Tú's role,
    hoa = User.objects.get(username="hoa")
    hoa.set_password("mat-khau-moi-cua-hoa")
    hoa.save()
    Agency.objects.filter(name="Sở Tư pháp").update(address="Địa chỉ mới")
    Membership.objects.filter(user__username="tu").update(is_active=False)

    # when the demo is loaded again,
    counts = load_demo()

    # then none of it is undone.
    assert counts.users_created == counts.agencies_created == counts.roles_granted == 0
    assert User.objects.get(username="hoa").check_password("mat-khau-moi-cua-hoa")
    assert Agency.objects.get(name="Sở Tư pháp").address == "Địa chỉ mới"
    assert not Membership.objects.filter(user__username="tu", is_active=True).exists()


def test_missing_rows_come_back_with_the_same_codes(demo):
    codes = dict(Agency.objects.values_list("name", "code"))
    User.objects.filter(username="thao").delete()
    Agency.objects.filter(unit__code="19786").delete()

    counts = load_demo()

    assert (counts.agencies_created, counts.users_created, counts.roles_granted) == (1, 1, 2)
    assert dict(Agency.objects.values_list("name", "code")) == codes
    assert roles_of("thao") == {("Ủy ban nhân dân phường Thuận Hóa", Kind.PEOPLES_COMMITTEE, Role.COUNTER_OFFICER)}


def test_a_ward_merged_away_gets_no_new_committee(demo):
    from datetime import date

    thuan_an = AdministrativeUnit.objects.get(code="19900")
    Agency.objects.filter(unit=thuan_an).delete()
    AdministrativeUnit.objects.filter(pk=thuan_an.pk).update(valid_until=date(2026, 1, 1))

    assert load_demo(day=date(2026, 2, 1)).agencies_created == 0
    assert load_demo(day=date(2025, 12, 1)).agencies_created == 1


def test_command_prints_one_line(demo, capsys):
    call_command("load_demo")
    out = capsys.readouterr().out.strip()
    assert len(out.splitlines()) == 1
    assert "34 provinces and 3321 communes (0 written)" in out
    assert "(0 new" in out
