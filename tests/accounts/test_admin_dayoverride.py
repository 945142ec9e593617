"""The province calendar in the admin: only the system administrator changes it."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from workdays.models import DayOverride

ADD = reverse("admin:workdays_dayoverride_add")
CHANGELIST = reverse("admin:workdays_dayoverride_changelist")


def year_url(year):
    return reverse("admin:workdays_dayoverride_year", args=[year])


def test_system_admin_adds_a_day_off_and_is_recorded_as_its_author(client, son):
    client.force_login(son)

    response = client.post(
        ADD,
        {
            "date": "2025-09-03",
            "reason": "Nghỉ bù lễ hội",
            "decision": "Quyết định số 1/QĐ-UBND",
        },
    )

    assert response.status_code == 302
    override = DayOverride.objects.get(date=date(2025, 9, 3))
    assert not override.is_working_day
    assert override.created_by == son


def test_agency_admin_may_look_but_not_change(client, quan):
    override = DayOverride.objects.create(date=date(2025, 9, 3), is_working_day=False, reason="Nghỉ")
    client.force_login(quan)

    assert client.get(CHANGELIST).status_code == 200
    assert client.get(ADD).status_code == 403
    assert client.post(ADD, {"date": "2025-09-04", "reason": "x"}).status_code == 403
    change = client.get(reverse("admin:workdays_dayoverride_change", args=[override.pk]))
    assert change.status_code == 200
    assert change.context["has_change_permission"] is False
    assert client.get(reverse("admin:workdays_dayoverride_delete", args=[override.pk])).status_code == 403
    assert not DayOverride.objects.filter(date=date(2025, 9, 4)).exists()


def test_a_specialist_cannot_see_the_calendar_admin(client, minh):
    client.force_login(minh)

    assert client.get(year_url(2025)).status_code == 302


def test_changelist_links_to_the_year_view(client, son):
    client.force_login(son)

    page = client.get(CHANGELIST).content.decode()

    assert year_url(date.today().year) in page


def test_year_view_shows_the_calendar_as_deadlines_see_it(client, quan):
    # Given the province makes Saturday 30/08/2025 a working day and 03/09/2025 a day off
    DayOverride.objects.create(date=date(2025, 8, 30), is_working_day=True, reason="Làm bù cho ngày 03/09")
    DayOverride.objects.create(date=date(2025, 9, 3), is_working_day=False, reason="Nghỉ thêm")
    client.force_login(quan)

    # When Quân opens the 2025 calendar
    response = client.get(year_url(2025))

    # Then national holidays, the national swap and the province's overrides are listed
    assert response.status_code == 200
    rows = {row["date"]: row for row in response.context["rows"]}
    assert not rows[date(2025, 1, 29)]["working"]
    assert "Tết Nguyên Đán" in rows[date(2025, 1, 29)]["note"]
    assert rows[date(2025, 4, 26)]["working"]  # Saturday worked in exchange for 02/05
    assert rows[date(2025, 8, 30)]["working"]
    assert rows[date(2025, 8, 30)]["source"] == "Điều chỉnh của tỉnh"
    assert not rows[date(2025, 9, 3)]["working"]
    assert "Quốc khánh" in response.content.decode()
