"""The roll-up of citizens' scores per agency, officer and period, against hand-computed
figures; the bands; a changed score moves its points; a rebuild gives the same rows."""

from datetime import date, timedelta

import pytest

from dossiers import actions
from dossiers.evaluation import ASKED, band
from ioc.figures import Period
from scoring import figures, projection
from scoring.models import ScoreDay, ScoreMonth
from tests.scoring.conftest import returned

pytestmark = pytest.mark.django_db

MARCH = Period(date(2025, 3, 1), date(2025, 3, 31), "tuy-chon")


def asked(points: int, **changes) -> dict:
    return {**dict.fromkeys(ASKED, points), **changes}


@pytest.mark.parametrize(("score", "expected"), [
    (18, "Xuất sắc"), (15.01, "Xuất sắc"), (15, "Tốt"), (12, "Tốt"), (11.99, "Khá"), (9, "Khá"),
    (8.5, "Trung bình"), (6, "Trung bình"), (5.99, "Yếu"), (0, "Yếu")])
def test_the_bands_of_circular_01(score, expected):
    assert band(score) == expected


def test_scores_roll_up_per_agency_and_officer_as_counted_by_hand(permit, lan, hoa, hanh, minh, dung, agency_a,
                                                                  clock):
    # Given three dossiers scored by Lan: two received by Hòa, one by Hạnh, one of them late.
    first = returned(permit, lan, hoa, minh, dung)
    second = returned(permit, lan, hoa, minh, dung)
    # Measured: early overall 2; each agency's time 1, since the counter's 4-hour steps end on
    # their due day (on time, not early); intake and return at the one-stop 2. Late: 0, 0, 2.
    actions.evaluate(first, lan, scores=asked(2))                    # 12 asked + 5 measured = 17
    actions.evaluate(second, lan, scores=asked(1, attitude=0))       # 5 asked + 5 measured = 10
    third = returned(permit, lan, hanh, minh, dung, clock, late=True)  # two months later, in May
    actions.evaluate(third, lan, scores=asked(2, online=0))          # 10 asked + 2 measured = 12
    third.refresh_from_db()
    first.refresh_from_db()
    assert first.evaluation.scores | {"total_time": 2, "agency_time": 1, "one_stop": 2} == first.evaluation.scores
    assert (third.evaluation.scores["total_time"], third.evaluation.scores["agency_time"]) == (0, 0)

    # Then the agency's average is (17 + 10 + 12) / 3 = 13 and each criterion's average is its own.
    row = figures.totals([agency_a.pk], Period(date(2025, 3, 1), date(2025, 5, 31), "tuy-chon"))
    assert row["evaluations"] == 3 and row["points"] == 39
    assert row["average"] == 13.0 and row["band"] == "Tốt"
    criteria = {c["code"]: c["average"] for c in row["criteria"]}
    assert criteria["attitude"] == round((2 + 0 + 2) / 3, 2)
    assert criteria["total_time"] == round((2 + 2 + 0) / 3, 2)
    assert criteria["online"] == round((2 + 1 + 0) / 3, 2)
    assert criteria["agency_time"] == round((1 + 1 + 0) / 3, 2)
    assert [c["code"] for c in row["weakest"]] == ["agency_time", "online", "attitude"]  # 0.67, 1.0, 1.33 (tie by code)
    assert [b["n"] for b in row["bands"]] == [1, 1, 1, 0, 0]  # excellent 17, good 12, fair 10

    # And per officer: Hòa (17 + 10) / 2 = 13.5 good, Hạnh 12 good; lowest first.
    officers = figures.per_officer(agency_a.pk, Period(date(2025, 3, 1), date(2025, 5, 31), "tuy-chon"))
    assert [(r["name"], r["evaluations"], r["average"], r["band"]) for r in officers] == [
        ("Ngô Thị Hạnh", 1, 12.0, "Tốt"), ("Trần Thị Hòa", 2, 13.5, "Tốt")]

    # The period counts the day each dossier was first scored: March holds the first two only.
    assert figures.totals([agency_a.pk], MARCH)["evaluations"] == 2


def test_a_changed_score_moves_its_points_and_band_and_a_rebuild_agrees(permit, lan, hoa, minh, dung, agency_a):
    d = returned(permit, lan, hoa, minh, dung)
    actions.evaluate(d, lan, scores=asked(2))
    actions.evaluate(d, lan, scores=asked(0))  # changed within the week: 0 asked + 5 measured = 5
    row = figures.totals([agency_a.pk], MARCH)
    assert (row["evaluations"], row["points"], row["band"]) == (1, 5, "Yếu")
    assert [b["n"] for b in row["bands"]] == [0, 0, 0, 0, 1]
    days = sorted(ScoreDay.objects.values_list("day", "officer_id", "evaluations", "points", "c_attitude"))
    months = sorted(ScoreMonth.objects.values_list("month", "officer_id", "evaluations", "points", "c_attitude"))
    assert projection.rebuild() == 1
    assert sorted(ScoreDay.objects.values_list("day", "officer_id", "evaluations", "points", "c_attitude")) == days
    assert sorted(ScoreMonth.objects.values_list("month", "officer_id", "evaluations", "points",
                                                 "c_attitude")) == months


def test_a_period_reads_month_rows_and_day_rows_alike(permit, lan, hoa, minh, dung, agency_a, clock):
    d = returned(permit, lan, hoa, minh, dung)
    actions.evaluate(d, lan, scores=asked(2))
    clock.shift(timedelta(days=42))  # Monday 21 April
    e = returned(permit, lan, hoa, minh, dung)
    actions.evaluate(e, lan, scores=asked(1))
    whole = figures.totals([agency_a.pk], Period(date(2025, 3, 1), date(2025, 4, 30), "tuy-chon"))
    split = figures.totals([agency_a.pk], Period(date(2025, 3, 5), date(2025, 4, 25), "tuy-chon"))
    assert whole["evaluations"] == split["evaluations"] == 2
    assert whole["points"] == split["points"] == 17 + 11
    assert [(r["month"], r["average"]) for r in figures.monthly([agency_a.pk], date(2025, 4, 30))] == [
        (date(2025, 3, 1), 17.0), (date(2025, 4, 1), 11.0)]
