"""Shared vocabulary of the demo catalogue: agencies, shorthand for components, fees and legal
bases, and the generator of internal processes whose step budgets add up to the time limit.

Procedure codes in the field modules have the national shape 1.00xxxx but are illustrative:
every code against the national database of administrative procedures before use;
none of them is claimed to be the real code of the procedure it names.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from accounts.roles import Role
from catalogue.specs import ComponentSpec, FeeSpec, LegalBasisSpec, ProcedureSpec, StepSpecRow
from demo import data

EFFECTIVE = date(2025, 7, 1)  # two-tier local government; every demo version is published from here
REVISED = date(2026, 1, 1)  # second versions of a few procedures (changed fees)

# Agencies (demo/data.py). WARD stands for the People's Committee of the demo ward
# (Phường Thuận Hóa), whose code the demo loader generates; demo.catalogue_loader resolves it.
WARD = "@ward"
CENTER = data.SERVICE_CENTER_CODE
HOME_AFFAIRS = "000.00.02.H57"  # Sở Nội vụ: labour, employment, people with merit
JUSTICE = data.JUSTICE_CODE
FINANCE = "000.00.04.H57"  # Sở Tài chính: business registration since the 2025 merger
CONSTRUCTION = data.CONSTRUCTION_CODE  # Sở Xây dựng: also roads and transport since 2025
AGRI_ENV = "000.00.06.H57"  # Sở Nông nghiệp và Môi trường: land, environment
INDUSTRY_TRADE = "000.00.07.H57"
CULTURE = "000.00.09.H57"
TOURISM = "000.00.11.H57"
EDUCATION = "000.00.12.H57"
HEALTH = "000.00.13.H57"  # Sở Y tế: also social protection since 2025
POLICE = "000.00.21.H57"
SOCIAL_INSURANCE = "000.00.22.H57"
TAX = "000.00.23.H57"
WATER = "000.00.31.H57"
POWER = "000.00.32.H57"

# Result types (ProcedureVersion.ResultType).
LICENCE, CERTIFICATE, DECISION = "licence", "certificate", "decision"
CONFIRMATION, REGISTRATION, OTHER = "confirmation", "registration", "other"
# Online levels (Decree 42/2022/NĐ-CP).
FULL, PARTIAL, NONE = "full", "partial", "none"

# Laws cited by more than one field.
ONE_STOP = ("118/2025/NĐ-CP", "Nghị định về thực hiện thủ tục hành chính theo cơ chế một cửa, một cửa liên thông "
            "tại Bộ phận Một cửa và Cổng Dịch vụ công quốc gia", date(2025, 6, 9))  # [verify] date
FEES_LAW = ("97/2015/QH13", "Luật Phí và lệ phí", date(2015, 11, 25))
LOCAL_FEES = ("85/2019/TT-BTC", "Thông tư hướng dẫn về phí và lệ phí thuộc thẩm quyền quyết định của Hội đồng "
              "nhân dân tỉnh, thành phố trực thuộc trung ương", date(2019, 11, 29))


@dataclass(frozen=True)
class FieldDef:
    code: str
    name: str


@dataclass(frozen=True)
class Linked:
    """A step done by another agency in a linked (liên thông) procedure."""

    agency: str
    name: str
    share: float = 0.25  # of the statutory time
    after_approval: bool = False


_QTY = re.compile(r"(\d+)([csp])")


def c(name: str, qty: str = "1c", *, when: str = "", digitize: bool = False, reuse: bool = False) -> ComponentSpec:
    """A dossier component; `qty` like "1c", "1s", "2p", "1c1p": c bản chính, s bản sao chứng thực,
    p bản sao (chụp). A component with `when` is conditional."""
    counts = {"c": 0, "s": 0, "p": 0}
    parsed = _QTY.findall(qty)
    if not parsed or "".join(n + k for n, k in parsed) != qty:
        raise ValueError(f"Bad quantity {qty!r} for component {name!r}")
    for number, kind in parsed:
        counts[kind] += int(number)
    return ComponentSpec(
        name=name, originals=counts["c"], certified_copies=counts["s"], copies=counts["p"],
        requirement="conditional" if when else "required", condition=when, must_digitize=digitize, reusable=reuse,
    )


def fee(name: str, amount: int, online: int | None = None, note: str = "") -> FeeSpec:
    return FeeSpec(name=name, amount=amount, online_amount=online, note=note)


def law(number: str, title: str, issued: date | None = None, article: str = "") -> LegalBasisSpec:
    return LegalBasisSpec(number=number, title=title, issued_on=issued, article=article)


def laws(*refs: tuple) -> list[LegalBasisSpec]:
    """Legal bases from (number, title, issued[, article]) tuples."""
    return [law(*ref) for ref in refs]


def _quarters(hours: Decimal) -> int:
    return int(hours * 4)


def make_steps(total_hours: Decimal, *, competent: str, receiving: str, appraise: str = "",
               linked: tuple[Linked, ...] = ()) -> list[StepSpecRow]:
    """The internal process: receive at the one-stop counter, appraise, (linked agencies),
    approve and sign, (linked agencies), return the result. Budgets are whole quarters of an
    hour and add up exactly to `total_hours`."""
    quarters = _quarters(total_hours)
    receive = give_back = max(1, round(quarters * 0.06))
    approve = max(1, round(quarters * 0.15))
    linked_q = [max(1, round(quarters * link.share)) for link in linked]
    rest = quarters - receive - give_back - approve - sum(linked_q)
    if rest < 1:
        raise ValueError(f"{total_hours} hours is too short for {3 + len(linked) + 1} steps")
    q = Decimal("0.25")
    same_agency = receiving == competent
    steps = [StepSpecRow(
        "Tiếp nhận, kiểm tra hồ sơ, cấp giấy tiếp nhận và hẹn trả kết quả"
        + ("" if same_agency else ", chuyển cơ quan có thẩm quyền"),
        Role.COUNTER_OFFICER, "receiving", receive * q, ["forward", "request_supplement", "refuse"],
    )]
    before = [(link, n) for link, n in zip(linked, linked_q, strict=True) if not link.after_approval]
    after = [(link, n) for link, n in zip(linked, linked_q, strict=True) if link.after_approval]
    appraise_actions = ["forward", "send_back", "request_supplement", "refuse"]
    if linked:
        appraise_actions.append("transfer")
    steps.append(StepSpecRow(appraise or "Thẩm định hồ sơ, dự thảo kết quả giải quyết", Role.SPECIALIST,
                             "competent", rest * q, appraise_actions))
    for link, n in before:
        steps.append(StepSpecRow(link.name, Role.SPECIALIST, "other", n * q, ["forward", "send_back"], link.agency))
    steps.append(StepSpecRow("Xem xét, phê duyệt và ký số kết quả", Role.LEADER, "competent", approve * q,
                             ["approve", "sign", "send_back", "refuse"]))
    for link, n in after:
        steps.append(StepSpecRow(link.name, Role.SPECIALIST, "other", n * q, ["forward"], link.agency))
    steps.append(StepSpecRow("Trả kết quả, thu phí, lệ phí (nếu có)", Role.COUNTER_OFFICER, "receiving",
                             give_back * q, ["return_result"]))
    return steps


_LEVELS = {"tinh": (False, True, False), "xa": (False, False, True), "tinh+xa": (False, True, True)}
_WHO = {"cd": (True, False), "tc": (False, True), "cd+tc": (True, True)}


def tthc(code: str, name: str, field: FieldDef, *, at: str, result: tuple[str, str], components: list,
         level: str = "", days: int | None = None, hours: int | None = None, same_day: bool = False,
         online: str = PARTIAL, who: str = "cd", fees: list | tuple = (), bases: list | tuple = (),
         linked: tuple[Linked, ...] = (), receive_at: str = "", requirements: str = "", time_note: str = "",
         fee_note: str = "", appraise: str = "") -> ProcedureSpec:
    """One procedure, published from EFFECTIVE. Commune procedures (at=WARD) are received by the
    ward's one-stop section; the others by the city's Public Administrative Service Centre."""
    if sum((days is not None, hours is not None, same_day)) != 1:
        raise ValueError(f"{code}: give exactly one of days, hours, same_day")
    level = level or ("xa" if at == WARD else "tinh")
    central, province, commune = _LEVELS[level]
    citizens, organisations = _WHO[who]
    receiving = receive_at or (WARD if at == WARD else CENTER)
    if days is not None:
        kind, value, total = "days", days, Decimal(days * 8)
    elif hours is not None:
        kind, value, total = "hours", hours, Decimal(hours)
    else:
        kind, value, total = "same_day", None, Decimal(8)
        time_note = time_note or (
            "Trong ngày làm việc; hồ sơ tiếp nhận sau 15 giờ trả kết quả trong ngày làm việc tiếp theo.")
    if fees and not fee_note:
        fee_note = "Nộp phí, lệ phí khi nộp hồ sơ, trực tiếp hoặc qua Cổng Dịch vụ công quốc gia."
    elif not fees:
        fee_note = fee_note or "Không thu phí, lệ phí."
    return ProcedureSpec(
        code=code, name=name, field_code=field.code, field_name=field.name, competent_agency_code=at,
        receiving_agency_code=receiving, time_limit_kind=kind, time_limit_value=value,
        result_type=result[0], result_name=result[1], online_level=online,
        level_central=central, level_province=province, level_commune=commune,
        for_citizens=citizens, for_organisations=organisations, is_lien_thong=bool(linked),
        time_limit_note=time_note, fee_note=fee_note,
        requirements=requirements or "Hồ sơ đầy đủ thành phần theo quy định; thông tin kê khai trung thực, chính xác.",
        effective_from=EFFECTIVE, components=list(components), fees=list(fees),
        legal_bases=[*bases, law(*ONE_STOP)],
        steps=make_steps(total, competent=at, receiving=receiving, appraise=appraise, linked=linked),
    )


def revise(spec: ProcedureSpec, effective_from: date = REVISED, **changes) -> ProcedureSpec:
    """A later version of `spec`: a deep copy with `changes`, effective from `effective_from`."""
    new = copy.deepcopy(spec)
    for name, value in changes.items():
        if not hasattr(new, name):
            raise AttributeError(name)
        setattr(new, name, value)
    new.effective_from = effective_from
    return new
