"""My dossiers (hồ sơ của tôi): the citizen's own online dossiers, each with its timeline,
files and forms, and the few things the applicant may do — upload what was asked for, hand
the dossier in again, withdraw it, score the handling once the result is returned. Every
change goes through the dossier actions; the page offers only what `allowed_actions` offers.
"""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from catalogue.models import Component
from dossiers import actions, lookup
from dossiers.evaluation import ASKED as ASKED_CRITERIA
from dossiers.evaluation import CRITERIA, EDIT_DAYS, LABELS, MAX_TOTAL, MEASURED, band, measured
from dossiers.files import ACCEPTED, attach_file
from dossiers.forms.common import missing_items
from dossiers.models import Dossier, Evaluation
from dossiers.states import State
from motcua.paging import CappedPaginator
from payments.views import allow_gateways, citizen_card
from portal.forms import EvaluationForm
from portal.submission import ACCEPT
from workflow.errors import ActionError

PAGE_SIZE = 20
# What the applicant does from this page; the rest of the table is the agencies' work.
APPLICANT_ACTIONS = ("resubmit", "resume", "withdraw")
ASKED = ("request_intake_supplement", "request_supplement")
# The table's labels are the officer's words ("Đã nhận hồ sơ bổ sung"); the applicant's own:
APPLICANT_LABELS = {"resubmit": "Nộp lại hồ sơ đã hoàn thiện", "resume": "Gửi hồ sơ bổ sung",
                    "withdraw": "Rút hồ sơ"}


def _own(request, pk: int) -> Dossier:
    found = (Dossier.objects.select_related("procedure_version__procedure", "receiving_agency", "current_agency",
                                            "current_step")
             .filter(pk=pk, submitted_by=request.user).first())
    if found is None:
        raise Http404("Không tìm thấy hồ sơ, hoặc hồ sơ không phải của bạn.")
    return found


@login_required
def my_dossiers(request):
    mine = (Dossier.objects.filter(submitted_by=request.user, parent__isnull=True)
            .select_related("procedure_version", "receiving_agency").order_by("-created_at", "-pk"))
    page = CappedPaginator(mine, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "portal/mine.html", {"page": page})


@login_required
def dossier(request, pk: int):
    d = _own(request, pk)
    offered = {t.action: t for t in actions.allowed_actions(d, request.user)}
    asked = None
    if d.state in (State.INTAKE_SUPPLEMENT, State.SUPPLEMENT):
        asked = d.events.filter(action__in=ASKED).order_by("-seq").values("data", "at").first()
        if asked:
            asked["missing"] = [item.text for item in missing_items(asked["data"])]
    evaluation = Evaluation.objects.filter(dossier=d).first()
    card = citizen_card(d, request.user)
    response = render(request, "portal/dossier.html", {
        "dossier": d, "history": lookup.history(d), "labels": APPLICANT_LABELS,
        "files": d.files.select_related("component").order_by("uploaded_at", "pk"),
        "forms": d.forms.order_by("kind", "issued_at"),
        "actions": [offered[a] for a in APPLICANT_ACTIONS if a in offered],
        "may_upload": "attach_file" in offered, "may_evaluate": "evaluate" in offered,
        "components": d.procedure_version.components.all() if "attach_file" in offered else [],
        "asked": asked, "evaluation": evaluation, "max_total": MAX_TOTAL,
        "band": band(evaluation.total) if evaluation else "", "accepted": ACCEPTED, "accept": ACCEPT,
        "token": uuid.uuid4().hex, "card": card,
    })
    return allow_gateways(response) if card["dues"] else response


@login_required
@require_POST
def act(request, pk: int, action: str):
    d = _own(request, pk)
    if action not in APPLICANT_ACTIONS:
        raise Http404("Thao tác không tồn tại.")
    kwargs = {}
    if action == "withdraw":
        kwargs["reason"] = request.POST.get("reason", "")[:1000]
    if action in ("resume", "resubmit") and not _handed_in_since_asked(d):
        messages.error(request, "Vui lòng đính kèm giấy tờ được yêu cầu bổ sung trước khi gửi.")
        return redirect("portal:dossier", pk=d.pk)
    if action == "resume":
        kwargs["note"] = "Người nộp đã bổ sung hồ sơ trực tuyến."
    try:
        getattr(actions, action)(d, request.user, key=f"portal/{request.POST.get('token', '')[:40]}" if
                                 request.POST.get("token") else None, **kwargs)
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, DONE.get(action, "Đã thực hiện."))
    return redirect("portal:dossier", pk=d.pk)


def _handed_in_since_asked(d: Dossier) -> bool:
    """Online, what was asked for comes as files: one attached since the latest request."""
    asked = d.events.filter(action__in=ASKED).order_by("-seq").values_list("seq", flat=True).first()
    return asked is None or d.events.filter(action="attach_file", seq__gt=asked).exists()


DONE = {
    "resubmit": "Đã nộp lại hồ sơ; Bộ phận Một cửa sẽ kiểm tra lại.",
    "resume": "Đã gửi hồ sơ bổ sung; hồ sơ tiếp tục được giải quyết.",
    "withdraw": "Đã rút hồ sơ.",
}


@login_required
@require_POST
def upload(request, pk: int):
    d = _own(request, pk)
    component = Component.objects.filter(pk=_int(request.POST.get("component")),
                                         version_id=d.procedure_version_id).first()
    upload = request.FILES.get("file")
    if component is None:
        messages.error(request, "Vui lòng chọn thành phần hồ sơ của tệp đính kèm.")
    elif upload is None:
        messages.error(request, "Vui lòng chọn tệp cần đính kèm.")
    else:
        try:
            attached = attach_file(d, component, upload, request.user)
        except ActionError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"Đã đính kèm “{attached.original_name}”.")
    return redirect("portal:dossier", pk=d.pk)


def _int(raw) -> int | None:
    try:
        return int(raw)
    except (TypeError, ValueError):
        return None


@login_required
def evaluate(request, pk: int):
    d = _own(request, pk)
    if not any(t.action == "evaluate" for t in actions.allowed_actions(d, request.user)):
        messages.error(request, "Hồ sơ chỉ được đánh giá sau khi đã trả kết quả, và được sửa đánh giá trong "
                                f"{EDIT_DAYS} ngày kể từ khi gửi.")
        return redirect("portal:dossier", pk=d.pk)
    existing = Evaluation.objects.filter(dossier=d).first()
    if request.method == "POST":
        form = EvaluationForm(request.POST)
        if form.is_valid():
            try:
                actions.evaluate(d, request.user, scores=form.scores(), comment=form.cleaned_data["comment"])
            except ActionError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, "Cảm ơn bạn đã đánh giá. Ý kiến của bạn được gửi đến cơ quan giải quyết.")
                return redirect("portal:dossier", pk=d.pk)
    else:
        initial = {**existing.scores, "comment": existing.comment} if existing else {}
        form = EvaluationForm(initial=initial)
    found = measured(d)
    return render(request, "portal/evaluate.html", {
        "dossier": d, "form": form, "existing": existing, "edit_days": EDIT_DAYS, "criteria": CRITERIA,
        "measured": [(LABELS[code], found[code]) for code in MEASURED], "asked": len(ASKED_CRITERIA),
    })
