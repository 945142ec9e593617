"""Stories of the document store: the counter digitizes a paper component of Lan's dossier, her
next dossier reuses it instead of a new paper (recorded as reused, in the audit trail), only
while it is valid and only for her; and the Decision 766 digitization figures count it."""

# ruff: noqa: F811 (fixtures imported from other test packages, then asked for by name)
from datetime import date

import pytest

from documents import actions
from documents.models import DigitizationDay, Document, Reuse
from dossiers import actions as dossier_actions
from dossiers.models import Channel
from tests.dossiers.conftest import LAN, at, verify_dossier
from workflow.errors import ActionDenied, ActionError

pytestmark = pytest.mark.django_db


def test_the_counter_keeps_a_component_as_the_applicants_document(scanned, received, hoa):
    doc = actions.digitize(scanned, hoa, kind="Giấy chứng nhận quyền sử dụng đất", issuer="UBND thành phố Huế",
                           number="CH 01234", issued_on=date(2020, 5, 4), certified=True)
    assert (doc.holder_number, doc.holder_name, doc.sha256, doc.digitized_by) == (
        LAN.id_number, LAN.name, scanned.sha256, hoa)
    assert doc.file.name == scanned.file.name, "the stored blob itself, not a copy"
    event = received.events.order_by("-seq").first()
    assert event.action == "digitize" and event.data["document"] == doc.pk
    assert verify_dossier(received) is None
    assert actions.digitize(scanned, hoa, kind="Giấy chứng nhận quyền sử dụng đất") == doc, "once only"


def test_only_the_receiving_counter_digitizes(scanned, minh, tu, lan):
    for stranger in (minh, tu, lan):
        with pytest.raises(ActionDenied):
            actions.digitize(scanned, stranger, kind="Đơn")


@pytest.mark.parametrize(("fields", "field"), [
    ({"kind": "  "}, "kind"),
    ({"kind": "Đơn", "issued_on": date(2030, 1, 1)}, "issued_on"),
    ({"kind": "Đơn", "issued_on": date(2024, 1, 1), "valid_until": date(2023, 1, 1)}, "valid_until"),
])
def test_bad_metadata_is_refused_by_its_field(scanned, hoa, fields, field):
    with pytest.raises(ActionError) as refused:
        actions.digitize(scanned, hoa, **fields)
    assert refused.value.field == field and not Document.objects.exists()


def test_the_next_dossier_reuses_the_document_instead_of_a_new_paper(scanned, received, permit, hoa, clock):
    doc = actions.digitize(scanned, hoa, kind=scanned.component.name)
    later = dossier_actions.submit(permit, LAN, hoa, channel=Channel.COUNTER).dossier
    component = permit.components.first()
    assert actions.offered(LAN.id_number, component) == [doc]
    attached = actions.reuse(later, component, doc, hoa)
    assert (attached.sha256, attached.file.name) == (doc.sha256, doc.file.name)
    assert Reuse.objects.get().dossier_file == attached
    assert later.events.order_by("-seq").first().data["reused"] == doc.pk
    assert verify_dossier(later) is None, "the reused file is accounted for by its attach event"


def test_a_document_is_offered_and_reused_only_while_valid(scanned, received, permit, hoa, son, clock):
    doc = actions.digitize(scanned, hoa, kind="Đơn", valid_until=date(2025, 3, 31))
    later = dossier_actions.submit(permit, LAN, hoa, channel=Channel.COUNTER).dossier
    assert actions.offered(LAN.id_number, day=date(2025, 4, 1)) == []
    clock.move_to(at(2025, 4, 9))
    with pytest.raises(ActionError, match="hết hiệu lực"):
        actions.reuse(later, permit.components.first(), doc, hoa)
    actions.revoke(Document.objects.get(pk=doc.pk), son, "Giấy tờ giả")
    assert actions.offered(LAN.id_number, day=date(2025, 3, 20)) == []


def test_someone_elses_document_is_never_reused(scanned, permit, hoa, clock):
    from dossiers.actions import Applicant

    doc = actions.digitize(scanned, hoa, kind="Đơn")
    other = dossier_actions.submit(permit, Applicant("citizen", "046190000888", "Trần Văn B", "", "", ""), hoa,
                                   channel=Channel.COUNTER).dossier
    assert actions.offered("046190000888") == []
    with pytest.raises(ActionError, match="không thuộc người nộp"):
        actions.reuse(other, None, doc, hoa)


def test_the_figures_count_each_dossier_once(scanned, received, permit, hoa, agency_a, clock):
    doc = actions.digitize(scanned, hoa, kind="Đơn")
    second = scanned.__class__.objects.create(dossier=received, original_name="b.pdf", content_type="application/pdf",
                                              extension=".pdf", size=1, sha256="1" * 64)
    second.file.name = scanned.file.name
    actions.digitize(second, hoa, kind="Bản vẽ")
    later = dossier_actions.receive(dossier_actions.submit(permit, LAN, hoa, channel=Channel.COUNTER).dossier,
                                    hoa).dossier
    actions.reuse(later, None, doc, hoa)
    day = DigitizationDay.objects.get(agency=agency_a)
    assert (day.digitized, day.reused) == (1, 1)


def test_decision_766_digitization_indicators(scanned, received, permit, hoa, vy, clock, agency_a):
    from ioc import figures, index766, projection
    from ioc.access import visible_agencies
    from ioc.evidence import behind

    doc = actions.digitize(scanned, hoa, kind="Đơn")
    later = dossier_actions.receive(dossier_actions.submit(permit, LAN, hoa, channel=Channel.COUNTER).dossier,
                                    hoa).dossier
    actions.reuse(later, None, doc, hoa)
    projection.catch_up()
    ids, year = [a.pk for a in visible_agencies(vy)], figures.period_of("nam")
    found = {s.indicator.code: s for s in index766.scores(ids, year)[1]}
    assert (found["4.2"].numerator, found["4.2"].denominator) == (1, 2)
    assert (found["4.3"].numerator, found["4.3"].denominator) == (1, 2)
    assert [d.pk for d in behind("reused_data", "numerator", ids, year).rows] == [later.pk]
    assert found["4.x"].denominator == 0 and found["4.x"].explained is False
