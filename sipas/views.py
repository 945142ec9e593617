"""SIPAS pages: the organiser's list of surveys, a survey's builder (questions, sample, open,
close) and its results; the public survey page of a one-time link (no login, no JavaScript)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts.permissions import agencies_where
from ioc.access import visible_agencies
from sipas import access, actions, results
from sipas.forms import QuestionForm, SampleForm, SurveyForm
from sipas.machine import SURVEY
from sipas.models import LIKERT, Aspect, Element, Kind, Survey
from units.models import Agency
from workflow.errors import ActionError


def _require_use(request) -> None:
    if not access.may_use(request.user):
        raise PermissionDenied("Trang khảo sát SIPAS dành cho cơ quan tổ chức khảo sát, Trung tâm điều hành và lãnh "
                               "đạo các cơ quan.")


@login_required
def home(request):
    _require_use(request)
    return render(request, "sipas/home.html", {"surveys": Survey.objects.select_related("organiser"),
                                               "may_manage": access.may_manage(request.user)})


@login_required
def new(request):
    if not access.may_manage(request.user):
        raise PermissionDenied("Chỉ cơ quan tổ chức khảo sát tạo đợt khảo sát.")
    organisers = Agency.objects.filter(is_active=True) if request.user.is_superuser else Agency.objects.filter(
        pk__in=agencies_where(request.user, "sipas.manage"))
    form = SurveyForm(request.POST or None, organisers=organisers)
    if request.method == "POST" and form.is_valid():
        try:
            s = actions.create(request.user, **form.cleaned_data)
        except ActionError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, "Đã tạo đợt khảo sát với bộ câu hỏi mẫu; hãy xem lại câu hỏi và chọn mẫu.")
            return redirect("sipas:survey", pk=s.pk)
    return render(request, "sipas/new.html", {"form": form})


def _survey(request, pk: int) -> Survey:
    _require_use(request)
    return get_object_or_404(Survey.objects.select_related("organiser"), pk=pk)


@login_required
def survey(request, pk: int):
    s = _survey(request, pk)
    offered = {t.action for t in SURVEY.allowed_actions(s, request.user)}
    rows = []
    if results.visible(s):
        seen = {a.pk for a in visible_agencies(request.user)}
        manager = access.may_manage(request.user)
        rows = [r for r in results.by_agency(s) if manager or r["agency_id"] in seen]
    invited = s.invitations.count()
    return render(request, "sipas/survey.html", {
        "s": s, "offered": offered, "questions": s.questions.all(), "question_form": QuestionForm(),
        "sample_form": SampleForm(initial={"seed": s.seed or f"sipas-{s.pk}", "sample_per_agency":
                                           s.sample_per_agency}),
        "invited": invited, "answered": s.invitations.filter(answered=True).count() if "close" in offered else None,
        "rows": rows, "elements": [Element(e).label for e in results.ELEMENTS], "minimum": results.minimum(),
        "visible": results.visible(s),
    })


def _act(request, run, done: str) -> None:
    try:
        run()
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)


@require_POST
@login_required
def question(request, pk: int):
    s = _survey(request, pk)
    form = QuestionForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("sipas:survey", pk=pk)
    data = form.cleaned_data
    _act(request, lambda: actions.save_question(s, request.user, element=data["element"], aspect=data["aspect"],
                                                kind=data["kind"], text=data["text"],
                                                options=data["options"].splitlines(), required=data["required"]),
         "Đã thêm câu hỏi.")
    return redirect("sipas:survey", pk=pk)


@require_POST
@login_required
def remove_question(request, pk: int, question_id: int):
    s = _survey(request, pk)
    _act(request, lambda: actions.remove_question(s, request.user, question_id=question_id), "Đã xóa câu hỏi.")
    return redirect("sipas:survey", pk=pk)


@require_POST
@login_required
def sample(request, pk: int):
    s = _survey(request, pk)
    form = SampleForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("sipas:survey", pk=pk)
    try:
        n = actions.draw_sample(s, request.user, **form.cleaned_data)
    except ActionError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"Đã chọn {n} người được khảo sát.")
    return redirect("sipas:survey", pk=pk)


@require_POST
@login_required
def step(request, pk: int, name: str):
    s = _survey(request, pk)
    if name == "bat-dau":
        _act(request, lambda: actions.open_survey(s, request.user), "Đã bắt đầu khảo sát; lời mời đang được gửi.")
    elif name == "ket-thuc":
        _act(request, lambda: actions.close(s, request.user), "Đã kết thúc khảo sát.")
    else:
        raise Http404("Không có thao tác này.")
    return redirect("sipas:survey", pk=pk)


@login_required
def agency(request, pk: int, agency_id: int):
    """What lowered an agency's index: the answers to each question (withheld under the minimum)."""
    s = _survey(request, pk)
    if not results.visible(s):
        raise Http404("Kết quả chỉ xem được khi đợt khảo sát đã kết thúc.")
    seen = {a.pk: a for a in visible_agencies(request.user)}
    found = seen.get(agency_id) or (Agency.objects.filter(pk=agency_id).first()
                                    if access.may_manage(request.user) else None)
    if found is None:
        raise Http404("Không tìm thấy cơ quan, hoặc bạn không được xem kết quả của cơ quan này.")
    row = next((r for r in results.by_agency(s) if r["agency_id"] == agency_id), None)
    return render(request, "sipas/agency.html", {
        "s": s, "agency": found, "row": row, "questions": results.questions(s, agency_id), "likert": LIKERT,
        "minimum": results.minimum(), "elements": [Element(e).label for e in results.ELEMENTS]})


# --- the public page of a one-time link ----------------------------------------------------------------------

@never_cache
def answer(request, token: str):
    invitation = actions.invitation_for(token)
    if invitation is None:
        return render(request, "sipas/link_invalid.html", status=404)
    s = invitation.survey
    error, field = "", ""
    if request.method == "POST":
        raw = {key: request.POST.getlist(key) for key in request.POST if key.startswith("q")}
        try:
            actions.answer(token, raw, request.POST.get("comment", ""))
        except ActionError as exc:
            error, field = exc.message, exc.field or ""
        else:
            return render(request, "sipas/thanks.html", {"s": s})
    questions = [{"q": q, "name": f"q{q.pk}", "chosen": request.POST.getlist(f"q{q.pk}")} for q in s.questions.all()]
    return render(request, "sipas/answer.html", {
        "s": s, "questions": questions, "likert": LIKERT, "error": error, "field": field, "kinds": Kind,
        "aspects": Aspect, "comment": request.POST.get("comment", "")[:1000]},
        status=400 if error else 200)

