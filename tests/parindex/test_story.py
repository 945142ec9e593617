"""The PAR INDEX story: an administrator imports the criteria, agencies self-assess with
evidence, the platform fills what it measures, the council appraises and locks, a late
self-assessment is refused after the deadline, and the ranking is published with the gap per
area. Every step is an event of the assessment's hash-chained log."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from dossiers import actions as dossier_actions
from dossiers.models import Channel, Dossier
from ioc import projection
from parindex import actions, excel, results
from parindex.machine import ASSESSMENT
from parindex.models import AssessmentState, CriteriaSet
from tests.dossiers.conftest import LAN, pdf_bytes
from tests.parindex.conftest import workbook
from workflow.errors import ActionDenied, ActionError

pytestmark = pytest.mark.django_db


def test_the_whole_year(son, nga, home_affairs, agency_a, agency_b, dung, quan, minh, leader_b, hoa, lan, permit,
                        clock):
    # Given dossiers of agency A this year: two online, one at the counter.
    for channel, user in ((Channel.ONLINE, lan), (Channel.ONLINE, lan), (Channel.COUNTER, hoa)):
        d = dossier_actions.submit(permit, LAN, user, channel=channel).dossier
        dossier_actions.receive(d, hoa)
    projection.catch_up()

    # An administrator imports the criteria from Excel.
    result = excel.import_workbook(workbook(), son, "bo-tieu-chi.xlsx")
    assert result.ok, result.errors
    criteria = result.criteria_set
    assert criteria.max_points == 10 and criteria.criteria.filter(is_leaf=True).count() == 4

    # The council's agency opens the year for two agencies, deadlines in 10 and 20 days.
    now = timezone.now()
    r = actions.open_round(nga, year=2025, criteria_set=criteria, council_agency=home_affairs,
                           agencies=[agency_a, agency_b], self_deadline=now + timedelta(days=10),
                           appraisal_deadline=now + timedelta(days=20))
    a = r.assessments.get(agency=agency_a)
    online = a.scores.get(criterion__code="2.1")
    # The measured criterion equals the direct count: 2 of the 3 dossiers received online,
    # 66.7 % of a 50 % target: full points.
    received = Dossier.objects.filter(procedure_version__competent_agency=agency_a, received_at__year=2025,
                                      parent__isnull=True)
    assert (online.measured["numerator"], online.measured["denominator"]) == (
        received.filter(channel=Channel.ONLINE).count(), received.count()) == (2, 3)
    assert online.measured_points == online.self_points == Decimal("3.00")

    # Agency A self-assesses: its administrator scores, the leader attaches evidence and submits.
    actions.score_self(a, quan, criterion="1.1", points="2", explanation="Kế hoạch số 12/KH-SXD ngày 05/01/2025.")
    with pytest.raises(ActionError, match="hệ thống tự đo"):
        actions.score_self(a, dung, criterion="2.1", points="1")
    with pytest.raises(ActionDenied):
        actions.score_self(a, minh, criterion="1.2", points="1")  # a specialist does not self-assess
    with pytest.raises(ActionError, match="từ 0 đến 2"):
        actions.score_self(a, dung, criterion="1.2", points="2,5")
    with pytest.raises(ActionError, match="chưa tự chấm"):
        actions.submit(a, dung)
    actions.score_self(a, dung, criterion="1.2", points="1,5")
    # 2.2 is measured too: the three dossiers are in progress within their time (indicator 2.1).
    assert a.scores.get(criterion__code="2.2").measured_points == Decimal("3.00")
    with pytest.raises(ActionError, match="tài liệu kiểm chứng"):
        actions.submit(a, dung)
    evidence = actions.attach_evidence(a, dung, criterion="1.1", upload=SimpleUploadedFile(
        "ke-hoach.pdf", pdf_bytes("Kế hoạch CCHC 2025")))
    assert evidence.content_type == "application/pdf"
    with pytest.raises(ActionError, match="không phải"):
        actions.attach_evidence(a, dung, criterion="1.1", upload=SimpleUploadedFile("x.pdf", b"not a pdf"))
    with pytest.raises(ActionDenied):
        actions.submit(a, quan)  # the head of the agency answers for it
    a = actions.submit(a, dung)
    assert a.state == AssessmentState.SUBMITTED and a.self_total == Decimal("9.50")
    with pytest.raises(ActionError):
        actions.score_self(a, dung, criterion="1.2", points="2")  # handed in: no more changes

    # Agency B has not handed in; the council waits for its deadline.
    b = r.assessments.get(agency=agency_b)
    with pytest.raises(ActionError, match="còn hạn"):
        actions.appraise(b, nga, criterion="1.1", points="0", comment="Không có kế hoạch.")
    with pytest.raises(ActionDenied):
        actions.appraise(a, dung, criterion="1.1", points="2")  # the agency does not appraise itself

    # The council appraises A: a different score needs a comment; then locks.
    with pytest.raises(ActionError, match="nhận xét"):
        actions.appraise(a, nga, criterion="1.2", points="1")
    actions.appraise(a, nga, criterion="1.2", points="1", comment="Thiếu báo cáo quý IV.")
    for code, points in (("1.1", "2"), ("2.1", "3"), ("2.2", "3")):
        actions.appraise(a, nga, criterion=code, points=points)
    a = actions.lock(a, nga)
    assert a.state == AssessmentState.APPRAISED and a.council_total == Decimal("9.00")
    with pytest.raises(ActionError):
        actions.appraise(a, nga, criterion="1.1", points="0", comment="Sửa sau khi khóa.")

    # After the self-assessment deadline, B's late self-assessment is refused...
    clock.move_to(now + timedelta(days=11))
    with pytest.raises(ActionError, match="quá hạn tự đánh giá"):
        actions.score_self(b, leader_b, criterion="1.1", points="2")
    # ...and the council appraises what B did not hand in, then locks it.
    for code, points in (("1.1", "0"), ("1.2", "0"), ("2.1", "1"), ("2.2", "3")):
        actions.appraise(b, nga, criterion=code, points=points, comment="Cơ quan không nộp bản tự đánh giá.")
    actions.lock(b, nga)

    # The ranking is published with the points lost in each area.
    r = actions.publish(r, nga)
    ranking = results.ranking(r)
    assert [(row["rank"], row["agency"], row["points"]) for row in ranking] == [
        (1, agency_a, Decimal("9.00")), (2, agency_b, Decimal("4.00"))]
    assert [g["gap"] for g in ranking[0]["areas"]] == [Decimal("1.00"), Decimal("0.00")]
    assert [g["gap"] for g in ranking[1]["areas"]] == [Decimal("4.00"), Decimal("2.00")]
    assert set(r.assessments.values_list("state", flat=True)) == {AssessmentState.PUBLISHED}
    assert results.trend(agency_a.pk) == [{"year": 2025, "points": Decimal("9.00"), "percent": 90.0}]
    # Every step is in the assessment's log.
    assert list(a.events.values_list("action", flat=True))[:2] == ["start", "score_self"]
    assert a.events.filter(action="publish").exists()


def test_publishing_waits_for_every_lock_and_the_council_may_move_deadlines(son, nga, home_affairs, agency_a,
                                                                          clock):
    criteria = excel.import_workbook(workbook(), son).criteria_set
    now = timezone.now()
    r = actions.open_round(son, year=2025, criteria_set=criteria, council_agency=home_affairs, agencies=[agency_a],
                           self_deadline=now + timedelta(days=1), appraisal_deadline=now + timedelta(days=2))
    with pytest.raises(ActionError, match="chưa khóa"):
        actions.publish(r, nga)
    with pytest.raises(ActionError, match="sau hạn tự đánh giá"):
        actions.set_deadlines(r, nga, self_deadline=now + timedelta(days=5), appraisal_deadline=now)
    r = actions.set_deadlines(r, nga, self_deadline=now + timedelta(days=5), appraisal_deadline=now + timedelta(days=9))
    assert r.events.filter(action="set_deadlines").count() == 1
    with pytest.raises(ActionError, match="Đã có kỳ"):
        actions.open_round(son, year=2025, criteria_set=criteria, council_agency=home_affairs, agencies=[agency_a],
                           self_deadline=now + timedelta(days=1), appraisal_deadline=now + timedelta(days=2))


def test_a_council_member_does_not_appraise_her_own_agency(son, nga, home_affairs, clock):
    from accounts.roles import Role
    from accounts.services import grant_role

    criteria = excel.import_workbook(workbook(), son).criteria_set
    now = timezone.now()
    r = actions.open_round(son, year=2025, criteria_set=criteria, council_agency=home_affairs,
                           agencies=[home_affairs], self_deadline=now + timedelta(minutes=30),
                           appraisal_deadline=now + timedelta(days=2))
    grant_role(nga, home_affairs, Role.SPECIALIST)
    clock.move_to(now + timedelta(hours=1))
    with pytest.raises(ActionDenied, match="nơi mình đang công tác"):
        actions.appraise(r.assessments.get(), nga, criterion="1.1", points="1", comment="x")
    assert not {"appraise", "lock"} & {t.action for t in ASSESSMENT.allowed_actions(r.assessments.get(), nga)}
    assert CriteriaSet.objects.count() == 1
