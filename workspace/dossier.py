"""The officer's dossier page: the dossier, its components and files, its timeline and due
times, and exactly the actions this officer may take now (`allowed_actions`), each with the
inputs its row of the dossier table names and a confirmation for the destructive ones.

An action is posted to `act`, which reads the inputs the table names, calls the dossier
action (the engine checks everything again under the row lock) and comes back to the page.
A refusal re-renders the page with what was typed and the message beside the field.
"""

from __future__ import annotations

import re
import uuid
from datetime import datetime

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.models import User
from catalogue.models import Component, Procedure
from catalogue.services import version_on
from dossiers import actions
from dossiers.actions import COPY_KINDS, steps_of
from dossiers.deadlines import agency_of_step
from dossiers.forms.common import missing_items
from dossiers.machine import DOSSIER
from dossiers.models import Channel, Dossier, DossierEvent
from dossiers.search import visible_dossiers
from motcua.inputs import clean_text, parse_id
from payments.views import officer_rows
from workflow.errors import ActionError
from workspace.access import officer_required
from workspace.timeleft import time_left

# Taken elsewhere: intake and files have their own screens, alerts are the platform's, the
# score is the applicant's.
# Offered elsewhere on the page (files, digitizing each) or never by an officer.
NOT_HERE = {"submit", "attach_file", "digitize", "evaluate", "alert_due_soon", "alert_overdue", "alert_step_overdue"}
PREVIEWABLE = {"application/pdf", "image/jpeg", "image/png"}
REQUIRES_TEXT = {"refuse", "send_back", "stop", "withdraw", "request_supplement", "request_intake_supplement",
                 "apologize"}
REASON_LABELS = {
    "refuse": "Lý do từ chối (ghi trên mẫu 03)", "send_back": "Lý do trả lại", "stop": "Lý do dừng xử lý",
    "withdraw": "Lý do rút hồ sơ (theo đề nghị của người nộp)", "request_payment": "Nội dung nghĩa vụ tài chính",
    "request_supplement": "Nội dung cần bổ sung (ghi trên mẫu 02)",
    "request_intake_supplement": "Nội dung hướng dẫn bổ sung (ghi trên mẫu 02)",
    "apologize": "Lý do chậm trễ (ghi trên mẫu 04)",
}
FORM_EVENTS = {"01": ("receive", "receive_transfer", "resume"), "02": ("request_intake_supplement",
               "request_supplement"), "03": ("refuse",), "04": ("apologize",)}


def _load(request, pk: int) -> Dossier:
    found = (visible_dossiers(request.user).select_related(
        "procedure_version__procedure", "procedure_version__competent_agency", "receiving_agency",
        "current_agency", "current_step", "assignee", "parent", "submitted_by").filter(pk=pk).first())
    if found is None:
        raise Http404("Không tìm thấy hồ sơ, hoặc bạn không có quyền xem hồ sơ này.")
    return found


def candidates(d: Dossier, action: str) -> list[User]:
    """The officers who may take the step `action` leads to (the table's assignee input)."""
    steps = steps_of(d.procedure_version_id)
    if not steps:
        return []
    ids = [s.pk for s in steps]
    position = ids.index(d.current_step_id) if d.current_step_id in ids else -1
    target = {"receive": 0, "forward": position + 1, "approve": position + 1, "sign": position + 1,
              "send_back": position - 1, "reassign": position}.get(action)
    if target is None or not 0 <= target < len(steps):
        return []
    step = steps[target]
    agency = agency_of_step(step, d)
    return list(User.objects.filter(memberships__agency=agency, memberships__role=step.role,
                                    memberships__is_active=True, is_active=True).distinct().order_by("full_name"))


def timeline(d: Dossier) -> list[dict]:
    labels = {}
    for t in DOSSIER.transitions:  # the first edge of an action names it ("Nộp hồ sơ trực tuyến")
        labels.setdefault(t.action, t.label)
    if d.channel != Channel.ONLINE:
        labels["submit"] = "Nhập hồ sơ tại quầy" if d.channel == Channel.COUNTER else "Nhận hồ sơ qua bưu chính"
    rows = []
    for e in (DossierEvent.objects.filter(dossier=d).select_related("agency", "from_step", "to_step")
              .order_by("seq")):
        data = e.data or {}
        detail = data.get("reason") or data.get("note") or ""
        if data.get("missing"):
            detail = f"{detail} — Cần bổ sung: " + "; ".join(item.text for item in missing_items(data))
        if e.action == "receive" and data.get("components"):
            detail = (detail + " — " if detail else "") + "Đã nhận: " + "; ".join(
                f"{c['name']} ({COPY_KINDS.get(c['copy_kind'], '').lower()})" for c in data["components"])
        if e.action == "evaluate":
            detail = f"{data.get('total')}/18 điểm. {data.get('comment', '')}".strip()
        rows.append({
            "at": e.at, "label": labels.get(e.action, e.action), "actor": e.actor_name or "Hệ thống",
            "agency": e.agency.name if e.agency_id else "", "detail": detail.strip(" —"),
            "from_step": e.from_step.name if e.from_step_id else "", "to_step": e.to_step.name if e.to_step_id else "",
            "moved": e.from_step_id != e.to_step_id,
        })
    return rows


def _page(request, d: Dossier, failed: dict | None = None, status: int = 200):
    allowed = actions.allowed_actions(d, request.user)
    offered = [t for t in allowed if t.action not in NOT_HERE]
    components = list(d.procedure_version.components.all())
    files = list(d.files.select_related("component", "uploaded_by", "reuse__document").order_by("uploaded_at", "pk"))
    _digitized(d, files, any(t.action == "digitize" for t in allowed), failed)
    by_component = {c.pk: [f for f in files if f.component_id == c.pk] for c in components}
    done = set(d.events.filter(action__in=[a for acts in FORM_EVENTS.values() for a in acts])
               .values_list("action", flat=True))
    printable = [(kind, label) for kind, label in (
        ("01", "Giấy tiếp nhận, hẹn trả kết quả (01)"), ("02", "Phiếu yêu cầu bổ sung (02)"),
        ("03", "Phiếu từ chối (03)"), ("04", "Phiếu xin lỗi, hẹn lại (04)")) if done & set(FORM_EVENTS[kind])]
    if d.code:
        printable.append(("05", "Phiếu kiểm soát quá trình (05)"))
    if failed:  # what was ticked and chosen comes back with the message
        values = failed["values"]
        failed["ticked"] = {c.pk for c in components
                            if values.get(f"missing-{c.pk}") or values.get(f"received-{c.pk}")}
        failed["kinds"] = {c.pk: values.get(f"missing-kind-{c.pk}") or values.get(f"kind-{c.pk}") for c in components}
        failed["assignee"] = parse_id(values.get("assignee"))
        failed["missing_other"] = values.get("missing-other", "")
    forms = [{"transition": t, "assignees": candidates(d, t.action) if "assignee" in t.inputs else [],
              "reason_label": REASON_LABELS.get(t.action, "Lý do"),
              "reason_required": t.action in REQUIRES_TEXT,
              "failed": failed if failed and failed["action"] == t.action else None} for t in offered]
    # A refusal of an action no longer offered (someone else acted first) is said above them all.
    refused = (failed if failed and failed["action"] != "digitize" and not any(f["failed"] for f in forms)
               else None)
    return render(request, "workspace/dossier.html", {
        "dossier": d, "actions": forms, "refused": refused, "timeline": timeline(d), "left": time_left(d.due_at),
        "step_left": time_left(d.step_due_at) if d.step_due_at else None,
        "components": [{"component": c, "files": by_component[c.pk]} for c in components],
        "loose_files": [f for f in files if f.component_id is None], "previewable": PREVIEWABLE,
        "printable": printable, "copy_kinds": COPY_KINDS.items(), "token": uuid.uuid4().hex,
        "payments": officer_rows(d),
    }, status=status)


def _digitized(d: Dossier, files: list, may_digitize: bool, failed: dict | None) -> None:
    """Mark each file with the document it was kept as, the document it reused, or (for the
    counter) the form that keeps it, refilled after a refusal."""
    from documents.models import Document

    kept = {doc.sha256: doc for doc in Document.objects.filter(source_dossier=d)}
    for f in files:
        f.document = kept.get(f.sha256)
        f.reused = getattr(getattr(f, "reuse", None), "document", None)
        f.may_digitize = may_digitize and f.document is None and f.reused is None
        f.failed = failed if failed and failed.get("file") == f.pk else None


@officer_required
def dossier(request, pk: int):
    return _page(request, _load(request, pk))


class InputError(ValueError):
    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field, self.message = field, message


def read_inputs(d: Dossier, transition, post) -> dict:
    """The keyword arguments of the action, from the inputs its table row names."""
    kwargs: dict = {}
    if transition.action == "receive":
        kwargs["components"] = [
            {"id": c.pk, "copy_kind": post.get(f"kind-{c.pk}", "")}
            for c in Component.objects.filter(version_id=d.procedure_version_id) if post.get(f"received-{c.pk}")]
    for name in transition.inputs:
        if name in ("reason", "note"):
            kwargs[name] = clean_text(post.get(name, "")[:2000])
        elif name == "missing":
            kwargs["missing"] = missing_from(d, post)
        elif name == "assignee":
            raw = post.get("assignee", "")
            if raw:
                user = User.objects.filter(pk=parse_id(raw) or 0, is_active=True).first()
                if user is None:
                    raise InputError("assignee", "Cán bộ đã chọn không còn hoạt động; vui lòng chọn lại.")
                kwargs["assignee"] = user
            elif name in transition.required:
                raise InputError("assignee", "Vui lòng chọn cán bộ nhận xử lý.")
        elif name == "amount":
            raw = post.get("amount", "").replace(".", "").replace(",", "").strip()
            if not re.fullmatch(r"[0-9]{1,15}", raw):
                raise InputError("amount", "Vui lòng nhập số tiền bằng chữ số (đồng), tối đa 15 chữ số.")
            kwargs["amount"] = int(raw)
        elif name == "new_due_at":
            kwargs["new_due_at"] = _local_datetime(post.get("new_due_at", ""))
        elif name == "procedure_code":
            code = clean_text(post.get("procedure_code", ""), multiline=False).strip()[:40]
            procedure = Procedure.objects.filter(code=code).first() if code else None
            version = version_on(procedure, timezone.localdate()) if procedure else None
            if version is None:
                raise InputError("procedure_code", f"Không tìm thấy thủ tục có mã “{code}” đang có hiệu lực.")
            kwargs["version"] = version
    return kwargs


def missing_from(d: Dossier, post) -> list:
    """The components ticked as missing, with the kind of copy asked for, and free lines."""
    missing: list = []
    for c in Component.objects.filter(version_id=d.procedure_version_id).order_by("order", "pk"):
        if post.get(f"missing-{c.pk}"):
            kind = post.get(f"missing-kind-{c.pk}", "")
            missing.append({"name": c.name, "copy_kind": kind if kind in COPY_KINDS else "copy"})
    missing += [line.strip()[:300] for line in clean_text(post.get("missing-other", "")).splitlines() if line.strip()]
    return missing


def _local_datetime(raw: str) -> datetime:
    try:
        value = datetime.fromisoformat(raw.strip())
    except ValueError:
        raise InputError("new_due_at", "Vui lòng chọn ngày giờ hẹn mới.") from None
    return timezone.make_aware(value) if timezone.is_naive(value) else value


DONE = {
    "receive": "Đã tiếp nhận hồ sơ. In Giấy tiếp nhận và hẹn trả kết quả (mẫu 01) cho người nộp.",
    "request_intake_supplement": "Đã lập phiếu hướng dẫn bổ sung (mẫu 02).",
    "request_supplement": "Đã yêu cầu bổ sung; hồ sơ tạm dừng tính thời gian (mẫu 02).",
    "refuse": "Đã từ chối; in phiếu từ chối (mẫu 03) cho người nộp.",
    "apologize": "Đã lập phiếu xin lỗi và hẹn lại ngày trả kết quả (mẫu 04).",
}


@require_POST
@officer_required
def act(request, pk: int, action: str):
    d = _load(request, pk)
    edges = [t for t in DOSSIER.edges(action) if not t.internal]
    if not edges or action in NOT_HERE:
        raise Http404("Thao tác không tồn tại.")
    try:
        transition = DOSSIER.resolve(d, action, request.user)
        kwargs = read_inputs(d, transition, request.POST)
        token = request.POST.get("token", "")[:40]
        getattr(actions, action)(d, request.user, key=f"workspace/{token}" if token else None, **kwargs)
    except InputError as exc:
        return _page(request, d, {"action": action, "field": exc.field, "message": exc.message,
                                  "values": request.POST}, status=422)
    except ActionError as exc:
        return _page(request, d, {"action": action, "field": exc.field or "", "message": exc.message,
                                  "values": request.POST}, status=409)
    label = next(t.label for t in edges)
    messages.success(request, DONE.get(action, f"Đã thực hiện: {label}."))
    if Dossier.objects.filter(pk=d.pk).filter(pk__in=visible_dossiers(request.user).values("pk")).exists():
        return redirect("workspace:dossier", pk=d.pk)
    return redirect("workspace:home")  # the dossier left this officer's sight (transferred on)
