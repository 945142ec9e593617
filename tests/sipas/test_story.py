"""The SIPAS story: a sample drawn twice with the same seed is identical; a respondent answers
once through the one-time link without logging in; no officer can see who answered what; the
index and its interval match a hand computation."""

import math
from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from dossiers import actions as dossier_actions
from dossiers.actions import Applicant
from dossiers.models import Channel
from notify.models import Message
from sipas import actions, results, sampling
from sipas.models import Aspect, Element, Invitation, Kind, Response
from tests.conftest import run_tasks

pytestmark = pytest.mark.django_db


def returned_dossiers(version, hoa, minh, dung, n):
    for i in range(n):
        person = Applicant("citizen", f"0461900{i:05d}", f"Người {i}", "Huế", f"09050{i:05d}", f"nguoi{i}@example.vn")
        d = dossier_actions.submit(version, person, hoa, channel=Channel.COUNTER).dossier
        d = dossier_actions.receive(d, hoa).dossier
        d = dossier_actions.forward(d, hoa).dossier
        d = dossier_actions.forward(d, minh).dossier
        d = dossier_actions.approve(d, dung).dossier
        dossier_actions.return_result(d, hoa)


def test_reproducible_sample_one_time_answers_and_hand_computed_index(client, permit, hoa, minh, dung, nga,
                                                                      home_affairs, agency_a, settings, clock):
    settings.SIPAS_MIN_RESPONSES = 3
    returned_dossiers(permit, hoa, minh, dung, 8)
    s = actions.create(nga, title="SIPAS quý I", organiser=home_affairs, returned_from=date(2025, 3, 1),
                       returned_to=date(2025, 3, 31), closes_at=timezone.now() + timedelta(days=7))
    # Keep only the five satisfaction questions for a clear hand computation.
    for q in s.questions.exclude(kind=Kind.LIKERT, aspect=Aspect.SATISFACTION).exclude(element=Element.POLICY):
        actions.remove_question(s, nga, question_id=q.pk)
    for q in s.questions.filter(element=Element.POLICY):
        actions.remove_question(s, nga, question_id=q.pk)

    # The same seed twice gives the same sample; another seed another one.
    assert actions.draw_sample(s, nga, seed="quy-1", sample_per_agency=6) == 6
    first = sorted(s.invitations.values_list("dossier_id", flat=True))
    actions.draw_sample(s, nga, seed="quy-1", sample_per_agency=6)
    assert sorted(s.invitations.values_list("dossier_id", flat=True)) == first
    s.refresh_from_db()
    assert sorted(d["dossier_id"] for d in sampling.draw(s)) == first
    s.seed = "khac"
    assert sorted(d["dossier_id"] for d in sampling.draw(s)) != first
    assert len(set(s.invitations.values_list("respondent_key", flat=True))) == 6  # each person once

    # Opening sends one invitation each through the notify app; only the token's hash is kept.
    run_tasks()  # the dossiers' own notifications first
    mail.outbox.clear()
    actions.open_survey(s, nga)
    run_tasks()
    assert len(mail.outbox) == 6
    links = [m.body.split("Trả lời tại: ")[1].split()[0] for m in mail.outbox]
    assert all(Invitation.objects.filter(token_hash=actions.token_hash(link.rstrip("/").rsplit("/", 1)[1])).exists()
               for link in links)
    assert not Invitation.objects.filter(token_hash__in=[link.rstrip("/").rsplit("/", 1)[1] for link in links])

    # Four respondents answer through their links, without logging in.
    questions = list(s.questions.order_by("order"))
    plans = [[5, 4, 4, 2, 5], [3, 3, 4, 4, 4], [5, 5, 5, 5, 5], [2, 1, 3, 4, 5]]
    for link, plan in zip(links, plans, strict=False):
        path = "/" + link.split("/", 3)[3]
        assert client.get(path).status_code == 200
        response = client.post(path, {f"q{q.pk}": str(v) for q, v in zip(questions, plan, strict=True)})
        assert "Cảm ơn Ông/Bà" in response.content.decode()
        again = client.post(path, {f"q{q.pk}": "5" for q in questions})
        assert again.status_code == 404  # the link answers once
    bad = client.post("/" + links[4].split("/", 3)[3], {f"q{questions[0].pk}": "9"})
    assert bad.status_code == 400 and "không hợp lệ" in bad.content.decode()
    assert Response.objects.count() == 4 and Invitation.objects.filter(answered=True).count() == 4

    # The stored answers lead back to nobody: no invitation, dossier, person or time on them.
    assert {f.name for f in Response._meta.get_fields()} == {"id", "survey", "agency", "submitted_on", "comment",
                                                             "answers"}
    # Results wait for the close; then the index and its interval are those computed by hand.
    assert not results.visible(s)
    actions.close(s, nga)
    assert all("đường dẫn đã hết hạn" in m.body for m in Message.objects.filter(source="sipas"))
    row = results.by_agency(s)[0]
    # Each respondent's overall index: the mean over the five elements of 100 if satisfied (≥ 4).
    per = [100 * sum(v >= 4 for v in plan) / 5 for plan in plans]  # 80, 60, 100, 40
    mean = sum(per) / 4
    sd = math.sqrt(sum((x - mean) ** 2 for x in per) / 3)
    half = 3.182446305284263 * sd / math.sqrt(4)  # t(0.975, 3)
    assert (row["responses"], row["invited"], row["rate"]) == (4, 6, 66.7)
    assert row["overall"].mean == round(mean, 1) == 70.0
    assert (row["overall"].low, row["overall"].high) == (round(mean - half, 1), round(min(100, mean + half), 1))
    access_index = next(e["index"] for e in row["elements"] if e["element"] == Element.ACCESS)
    assert access_index.mean == 50.0  # 2 of 4 satisfied with access (5, 3, 5, 2)

    # Officers and leaders never see a respondent's answers: no page lists them.
    client.force_login(dung)
    page = client.get(f"/khao-sat-sipas/{s.pk}/co-quan/{agency_a.pk}/").content.decode()
    assert "Câu trả lời từng câu hỏi" in page and "Người 0" not in page and "0461900" not in page
    client.force_login(hoa)
    assert client.get(f"/khao-sat-sipas/{s.pk}/").status_code == 403


def test_results_are_withheld_below_the_minimum(permit, hoa, minh, dung, nga, home_affairs, agency_a, settings,
                                                clock):
    settings.SIPAS_MIN_RESPONSES = 5
    returned_dossiers(permit, hoa, minh, dung, 2)
    s = actions.create(nga, title="Thử", organiser=home_affairs, returned_from=date(2025, 3, 1),
                       returned_to=date(2025, 3, 31), closes_at=timezone.now() + timedelta(days=7))
    actions.draw_sample(s, nga, seed="a", sample_per_agency=5)
    actions.open_survey(s, nga)
    actions.close(s, nga)
    row = results.by_agency(s)[0]
    assert row["invited"] == 2 and not row["enough"] and row["overall"] is None
    assert results.questions(s, agency_a.pk) is None


def test_allocation_is_proportional_by_largest_remainders():
    assert sampling.allocate(5, {1: 10, 2: 6, 3: 4}) == {1: 3, 2: 1, 3: 1}
    assert sampling.allocate(10, {1: 2, 2: 3}) == {1: 2, 2: 3}
    assert sampling.allocate(3, {}) == {}
