# ruff: noqa: F811 (fixtures imported from the dossier tests, then asked for by name)
"""The scale generator writes consistent dossiers and reports through bulk paths: states and
national codes agree, codes are unique, and every event chain verifies."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django_tasks_db.models import DBTaskResult

from dossiers.models import Dossier, DossierEvent
from dossiers.states import STATUS_OF
from fieldreports.models import Category, Report
from tests.dossiers.conftest import clock, permit  # noqa: F401 (fixtures)


def test_generated_volume_is_consistent_and_verifies(permit, lan, agency_b):
    Category.objects.create(code="chieu-sang", name="Chiếu sáng công cộng")
    out = StringIO()
    call_command("generate_scale", "--dossiers", "300", "--reports", "120", "--batch", "100", stdout=out)
    assert "Đã tạo 300 hồ sơ" in out.getvalue() and "120 phản ánh" in out.getvalue()
    dossiers = Dossier.objects.filter(events__actor_name="Cán bộ (dữ liệu quy mô)").distinct()
    assert dossiers.count() == 300
    assert all(STATUS_OF[d.state] == d.status for d in dossiers)
    assert len({d.state for d in dossiers}) >= 6 and DossierEvent.objects.filter(dossier__in=dossiers).count() > 600
    assert Report.objects.count() >= 120
    # Each report's events lead to its state: the open ones are open in the projection too.
    from ioc import figures
    from ioc.projection import catch_up_untracked

    catch_up_untracked()
    every = figures.Period(date(2000, 1, 1), date(2100, 1, 1), "tuy-chon")
    still_open = Report.objects.filter(status__in=["new", "dispatched", "accepted", "in_progress"]).count()
    assert figures.reports(None, every)["open"] == still_open
    assert not DBTaskResult.objects.exists(), "nothing is published"
    verified = StringIO()
    call_command("verify_events", stdout=verified)
    assert "nhật ký toàn vẹn" in verified.getvalue()


def test_without_the_demo_it_says_what_to_do(db):
    with pytest.raises(CommandError, match="load_demo"):
        call_command("generate_scale", "--dossiers", "1", "--reports", "0")


def test_the_demo_history_is_finished_mostly_on_time_and_loaded_once(permit, lan, agency_b):
    from demo.history import load_history
    from demo.scale import HISTORY_ACTOR
    from ioc import figures
    from ioc.projection import catch_up_untracked

    Category.objects.create(code="chieu-sang", name="Chiếu sáng công cộng", deadline_hours=48)
    assert "400 dossiers and 100 field reports" in load_history(400, 100)
    past = Dossier.objects.filter(events__actor_name=HISTORY_ACTOR).distinct()
    assert past.count() == 400
    assert set(past.values_list("state", flat=True)) <= {"returned", "refused", "withdrawn", "stopped"}
    settled = past.exclude(timeliness="")
    assert settled.count() > 300 and settled.filter(timeliness="late").count() < settled.count() * 0.15
    assert not Report.objects.exclude(status__in=["closed", "resolved", "rejected"]).exists()
    assert load_history(400, 100) == "History already loaded." and past.count() == 400
    catch_up_untracked()
    from datetime import date

    from units.models import Agency

    two_years = figures.Period(date(2000, 1, 1), date(2100, 1, 1), "tuy-chon")
    year = figures.totals(list(Agency.objects.values_list("pk", flat=True)), two_years)
    assert year["resolved"] == past.filter(resolved_at__isnull=False).count(), "the projections took the history in"
    assert year["on_time_rate"] > 85
    # Online applicants scored some of them, as the evaluate action records it.
    from dossiers.models import Evaluation

    scored = Evaluation.objects.filter(dossier__in=past)
    assert scored.exists() and year["evaluations"] == scored.count()
    assert 80 < year["satisfaction"] <= 100
    assert all(e.dossier.channel == 2 for e in scored.select_related("dossier"))
    # The reports went through accept and an answer (and a rating when closed): none counts as open.
    reports = figures.reports(None, two_years)
    assert (reports["received"], reports["answered"], reports["open"], reports["overdue"]) == (100, 100, 0, 0)
    assert reports["ratings"] == Report.objects.filter(status="closed").count() and reports["rating"] > 3.5
    verified = StringIO()
    call_command("verify_events", stdout=verified)
    assert "nhật ký toàn vẹn" in verified.getvalue()
