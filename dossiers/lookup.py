"""Public dossier lookup (tra cứu hồ sơ), the page the QR code on form 01 opens.

Anyone holding the dossier code and its lookup secret (printed on form 01) sees the
procedure, the national status, the receipt and appointment dates and the step history —
never an officer's name, the reasons written by officers, or the applicant's details
beyond a masked name. A wrong code and a wrong secret give the same answer, so codes
cannot be enumerated (docs/domain/one-stop.md §3).
"""

from __future__ import annotations

import logging
import secrets

from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop  # marks what the public pages show in English
from django.views.decorators.http import require_GET

from dossiers.models import Dossier
from dossiers.states import Status
from motcua import ratelimit
from workdays.calendar import Timeliness

NOT_FOUND = gettext_noop("Không tìm thấy hồ sơ với mã hồ sơ và mã tra cứu đã nhập. Vui lòng kiểm tra lại hai mã "
                         "in trên Giấy tiếp nhận hồ sơ và hẹn trả kết quả.")
_DUMMY_SECRET = "XXXXXXXX"
logger = logging.getLogger(__name__)

# What each event means to the applicant; events not listed (reassignments) are internal.
PUBLIC_ACTIONS = {
    "submit": gettext_noop("Nộp hồ sơ"),
    "request_intake_supplement": gettext_noop("Yêu cầu bổ sung, hoàn thiện hồ sơ"),
    "resubmit": gettext_noop("Nộp lại hồ sơ đã bổ sung"),
    "receive": gettext_noop("Tiếp nhận hồ sơ"),
    "receive_transfer": gettext_noop("Tiếp nhận hồ sơ liên thông"),
    "refuse": gettext_noop("Từ chối tiếp nhận, giải quyết hồ sơ"),
    "forward": gettext_noop("Chuyển bước xử lý"),
    "approve": gettext_noop("Phê duyệt"),
    "sign": gettext_noop("Ký duyệt"),
    "send_back": gettext_noop("Trả lại bước trước để xử lý lại"),
    "request_supplement": gettext_noop("Yêu cầu bổ sung giấy tờ"),
    "request_payment": gettext_noop("Yêu cầu thực hiện nghĩa vụ tài chính"),
    "stop": gettext_noop("Dừng xử lý"),
    "resume": gettext_noop("Tiếp tục xử lý"),
    "transfer": gettext_noop("Chuyển cơ quan phối hợp giải quyết (liên thông)"),
    "transfer_result": gettext_noop("Nhận kết quả từ cơ quan phối hợp"),
    "apologize": gettext_noop("Xin lỗi và hẹn lại ngày trả kết quả"),
    "return_result": gettext_noop("Trả kết quả"),
    "withdraw": gettext_noop("Rút hồ sơ theo yêu cầu"),
}


def mask_name(name: str) -> str:
    """"Nguyễn Thị Lan" → "Nguyễn T** L**": the family name, then initials."""
    words = name.split()
    if not words:
        return ""
    return " ".join([words[0], *(f"{word[0]}**" for word in words[1:])])


LOOKUP_FIELDS = ("code", "lookup_secret", "status", "applicant_name", "received_at", "due_at", "returned_at",
                 "apologized_at", "procedure_version__name", "receiving_agency__name")


# Wrong code/secret pairs tolerated before the lookup asks to wait: a citizen mistyping a few
# times is never stopped; a script trying secrets is, within a handful of attempts.
WRONG_PER_ADDRESS = ratelimit.Limit("lookup.address", 20, 600)
WRONG_PER_CODE = ratelimit.Limit("lookup.code", 10, 3600)


def attempt(request, code: str, secret: str) -> tuple[Dossier | None, int | None]:
    """(the dossier, None) for a right code and secret; (None, seconds to wait) when this
    address, or this code, has seen too many wrong ones; else (None, None).

    An address guessing is stopped for everything. A code that many addresses guessed at is
    logged and its wrong attempts answered "wait", but its right secret still opens it: codes
    are consecutive, so closing a code would let anyone lock every citizen out of their own
    dossier, and 32^8 secrets cannot be guessed at the rate the per-address limit leaves."""
    who, which = ratelimit.client_ip(request), code.strip().upper()[:40]
    wait = ratelimit.retry_after(WRONG_PER_ADDRESS, who)
    if wait:
        return None, wait
    dossier = find(code, secret)
    if dossier is not None:
        return dossier, None
    ratelimit.hit(WRONG_PER_ADDRESS, who)
    ratelimit.hit(WRONG_PER_CODE, which)
    wait = ratelimit.retry_after(WRONG_PER_CODE, which)
    if wait:
        logger.warning("public lookup: many wrong secrets for dossier code %s (guessing from several addresses?)",
                       which)
    return None, wait


def find(code: str, secret: str) -> Dossier | None:
    """The dossier with this code and secret, or None; the secret is compared in constant
    time whether or not the code exists."""
    code, secret = code.strip().upper(), secret.strip().upper()
    # Only what the page shows: a citizen's lookup is the busiest page that cannot be cached.
    dossier = (
        Dossier.objects.select_related("procedure_version", "receiving_agency").only(*LOOKUP_FIELDS)
        .filter(code=code).first() if code and len(code) <= 40 else None
    )
    expected = dossier.lookup_secret if dossier else _DUMMY_SECRET
    matches = secrets.compare_digest(expected.encode(), secret[:16].encode())
    return dossier if dossier and secret and matches else None


def history(dossier: Dossier) -> list[dict]:
    rows = []
    events = dossier.events.select_related("to_step", "from_step", "agency").only(
        "dossier", "action", "at", "step_timeliness", "to_status", "agency__name", "to_step__name", "from_step__name")
    for event in events.order_by("seq"):
        label = PUBLIC_ACTIONS.get(event.action)
        if not label:
            continue
        # What the agency that acted did: the step it finished (with how timely that step was)
        # and the step the dossier went on to, never one step's timeliness beside another's name.
        moved = event.from_step_id != event.to_step_id
        rows.append({
            "at": event.at,
            "action": _(label),
            "agency": event.agency.name if event.agency_id else "",
            "done": event.from_step.name if moved and event.from_step_id else "",
            "timeliness": _(Timeliness(event.step_timeliness).label) if moved and event.step_timeliness else "",
            "next": event.to_step.name if moved and event.to_step_id else "",
            "status": _(Status(event.to_status).label),
        })
    return rows


@require_GET
def lookup(request, code: str = "", secret: str = ""):
    code = code or request.GET.get("ma", "")
    secret = secret or request.GET.get("mat-khau", "")
    context = {"code": code[:40], "secret": secret[:16], "searched": bool(code or secret)}
    wait = None
    if context["searched"]:
        dossier, wait = attempt(request, code, secret)
        if wait:
            context["error"] = ratelimit.message(wait)
        elif dossier is None:
            context["error"] = _(NOT_FOUND)
        else:
            context.update(
                dossier=dossier, version=dossier.procedure_version, status=_(Status(dossier.status).label),
                applicant=mask_name(dossier.applicant_name), history=history(dossier),
            )
    status = 429 if wait else 404 if context.get("error") else 200
    response = render(request, "dossiers/lookup.html", context, status=status)
    if wait:
        response["Retry-After"] = str(wait)
    # The secret travels in the address: keep it out of caches and out of referrers.
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response
