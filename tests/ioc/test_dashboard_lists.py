"""The dashboard's narrower filters (field, procedure) and its lists: overdue and due soon,
dossiers apologised for, field reports past three times their deadline and reopened ones,
each for the agencies the viewer may see."""

# ruff: noqa: F811 (fixtures imported from other test packages, then asked for by name)
from datetime import timedelta

import pytest
from django.utils import timezone

from dossiers import actions
from dossiers.models import Channel
from ioc import projection, reports
from tests.dossiers.conftest import LAN

pytestmark = pytest.mark.django_db


def taken_in(version, officer, n=1):
    found = []
    for _ in range(n):
        d = actions.receive(actions.submit(version, LAN, officer, channel=Channel.COUNTER).dossier, officer).dossier
        found.append(actions.forward(d, officer).dossier)
    projection.catch_up()
    return found


@pytest.fixture
def two_procedures(permit, land_info, hoa, counter_b):
    """Two dossiers of agency A's permit (field of construction), one of agency B's procedure,
    moved into another field."""
    from catalogue.models import Field

    health = Field.objects.create(code="y-te", name="Y tế")
    type(land_info).objects.filter(pk=land_info.pk).update(field=health)
    taken_in(permit, hoa, 2)
    taken_in(land_info, counter_b, 1)
    return permit, land_info, health


def test_a_field_or_a_procedure_narrows_every_figure(client, vy, two_procedures):
    permit, land_info, health = two_procedures
    client.force_login(vy)
    everything = client.get("/dieu-hanh/")
    assert everything.context["cards"]["now"]["received"] == 3
    by_field = client.get("/dieu-hanh/", {"linh-vuc": health.code})
    assert by_field.context["cards"]["now"]["received"] == 1
    assert [r["agency"].pk for r in by_field.context["rows"]] == [land_info.competent_agency_id]
    assert "linh-vuc=y-te" in by_field.context["f"].query()
    by_procedure = client.get("/dieu-hanh/", {"thu-tuc": permit.procedure.code})
    assert by_procedure.context["cards"]["now"]["received"] == 2
    assert by_procedure.context["cards"]["open"]["in_time"] == 2


def test_an_unknown_procedure_code_says_so_and_counts_everything(client, vy, two_procedures):
    client.force_login(vy)
    for typed in ("9.999999", "x" * 300, "1.0\u200b", "<b>1</b>"):
        page = client.get("/dieu-hanh/", {"thu-tuc": typed})
        assert page.status_code == 200
        assert page.context["cards"]["now"]["received"] == 3
        assert "Không tìm thấy thủ tục có mã" in page.content.decode() and "<b>1" not in page.content.decode()
    assert client.get("/dieu-hanh/", {"thu-tuc": "1.0\x00"}).status_code == 400  # the site refuses NUL bytes


def test_overdue_and_due_soon_lists(client, vy, clock, permit, hoa):
    from tests.dossiers.conftest import at

    late, soon = taken_in(permit, hoa, 2)
    type(late).objects.filter(pk=late.pk).update(due_at=at(2025, 3, 7, 17))
    type(soon).objects.filter(pk=soon.pk).update(due_at=at(2025, 3, 12, 17))
    client.force_login(vy)
    page = client.get("/dieu-hanh/")
    assert [d.code for d in page.context["overdue"]] == [late.code]
    assert [d.code for d in page.context["due_soon"]] == [soon.code]
    # A procedure filter that excludes them empties both lists.
    empty = client.get("/dieu-hanh/", {"linh-vuc": "khong-co-linh-vuc-nay"})
    assert empty.status_code == 200 and empty.context["f"].field is None


def test_dossiers_apologised_for_in_the_period(client, vy, dung, clock, permit, hoa):
    from tests.dossiers.conftest import at

    d = taken_in(permit, hoa, 1)[0]
    actions.apologize(d, dung, reason="Chờ ý kiến của cơ quan phối hợp.", new_due_at=d.due_at + timedelta(days=3))
    taken_in(permit, hoa, 1)
    client.force_login(vy)
    assert [x.code for x in client.get("/dieu-hanh/").context["apologies"]] == [d.code]
    clock.move_to(at(2025, 5, 5))  # two months on: the apology was in an earlier period
    client.force_login(vy)  # the session of March has expired
    assert client.get("/dieu-hanh/").context["apologies"] == []


def test_field_reports_past_three_times_their_deadline_and_reopened(client, world, clock, lan, vy, minh, dung,
                                                                   lighting):
    from fieldreports import actions as report_actions
    from tests.fieldreports.conftest import report

    waiting = report(lan, lighting)
    answered = report(lan, lighting)
    report_actions.accept(answered, minh)
    report_actions.resolve(answered, minh, "Đã thay bóng đèn.")
    reopened = report_actions.reopen(answered, lan, "Đèn vẫn chưa sáng.")
    span = waiting.due_at - waiting.clock_started_at
    clock.move_to(waiting.clock_started_at + 2 * span + timedelta(hours=1))  # overdue, not three times over
    reports.catch_up()
    client.force_login(vy)
    page = client.get("/dieu-hanh/")
    assert page.context["far_overdue_reports"] == []
    assert [r.pk for r in page.context["reopened_reports"]] == [reopened.pk]
    clock.move_to(waiting.clock_started_at + 3 * span + timedelta(hours=1))
    page = client.get("/dieu-hanh/")
    assert waiting.pk in [r.pk for r in page.context["far_overdue_reports"]]
    assert "Phản ánh quá ba lần thời hạn" in page.content.decode()
    # The reporter's identity is never on the operations pages' lists.
    assert lan.full_name not in page.content.decode()


def test_a_leader_sees_field_reports_of_their_own_units_only(client, world, lan, dung, vy, lighting, waste):
    """The province's field-report figures (with those no unit holds yet) are the operations
    centre's; an agency's leader sees the reports its units hold."""
    from tests.fieldreports.conftest import report

    report(lan, lighting)
    report(lan, waste)
    reports.catch_up()
    client.force_login(vy)
    assert client.get("/dieu-hanh/").context["field_reports"]["received"] == 2
    client.force_login(dung)
    page = client.get("/dieu-hanh/")
    held = {u["agency_id"] for u in page.context["report_units"]}
    assert None not in held and held <= {a.pk for a in page.context["f"].agencies}


def test_the_field_report_answer_time_is_projected(client, world, clock, lan, vy, minh, lighting):
    from fieldreports import actions as report_actions
    from tests.fieldreports.conftest import report

    r = report(lan, lighting)
    clock.shift(timedelta(hours=5))
    report_actions.accept(r, minh)
    clock.shift(timedelta(hours=1))
    report_actions.resolve(r, minh, "Đã thay bóng đèn.")
    reports.catch_up()
    client.force_login(vy)
    unit = next(u for u in client.get("/dieu-hanh/").context["report_units"] if u["agency_id"] == r.agency_id)
    assert unit["average_hours"] == 6.0


@pytest.mark.parametrize("name", ["hai-long", "tra-loi"])
def test_satisfaction_and_answer_time_charts(client, vy, hoa, permit, name):
    taken_in(permit, hoa, 1)
    client.force_login(vy)
    response = client.get(f"/dieu-hanh/bieu-do/{name}.svg", {"ky": "nam"})
    assert response.status_code == 200 and response.content.lstrip().startswith(b"<svg")
    client.force_login(hoa)
    assert client.get(f"/dieu-hanh/bieu-do/{name}.svg").status_code == 403


def test_timezone_days_of_the_lists(vy, permit, hoa, clock):
    """Due soon runs to the end of the second day after today in Huế, not in UTC."""
    from ioc.access import visible_agencies
    from ioc.filters import Filters
    from ioc.lists import due_soon_dossiers
    from tests.dossiers.conftest import at

    d = taken_in(permit, hoa, 1)[0]
    type(d).objects.filter(pk=d.pk).update(due_at=at(2025, 3, 12, 23, 30))  # Wednesday night, Huế time
    f = Filters({}, visible_agencies(vy))
    assert [x.pk for x in due_soon_dossiers(f, now=timezone.now())] == [d.pk]
    type(d).objects.filter(pk=d.pk).update(due_at=at(2025, 3, 13, 0, 30))
    assert list(due_soon_dossiers(f, now=timezone.now())) == []
