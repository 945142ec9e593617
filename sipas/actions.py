"""Every change of a SIPAS survey goes through one of these functions on the workflow engine
(sipas/machine.py): preparing the questionnaire and the sample, opening it (the invitations
leave through the notify app), recording an answer, closing it."""

from __future__ import annotations

import hashlib
import re
import secrets
from collections import Counter
from datetime import date, datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from ioc.projection import _upsert as upsert
from motcua.inputs import clean_text
from sipas import sampling
from sipas.machine import RESPONDENT, SURVEY, Code
from sipas.models import (
    LIKERT,
    SATISFIED,
    Answer,
    AnswerTally,
    Aspect,
    Element,
    ElementTally,
    Invitation,
    Kind,
    Question,
    Response,
    Survey,
    SurveyState,
)
from sipas.questionnaire import DEFAULT, EXPECTATIONS
from sipas.results import ALL
from workflow import engine
from workflow.engine import Change
from workflow.errors import ActionError

TITLE_MAX, TEXT_MAX, OPTIONS_MAX, COMMENT_MAX = 200, 500, 12, 1000
SAMPLE_MAX = 5000


def _error(message: str, field: str) -> ActionError:
    return ActionError(Code.INVALID_INPUT, message, field=field)


def create(actor, *, title: str, organiser, returned_from: date, returned_to: date, closes_at: datetime,
           sample_per_agency: int = 30) -> Survey:
    """A survey in preparation with the default questionnaire (sipas/questionnaire.py)."""
    title = clean_text(title or "")
    if not title or len(title) > TITLE_MAX:
        raise _error(f"Vui lòng nhập tên đợt khảo sát (tối đa {TITLE_MAX} ký tự).", "title")
    if returned_from is None or returned_to is None or returned_to < returned_from:
        raise _error("Khoảng thời gian trả kết quả không hợp lệ: ngày kết thúc phải từ ngày bắt đầu trở đi.",
                     "returned_to")
    if closes_at is None or closes_at <= timezone.now():
        raise _error("Thời điểm kết thúc khảo sát phải ở tương lai.", "closes_at")
    _check_size(sample_per_agency)

    def effect(s: Survey, change: Change) -> None:
        s.created_at = change.now
        s.save()
        for order, (element, aspect, kind, text) in enumerate(DEFAULT, start=1):
            Question.objects.create(survey=s, order=order, element=element, aspect=aspect, kind=kind, text=text,
                                    options=EXPECTATIONS if kind == Kind.CHOICE else [],
                                    required=aspect == Aspect.SATISFACTION and element != Element.POLICY)
        change.data = {"title": title, "questions": len(DEFAULT)}

    return engine.create(SURVEY, "create", actor, lambda: Survey(
        title=title, organiser=organiser, returned_from=returned_from, returned_to=returned_to, closes_at=closes_at,
        sample_per_agency=sample_per_agency), effect=effect).obj


def _check_size(n) -> None:
    if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= SAMPLE_MAX:
        raise _error(f"Số người mời mỗi cơ quan phải từ 1 đến {SAMPLE_MAX}.", "sample_per_agency")


def save_question(s: Survey, actor, *, element: str, aspect: str, kind: str, text: str,
                  options: list[str] | None = None, required: bool = False, question_id: int | None = None) -> Question:
    if element not in Element.values:
        raise _error("Yếu tố không hợp lệ.", "element")
    if aspect not in Aspect.values:
        raise _error("Khía cạnh không hợp lệ.", "aspect")
    if kind not in Kind.values:
        raise _error("Dạng câu trả lời không hợp lệ.", "kind")
    text = clean_text(text or "")
    if not text or len(text) > TEXT_MAX:
        raise _error(f"Vui lòng nhập câu hỏi (tối đa {TEXT_MAX} ký tự).", "text")
    options = [o for o in (clean_text(x)[:200] for x in options or []) if o]
    if kind == Kind.CHOICE and not 2 <= len(options) <= OPTIONS_MAX:
        raise _error(f"Câu hỏi chọn phương án cần từ 2 đến {OPTIONS_MAX} phương án, mỗi dòng một phương án.", "options")

    def effect(locked: Survey, change: Change) -> None:
        fields = {"element": element, "aspect": aspect, "kind": kind, "text": text,
                  "options": options if kind == Kind.CHOICE else [], "required": bool(required)}
        if question_id:
            q = Question.objects.filter(survey=locked, pk=question_id).first()
            if q is None:
                raise _error("Không tìm thấy câu hỏi.", "question")
            for name, value in fields.items():
                setattr(q, name, value)
            q.save()
        else:
            last = locked.questions.order_by("-order").values_list("order", flat=True).first() or 0
            q = Question.objects.create(survey=locked, order=last + 1, **fields)
        change.data = {"question": q.pk, **fields}
        change.result = q

    return engine.perform(SURVEY, s.pk, "save_question", actor, effect=effect).result


def remove_question(s: Survey, actor, *, question_id: int) -> None:
    def effect(locked: Survey, change: Change) -> None:
        q = Question.objects.filter(survey=locked, pk=question_id).first()
        if q is None:
            raise _error("Không tìm thấy câu hỏi.", "question")
        change.data = {"question": q.pk, "text": q.text}
        q.delete()

    engine.perform(SURVEY, s.pk, "remove_question", actor, effect=effect)


def draw_sample(s: Survey, actor, *, seed: str, sample_per_agency: int) -> int:
    """Draw (again) the sample with `seed`: the same seed over the same dossiers gives the same
    invitations (sipas/sampling.py). The number of people invited."""
    seed = (seed or "").strip()
    if not re.fullmatch(r"[-A-Za-z0-9_.]{1,40}", seed):
        raise _error("Hạt giống chọn mẫu gồm 1–40 chữ không dấu, số, dấu chấm, gạch ngang, gạch dưới.", "seed")
    _check_size(sample_per_agency)

    def effect(locked: Survey, change: Change) -> None:
        locked.seed, locked.sample_per_agency = seed, sample_per_agency
        locked.invitations.all().delete()
        rows = sampling.draw(locked)
        Invitation.objects.bulk_create([Invitation(survey=locked, **row) for row in rows])
        agencies = Counter(row["agency_id"] for row in rows)
        change.data = {"seed": seed, "sample_per_agency": sample_per_agency, "invited": len(rows),
                       "agencies": {str(k): v for k, v in sorted(agencies.items())}}
        change.result = len(rows)

    return engine.perform(SURVEY, s.pk, "draw_sample", actor, effect=effect).result


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def link(token: str) -> str:
    return settings.PUBLIC_BASE_URL.rstrip("/") + reverse("sipas:answer", args=[token])


def open_survey(s: Survey, actor) -> Survey:
    """Start: a one-time link per invitation (only its hash is kept), sent through the notify
    app by e-mail or SMS after commit; the questionnaire is frozen from now on."""
    from notify.subscribers import Recipient, queue

    def effect(locked: Survey, change: Change) -> None:
        if not locked.questions.filter(kind=Kind.LIKERT, aspect=Aspect.SATISFACTION).exists():
            raise ActionError(Code.NO_QUESTIONS, "Bộ câu hỏi cần ít nhất một câu hỏi mức độ hài lòng (thang 5 mức).")
        invitations = list(locked.invitations.all())
        if not invitations:
            raise ActionError(Code.NO_SAMPLE, "Chưa chọn mẫu người được khảo sát (hoặc không có hồ sơ nào đã trả "
                              "kết quả trong kỳ có số điện thoại, thư điện tử).")
        sent = 0
        for invitation in invitations:
            token = secrets.token_urlsafe(24)
            invitation.token_hash = token_hash(token)
            invitation.save(update_fields=["token_hash"])
            sent += bool(queue("sipas", invitation, invitation.pk, "sipas.invitation",
                               [Recipient(None, invitation.email, invitation.phone)],
                               {"link": link(token), "title": locked.title,
                                "closes_at": f"{timezone.localtime(locked.closes_at):%H:%M ngày %d/%m/%Y}"}))
        locked.state, locked.opened_at = SurveyState.OPEN, change.now
        change.data = {"invited": len(invitations), "messages": sent}

    return engine.perform(SURVEY, s.pk, "open", actor, effect=effect).obj


def close(s: Survey, actor) -> Survey:
    """End the survey: no answer is taken after; the links in the sent messages are struck out."""
    from notify.models import Message

    def effect(locked: Survey, change: Change) -> None:
        locked.state, locked.closed_at = SurveyState.CLOSED, change.now
        ids = list(locked.invitations.values_list("pk", flat=True))
        struck = 0
        for message in Message.objects.filter(source="sipas", event_id__in=ids).only("pk", "body"):
            body = re.sub(r"https?://\S+/khao-sat/\S+", "[đường dẫn đã hết hạn]", message.body)
            struck += Message.objects.filter(pk=message.pk).update(body=body)
        change.data = {"responses": locked.responses.count(), "invitations": len(ids), "links_struck": struck}

    return engine.perform(SURVEY, s.pk, "close", actor, effect=effect).obj


# --- the respondent ----------------------------------------------------------------------------------

def invitation_for(token: str) -> Invitation | None:
    """The open, unanswered invitation of a link, or None (the page says the link is not valid)."""
    if not token or len(token) > 100 or not re.fullmatch(r"[-A-Za-z0-9_]+", token):
        return None
    found = Invitation.objects.select_related("survey").filter(token_hash=token_hash(token)).first()
    if found is None or found.answered or found.survey.state != SurveyState.OPEN \
            or timezone.now() > found.survey.closes_at:
        return None
    return found


def clean_answers(survey: Survey, raw: dict) -> dict[int, dict]:
    """{question id: {"value": int|None, "choices": [...]}} from the form's fields (q<id>), every
    value checked; raises ActionError naming the first bad question."""
    answers = {}
    for q in survey.questions.all():
        field = f"q{q.pk}"
        if q.kind == Kind.CHOICE:
            picked = [str(v) for v in raw.get(field, []) if str(v) in q.options]
            if len(picked) != len(raw.get(field, [])):
                raise _error("Phương án đã chọn không hợp lệ.", field)
            answers[q.pk] = {"value": None, "choices": sorted(set(picked), key=q.options.index)}
            continue
        value = (raw.get(field) or [""])[0]
        allowed = {str(v) for v, _ in LIKERT} if q.kind == Kind.LIKERT else {"0", "1"}
        if value == "":
            if q.required:
                raise _error(f"Vui lòng trả lời câu hỏi “{q.text}”.", field)
            answers[q.pk] = {"value": None, "choices": []}
        elif value not in allowed:
            raise _error("Câu trả lời không hợp lệ.", field)
        else:
            answers[q.pk] = {"value": int(value), "choices": []}
    return answers


def answer(token: str, raw: dict, comment: str = "") -> None:
    """Record a respondent's answers once: the invitation is marked answered (a conditional
    update, so two submissions of one link record one), the response is written without any
    link to the invitation, and the tallies move; the survey's log says an answer came for the
    agency, nothing more."""
    invitation = invitation_for(token)
    if invitation is None:
        raise ActionError(Code.INVALID_LINK, "Đường dẫn khảo sát không hợp lệ, đã được dùng hoặc đợt khảo sát đã "
                          "kết thúc.")
    survey = invitation.survey
    answers = clean_answers(survey, raw)
    comment = clean_text(comment or "")[:COMMENT_MAX]
    questions = {q.pk: q for q in survey.questions.all()}

    def effect(locked: Survey, change: Change) -> None:
        if not Invitation.objects.filter(pk=invitation.pk, answered=False).update(answered=True):
            raise ActionError(Code.INVALID_LINK, "Phiếu khảo sát này đã được trả lời.")
        response = Response.objects.create(survey=locked, agency_id=invitation.agency_id,
                                           submitted_on=timezone.localdate(change.now), comment=comment)
        Answer.objects.bulk_create([Answer(response=response, question_id=pk, **a) for pk, a in answers.items()
                                    if a["value"] is not None or a["choices"]])
        _tally(locked, invitation.agency_id, questions, answers)
        change.data = {"agency": invitation.agency_id}

    with transaction.atomic():
        engine.perform(SURVEY, survey.pk, "answer", RESPONDENT, effect=effect)


def respondent_indices(questions: dict[int, Question], answers: dict[int, dict]) -> dict[str, float]:
    """A respondent's satisfaction index per element (0–100: the share of their 5-level
    satisfaction answers at "hài lòng" or above), and over all five elements (their mean)."""
    found: dict[str, list[int]] = {}
    for pk, a in answers.items():
        q = questions[pk]
        if q.kind == Kind.LIKERT and q.aspect == Aspect.SATISFACTION and q.element != Element.POLICY \
                and a["value"] is not None:
            found.setdefault(q.element, []).append(a["value"])
    indices = {element: 100 * sum(v >= SATISFIED for v in values) / len(values) for element, values in found.items()}
    if indices:
        indices[ALL] = sum(indices.values()) / len(indices)
    return indices


def _tally(survey: Survey, agency_id: int, questions, answers) -> None:
    indices = respondent_indices(questions, answers)
    upsert(ElementTally, ("survey_id", "agency_id", "element"), ("n", "total", "squares"),
           {(survey.pk, agency_id, element): Counter(n=1, total=x, squares=x * x) for element, x in indices.items()})
    counts: Counter = Counter()
    for pk, a in answers.items():
        for value in ([str(a["value"])] if a["value"] is not None else []) + a["choices"]:
            counts[(survey.pk, agency_id, pk, value[:200])] += 1
    upsert(AnswerTally, ("survey_id", "agency_id", "question_id", "value"), ("count",),
           {key: Counter(count=n) for key, n in counts.items()})


def close_overdue() -> int:
    """Close the open surveys past their end (the periodic task); how many."""
    from sipas.machine import RESPONDENT as PLATFORM

    done = 0
    for s in Survey.objects.filter(state=SurveyState.OPEN, closes_at__lt=timezone.now()):
        try:
            close(s, PLATFORM)
            done += 1
        except ActionError:
            continue  # closed meanwhile
    return done
