# ruff: noqa: F811 (the field-report fixtures are imported, then asked for by name)
"""The field-report table, checked like the dossier table: for every state a report can be in
and every persona, `allowed_actions` offers what we expect, the engine performs every offer,
and refuses everything else with the report and its event log unchanged."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser

from accounts.models import User
from fieldreports import actions
from fieldreports.machine import REPORT
from fieldreports.models import Report
from tests.conftest import make_user
from tests.fieldreports.conftest import (  # noqa: F401 (fixtures)
    OUTSIDE,
    _media,
    infra,
    jpeg_with_gps,
    lighting,
    power,
    report,
    rules,
    ward_a,
    ward_b,
    waste,
    world,
)
from tests.workflow.matrix import check
from workflow import engine
from workflow.actors import SYSTEM
from workflow.errors import ActionError
from workflow.machine import NEW

S = Report.Status


@pytest.fixture
def personas(world, lan, vy, minh, dung, tu, son):
    return {
        "lan (reporter)": lan,
        "stranger": make_user("046200000999", kind=User.Kind.CITIZEN, citizen_id="046200000999",
                              full_name="Người lạ"),
        "vy (operator)": vy,
        "minh (unit specialist)": minh,
        "dung (unit leader)": dung,
        "tu (other unit)": tu,
        "son (administrator)": son,
        "system": SYSTEM,
        "anonymous": AnonymousUser(),
    }


def build(case: str, p, lighting, power) -> Report:
    lan, vy, minh = p["lan (reporter)"], p["vy (operator)"], p["minh (unit specialist)"]
    if case == "in triage":
        return report(lan, power, where=OUTSIDE, photos=[jpeg_with_gps()])
    r = report(lan, lighting, photos=[jpeg_with_gps()])  # routed to agency A (Minh, Dũng)
    if case == "dispatched":
        return r
    if case == "hidden":
        return actions.hide(r, vy, "Lời lẽ xúc phạm")
    if case == "with a partner link":
        Report.objects.filter(pk=r.pk).update(media_url="https://doi-tac.example/anh.jpg")
        return Report.objects.get(pk=r.pk)
    r = actions.accept(r, minh)
    if case == "accepted":
        return r
    r = actions.start(r, minh)
    if case == "in progress":
        return r
    if case == "rejected":
        return actions.reject(r, minh, "Không thuộc phạm vi")
    r = actions.resolve(r, minh, "Đã thay bóng đèn.")
    if case == "resolved":
        return r
    if case == "reopened":
        return actions.reopen(r, lan, "Vẫn chưa sáng")
    return actions.rate(r, lan, 5)  # closed


CASES = ["in triage", "dispatched", "hidden", "with a partner link", "accepted", "in progress", "rejected",
         "resolved", "reopened", "closed"]
EXPECTED_STATE = {"in triage": S.NEW, "dispatched": S.DISPATCHED, "hidden": S.DISPATCHED,
                  "with a partner link": S.DISPATCHED, "accepted": S.ACCEPTED, "in progress": S.IN_PROGRESS,
                  "rejected": S.REJECTED, "resolved": S.RESOLVED, "reopened": S.NEW, "closed": S.CLOSED}
MODERATION = "hide edit_text hide_photo unhide_photo"
UNIT = "reject transfer"
EXPECTED_OFFERS = {
    "in triage": {"vy": f"dispatch {MODERATION}", "system": "route escalate"},
    "dispatched": {"vy": f"reroute {MODERATION}", "minh": f"accept {UNIT}", "dung": f"accept {UNIT}",
                   "system": "escalate"},
    "hidden": {"vy": "reroute unhide edit_text hide_photo unhide_photo", "minh": f"accept {UNIT}",
               "dung": f"accept {UNIT}", "system": "escalate"},
    "with a partner link": {"vy": f"reroute {MODERATION} clear_media_url", "minh": f"accept {UNIT}",
                            "dung": f"accept {UNIT}", "system": "escalate"},
    "accepted": {"vy": f"reroute {MODERATION}", "minh": f"start resolve {UNIT}", "dung": f"start resolve {UNIT}",
                 "system": "escalate"},
    "in progress": {"vy": f"reroute {MODERATION}", "minh": f"resolve {UNIT}", "dung": f"resolve {UNIT}",
                    "system": "escalate"},
    "rejected": {"vy": MODERATION, "lan": "rate reopen"},
    "resolved": {"vy": MODERATION, "lan": "rate reopen"},
    "reopened": {"vy": f"dispatch {MODERATION}", "system": "route escalate"},
    "closed": {"vy": MODERATION},
}


def take(action: str, r: Report, user, p: dict, agency_a, agency_b):
    other = agency_b if r.agency_id == agency_a.pk else agency_a
    photo = r.photos.first()

    def route(obj, change):
        obj.agency, obj.status = agency_a, S.DISPATCHED

    calls = {
        "route": lambda: engine.perform(REPORT, r.pk, "route", user, effect=route),
        "dispatch": lambda: actions.dispatch(r, user, other),
        "reroute": lambda: actions.reroute(r, user, other),
        "accept": lambda: actions.accept(r, user),
        "start": lambda: actions.start(r, user),
        "resolve": lambda: actions.resolve(r, user, "Đã xử lý xong."),
        "reject": lambda: actions.reject(r, user, "Không thuộc phạm vi"),
        "transfer": lambda: actions.transfer(r, user, other, "Thuộc đơn vị khác"),
        "rate": lambda: actions.rate(r, user, 4, "Cảm ơn"),
        "reopen": lambda: actions.reopen(r, user, "Chưa xong"),
        "escalate": lambda: engine.perform(REPORT, r.pk, "escalate", user),
        "hide": lambda: actions.hide(r, user, "Xúc phạm"),
        "unhide": lambda: actions.unhide(r, user, "Đã xem lại"),
        "edit_text": lambda: actions.edit_text(r, user, "Đèn đường hỏng.", "Bỏ số nhà"),
        "hide_photo": lambda: actions.hide_photo(r, user, photo, "Lộ biển số xe"),
        "unhide_photo": lambda: actions.unhide_photo(r, user, photo, "Đã che"),
        "clear_media_url": lambda: actions.clear_media_url(r, user, "Liên kết lạ"),
    }
    assert set(calls) == set(REPORT.actions) - {"submit"}, "every action of the table has a call here"
    return calls[action]()


def snapshot(r: Report):
    return (Report.objects.filter(pk=r.pk).values().get(), list(r.events.order_by("seq").values_list("seq", "hash")),
            list(r.photos.values_list("pk", "is_hidden")))


@pytest.mark.parametrize("case", CASES)
def test_offered_exactly_what_the_engine_performs(case, personas, lighting, power, agency_a, agency_b):
    r = build(case, personas, lighting, power)
    assert r.status == EXPECTED_STATE[case]
    check(case, REPORT, r.pk, personas, EXPECTED_OFFERS[case],
          lambda action, obj, user: take(action, obj, user, personas, agency_a, agency_b), snapshot)


def test_every_edge_is_offered_somewhere():
    offered = {a for offers in EXPECTED_OFFERS.values() for actions_ in offers.values() for a in actions_.split()}
    assert set(REPORT.actions) - {"submit"} - offered == set()
    assert set(EXPECTED_STATE.values()) == set(S.values)


def test_reopening_is_refused_after_the_window(personas, lighting, power, settings, time_machine):
    r = build("resolved", personas, lighting, power)
    time_machine.move_to(r.resolved_at + timedelta(days=settings.FIELDREPORTS_REOPEN_DAYS, minutes=1))
    lan = personas["lan (reporter)"]
    assert "reopen" not in {t.action for t in actions.allowed_actions(r, lan)}
    with pytest.raises(ActionError) as refused:
        actions.reopen(r, lan, "Chưa xong")
    assert refused.value.code == "too_late"


def test_submission_offered_and_performed_alike(personas, lighting):
    for name, user in personas.items():
        try:
            REPORT.resolve(Report(), "submit", user, state=NEW)
            offered = True
        except ActionError:
            offered = False
        count = Report.objects.count()
        try:
            report(user, lighting)
            performed = True
        except ActionError:
            performed = False
            assert Report.objects.count() == count
        assert offered == performed == (name in {"lan (reporter)", "stranger"}), name
