"""Form 05: Phiếu kiểm soát quá trình giải quyết hồ sơ (Circular 01/2018/TT-VPCP).

Every handover — who gave, who received, when, and whether the giving step finished
early, on time or late — goes on this slip; an electronic system records it from the
event log (Decree 61 Art. 20). Rows are rebuilt from the events up to a given one, so the
slip issued after event N always shows the same rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from dossiers.deadlines import agency_of_step
from dossiers.forms.layout import FormPDF, issuer_lines, place_of, vn_date_words, vn_short
from dossiers.states import State
from units.models import Agency
from workdays.calendar import Timeliness

TITLE = "Phiếu kiểm soát quá trình giải quyết hồ sơ"
APPLICANT = "Tổ chức, cá nhân nộp hồ sơ"
NO_RESULT = "—"
# Actions by which the officer holding a step hands the dossier on.
GIVING = frozenset({"forward", "approve", "sign", "send_back", "transfer", "request_supplement", "return_result",
                    "refuse"})


@dataclass(frozen=True)
class Handover:
    seq: int
    action: str
    giver: str
    receiver: str
    at: datetime
    result: str  # Trước hạn / Đúng hạn / Quá hạn, or "—" when the handover closes no step
    note: str = ""


def _label(timeliness: str) -> str:
    return Timeliness(timeliness).label if timeliness in {t.value for t in Timeliness} else NO_RESULT


def _place(step, dossier) -> str:
    agency = agency_of_step(step, dossier) if step else None
    if step is None:
        return dossier.receiving_agency.name
    return f"{step.name} — {agency.name}" if agency else step.name


def _with(person: str, where: str) -> str:
    return f"{where}\n({person})" if person else where


def handovers(dossier, events) -> list[Handover]:
    """The handover rows of `events` (ordered by seq) of `dossier`."""
    events = list(events)
    rows: list[Handover] = []
    for index, event in enumerate(events):
        later = events[index + 1:]
        # Who received: the first officer who acted next at the step the dossier went to.
        receiver_person = next(
            (e.actor_name for e in later if event.to_step_id and e.from_step_id == event.to_step_id
             and e.action in GIVING), "",
        )
        giver_at = _with(event.actor_name, _place(event.from_step, dossier))
        receiver_at = _with(receiver_person, _place(event.to_step, dossier))
        data = event.data or {}
        action = event.action
        row = None
        if action in ("receive", "receive_transfer"):
            giver = APPLICANT if action == "receive" else f"Cơ quan chuyển liên thông (hồ sơ {data.get('parent')})"
            row = (giver, _with(event.actor_name, _place(event.to_step, dossier)), NO_RESULT, "Tiếp nhận hồ sơ")
        elif action in ("forward", "approve", "sign"):
            row = (giver_at, receiver_at, _label(event.step_timeliness), "")
        elif action == "send_back":
            row = (giver_at, receiver_at, _label(event.step_timeliness), f"Trả lại: {data.get('reason', '')}")
        elif action == "transfer":
            target = Agency.objects.filter(code=data.get("to_agency")).first()
            row = (giver_at, target.name if target else data.get("to_agency", ""), NO_RESULT,
                   f"Liên thông, hồ sơ {data.get('sub_dossier', '')}")
        elif action == "transfer_result":
            giver = event.agency.name if event.agency_id else ""
            row = (giver, receiver_at, _label(data.get("result", "")),
                   f"Kết quả liên thông, hồ sơ {data.get('sub_dossier', '')}")
        elif action == "request_supplement":
            row = (giver_at, f"{APPLICANT} (qua Bộ phận Tiếp nhận và Trả kết quả)", NO_RESULT,
                   f"Yêu cầu bổ sung: {data.get('reason', '')}")
        elif action == "resume" and data.get("paused_state") == State.SUPPLEMENT:
            row = (APPLICANT, receiver_at, NO_RESULT, "Đã bổ sung hồ sơ")
        elif action == "return_result":
            row = (giver_at, APPLICANT, _label(event.step_timeliness), "Trả kết quả")
        elif action == "refuse" and event.from_step_id:
            row = (giver_at, APPLICANT, _label(event.step_timeliness), f"Từ chối: {data.get('reason', '')}")
        if row:
            rows.append(Handover(event.seq, action, row[0], row[1], event.at, row[2], row[3]))
    return rows


def render(dossier, event) -> bytes:
    events = list(
        dossier.events.filter(seq__lte=event.seq).select_related("from_step", "to_step", "agency").order_by("seq")
    )
    rows = handovers(dossier, events)
    agency = dossier.receiving_agency
    pdf = FormPDF(created_at=event.at, title=f"{TITLE} — {dossier.code}", form_no="05")
    pdf.add_page()
    upper, main = issuer_lines(agency, one_stop=True)
    pdf.header_block(upper=upper, main=main, number=f"Mã hồ sơ: {dossier.code}",
                     place_date=f"{place_of(agency)}, {vn_date_words(event.at)}")
    pdf.form_title(TITLE, f"(Kèm theo Giấy tiếp nhận hồ sơ và hẹn trả kết quả, mã hồ sơ {dossier.code})")
    size = 9.5
    competent = dossier.procedure_version.competent_agency
    pdf.field("Người nộp hồ sơ", dossier.applicant_name, size=size)
    pdf.field("Thủ tục", dossier.procedure_version.name, size=size)
    pdf.field("Cơ quan (bộ phận) giải quyết hồ sơ", competent.name, size=size)
    partners = _partners(events, {agency.pk, competent.pk})
    pdf.field("Cơ quan phối hợp giải quyết hồ sơ", ", ".join(partners) or "Không", size=size)
    pdf.ln(1)
    table = [[str(i), r.giver, r.receiver, vn_short(r.at), r.result, r.note] for i, r in enumerate(rows, 1)]
    pdf.grid(["STT", "Bên giao (bước, cơ quan, người giao)", "Bên nhận (bước, cơ quan, người nhận)",
              "Thời gian giao, nhận", "Kết quả (trước hạn, đúng hạn, quá hạn)", "Ghi chú"],
             table, (7, 29, 29, 17, 16, 24), size=7, aligns=("C", "L", "L", "C", "C", "L"))
    pdf.font("I", 8)
    pdf.multi_cell(pdf.epw, 4, f"Lập tự động từ nhật ký xử lý hồ sơ đến thao tác số {event.seq} "
                   f"({vn_short(event.at)}).", new_x="LMARGIN", new_y="NEXT")
    return pdf.render()


def _partners(events, exclude: set[int]) -> list[str]:
    names: list[str] = []
    for event in events:
        if event.agency_id and event.agency_id not in exclude and event.agency.name not in names:
            names.append(event.agency.name)
        if event.action == "transfer":
            target = Agency.objects.filter(code=event.data.get("to_agency")).first()
            if target and target.pk not in exclude and target.name not in names:
                names.append(target.name)
    return names
