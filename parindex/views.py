"""The PAR INDEX pages: the criteria sets and their Excel import, the rounds, an agency's
assessment (self-assessment with evidence, the platform's measures, the council's appraisal)
and the published ranking. Each action posts to its own address and goes through
parindex/actions.py; a refusal comes back as a message on the page it came from."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.permissions import can
from ioc.access import may_view as may_view_ioc
from parindex import access, actions, excel, results
from parindex.forms import DeadlinesForm, ImportForm, RoundForm
from parindex.machine import ASSESSMENT, ROUND
from parindex.measures import MEASURES
from parindex.models import Assessment, CriteriaSet, Evidence, Round, RoundState
from workflow.errors import ActionError

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _require_use(request) -> None:
    if not access.may_use(request.user):
        raise PermissionDenied("Trang Chỉ số cải cách hành chính dành cho lãnh đạo các cơ quan, hội đồng thẩm định và "
                               "Trung tâm điều hành.")


def _require_manage(request) -> None:
    if not access.may_manage(request.user):
        raise PermissionDenied("Chỉ hội đồng thẩm định và quản trị hệ thống quản lý bộ tiêu chí và kỳ đánh giá.")


@login_required
def home(request):
    _require_use(request)
    user = request.user
    rounds = list(Round.objects.select_related("criteria_set", "council_agency"))
    mine = [a for a in Assessment.objects.select_related("round", "agency").order_by("-round__year", "agency__name")
            if can(user, "parindex.self_assess", a.agency_id)]
    return render(request, "parindex/home.html", {"rounds": rounds, "mine": mine,
                                                  "may_manage": access.may_manage(user)})


# --- criteria sets ------------------------------------------------------------------------------

@login_required
def criteria_sets(request):
    _require_manage(request)
    form, result = ImportForm(), None
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            result = excel.import_workbook(upload, request.user, source_name=upload.name)
            if result.ok:
                messages.success(request, f"Đã nhập bộ tiêu chí “{result.criteria_set.name}” "
                                          f"({result.criteria_set.criteria.count()} tiêu chí).")
                return redirect("parindex:criteria-set", code=result.criteria_set.code)
    return render(request, "parindex/criteria_sets.html", {
        "sets": CriteriaSet.objects.all(), "form": form, "errors": result.errors if result else [],
        "measures": MEASURES})


@login_required
def criteria_set(request, code: str):
    _require_use(request)
    found = get_object_or_404(CriteriaSet, code=code)
    return render(request, "parindex/criteria_set.html", {
        "set": found, "criteria": found.criteria.order_by("order"), "measures": MEASURES})


@login_required
def criteria_workbook(request, code: str = ""):
    _require_use(request)
    found = get_object_or_404(CriteriaSet, code=code) if code else None
    response = HttpResponse(excel.write_workbook(found), content_type=XLSX)
    name = f"bo-tieu-chi-{found.code}.xlsx" if found else "mau-bo-tieu-chi-cchc.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# --- rounds -------------------------------------------------------------------------------------

@login_required
def round_new(request):
    _require_manage(request)
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            r = actions.open_round(request.user, year=data["year"], criteria_set=data["criteria_set"],
                                   council_agency=data["council_agency"], agencies=data["agencies"],
                                   self_deadline=data["self_deadline"], appraisal_deadline=data["appraisal_deadline"])
        except ActionError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, f"Đã mở kỳ đánh giá năm {r.year} cho {r.assessments.count()} cơ quan.")
            return redirect("parindex:round", year=r.year)
    return render(request, "parindex/round_new.html", {"form": form})


def _round(request, year: int) -> Round:
    _require_use(request)
    return get_object_or_404(Round.objects.select_related("criteria_set", "council_agency"), year=year)


@login_required
def round_page(request, year: int):
    r = _round(request, year)
    user = request.user
    manage = can(user, "parindex.manage", r.council_agency_id)
    council = can(user, "parindex.appraise", r.council_agency_id)
    published = r.state == RoundState.PUBLISHED
    assessments = [a for a in r.assessments.select_related("agency", "round") if access.may_see(user, a)]
    return render(request, "parindex/round.html", {
        "round": r, "assessments": assessments, "manage": manage, "council": council,
        "ranking": results.ranking(r) if published else [],
        "areas": r.criteria_set.criteria.filter(level=1).order_by("order"),
        "deadlines": DeadlinesForm(initial={"self_deadline": r.self_deadline, "appraisal_deadline":
                                            r.appraisal_deadline}) if manage and not published else None,
        "may_publish": any(t.action == "publish" for t in ROUND.allowed_actions(r, user)),
        # The ranking's Excel table reads the round of its period's year (ioc/tables.py).
        "export_query": f"ky=tuy-chon&tu={r.year}-01-01&den={r.year}-12-31" if published and may_view_ioc(user)
        else "",
    })


@require_POST
@login_required
def round_deadlines(request, year: int):
    r = _round(request, year)
    form = DeadlinesForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("parindex:round", year=year)
    _act(request, lambda: actions.set_deadlines(r, request.user, **form.cleaned_data), "Đã đổi hạn của kỳ đánh giá.")
    return redirect("parindex:round", year=year)


@require_POST
@login_required
def round_publish(request, year: int):
    r = _round(request, year)
    _act(request, lambda: actions.publish(r, request.user), "Đã công bố kết quả và xếp hạng Chỉ số CCHC.")
    return redirect("parindex:round", year=year)


def _act(request, run, done: str) -> bool:
    try:
        run()
    except ActionError as exc:  # includes ActionDenied (a 403's reason, said on the page)
        messages.error(request, exc.message)
        return False
    messages.success(request, done)
    return True


# --- an agency's assessment ---------------------------------------------------------------------------

def _assessment(request, year: int, code: str) -> Assessment:
    _require_use(request)
    a = (Assessment.objects.select_related("round__criteria_set", "round__council_agency", "agency")
         .filter(round__year=year, agency__code=code).first())
    if a is None or not access.may_see(request.user, a):
        raise Http404("Không tìm thấy bản đánh giá, hoặc bạn không được xem bản đánh giá này.")
    return a


@login_required
def assessment(request, year: int, code: str):
    a = _assessment(request, year, code)
    offered = {t.action for t in ASSESSMENT.allowed_actions(a, request.user)}
    # The council's points are the agency's to read once locked; the council's own page shows them all along.
    council_view = "appraise" in offered or can(request.user, "parindex.appraise", a.round.council_agency_id)
    return render(request, "parindex/assessment.html", {
        "a": a, "round": a.round, "rows": results.tree(a), "offered": offered, "measures": MEASURES,
        "show_council": council_view or a.state in ("appraised", "published"),
        "events": [_labelled(e) for e in a.events.order_by("-seq")[:20]],
    })


def _labelled(event):
    event.label = next((t.label for t in ASSESSMENT.transitions if t.action == event.action), event.action)
    return event


def _back(a: Assessment, anchor: str = ""):
    from django.urls import reverse

    url = reverse("parindex:assessment", args=[a.round.year, a.agency.code])
    return redirect(f"{url}#{anchor}" if anchor else url)


@require_POST
@login_required
def score_self(request, year: int, code: str):
    a = _assessment(request, year, code)
    criterion = request.POST.get("criterion", "")
    _act(request, lambda: actions.score_self(a, request.user, criterion=criterion, points=request.POST.get("points"),
                                             explanation=request.POST.get("explanation", "")),
         f"Đã lưu điểm tự đánh giá tiêu chí {criterion[:20]}.")
    return _back(a, f"tc-{criterion[:20]}")


@require_POST
@login_required
def appraise(request, year: int, code: str):
    a = _assessment(request, year, code)
    criterion = request.POST.get("criterion", "")
    _act(request, lambda: actions.appraise(a, request.user, criterion=criterion, points=request.POST.get("points"),
                                           comment=request.POST.get("comment", "")),
         f"Đã lưu điểm thẩm định tiêu chí {criterion[:20]}.")
    return _back(a, f"tc-{criterion[:20]}")


@require_POST
@login_required
def attach(request, year: int, code: str):
    a = _assessment(request, year, code)
    criterion = request.POST.get("criterion", "")
    upload = request.FILES.get("file")
    if upload is None:
        messages.error(request, "Vui lòng chọn tệp tài liệu kiểm chứng.")
    else:
        _act(request, lambda: actions.attach_evidence(a, request.user, criterion=criterion, upload=upload),
             f"Đã đính kèm “{upload.name[:100]}”.")
    return _back(a, f"tc-{criterion[:20]}")


@require_POST
@login_required
def remove(request, year: int, code: str, pk: int):
    a = _assessment(request, year, code)
    _act(request, lambda: actions.remove_evidence(a, request.user, evidence_id=pk), "Đã gỡ tài liệu kiểm chứng.")
    return _back(a)


@login_required
def evidence(request, year: int, code: str, pk: int):
    a = _assessment(request, year, code)
    row = get_object_or_404(Evidence, assessment=a, pk=pk)
    try:
        handle = row.file.open("rb")
    except OSError:
        raise Http404("Không tìm thấy tệp.") from None
    response = FileResponse(handle, as_attachment=True, filename=row.name, content_type=row.content_type)
    response["Cache-Control"] = "private, no-store"
    return response


STEPS = {"nop": (actions.submit, "Đã nộp bản tự đánh giá; hội đồng thẩm định sẽ chấm điểm."),
         "do-lai": (actions.measure, "Đã cập nhật các tiêu chí hệ thống tự đo."),
         "khoa": (actions.lock, "Đã khóa kết quả thẩm định.")}


@require_POST
@login_required
def step(request, year: int, code: str, name: str):
    a = _assessment(request, year, code)
    if name not in STEPS:
        raise Http404("Không có thao tác này.")
    run, done = STEPS[name]
    _act(request, lambda: run(a, request.user), done)
    return _back(a)
