"""The officer's queues: what is waiting for them in the agency they work for.

Each queue is a filter over the dossier projection (never the event log), answered by the
indexes on (current_agency, state), (state, due_at) and the receiving agency. A page of any
queue costs a fixed number of queries however long the queue: one count per queue for the
menu (capped), one for the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.roles import Role
from dossiers.models import Dossier
from dossiers.states import OPEN, PAUSED, State
from motcua.textsearch import normalize

AT_WORK = (State.RECEIVED, State.PROCESSING, State.RESULT_READY)
WAITING = tuple(PAUSED | {State.INTAKE_SUPPLEMENT, State.TRANSFERRED})
OPEN_STATES = tuple(OPEN)


@dataclass(frozen=True)
class Queue:
    slug: str
    label: str
    help: str


QUEUES = (
    Queue("cho-tiep-nhan", "Chờ tiếp nhận",
          "Hồ sơ nộp trực tuyến hoặc đã nhập, chờ Bộ phận Một cửa kiểm tra, tiếp nhận."),
    Queue("cua-toi", "Việc của tôi",
          "Hồ sơ đang ở bước xử lý do bạn đảm nhận, hoặc bước theo vai trò của bạn chưa giao cho ai."),
    Queue("den-han", "Đến hạn hôm nay", "Hồ sơ đang giải quyết có hạn trả kết quả trong hôm nay, chưa quá hạn."),
    Queue("qua-han", "Quá hạn", "Hồ sơ đang giải quyết đã quá hạn trả kết quả."),
    Queue("tam-dung", "Tạm dừng", "Hồ sơ chờ bổ sung, chờ nộp nghĩa vụ tài chính, bị dừng, hoặc đang liên thông."),
)
BY_SLUG = {q.slug: q for q in QUEUES}
SORTS = {
    "han": ("due_at", "pk"), "-han": ("-due_at", "-pk"),
    "nop": ("submitted_at", "pk"), "-nop": ("-submitted_at", "-pk"),
}
DEFAULT_SORT = {"cho-tiep-nhan": "nop", "tam-dung": "-nop"}


def _here(agency) -> Q:
    return Q(current_agency=agency) | Q(receiving_agency=agency)


def queue_filter(slug: str, user, agency, roles: set[str], now: datetime | None = None) -> Q | None:
    """The dossiers of queue `slug` for `user` working at `agency`, or None when the queue
    does not apply to their roles there."""
    now = now or timezone.now()
    if slug == "cho-tiep-nhan":
        if Role.COUNTER_OFFICER not in roles:
            return None
        return Q(receiving_agency=agency, state=State.SUBMITTED)
    if slug == "cua-toi":
        step_roles = roles & {Role.COUNTER_OFFICER, Role.SPECIALIST, Role.LEADER}
        if not step_roles:
            return None
        return Q(state__in=AT_WORK, current_agency=agency) & (
            Q(assignee=user) | Q(assignee__isnull=True, current_step__role__in=step_roles))
    if slug == "den-han":
        today = timezone.localdate(now)
        start = timezone.make_aware(datetime.combine(today, time.min))
        # Still to come today; those already past are in the overdue queue.
        return _here(agency) & Q(state__in=OPEN_STATES, due_at__gte=now, due_at__lt=start + timedelta(days=1))
    if slug == "qua-han":
        return _here(agency) & Q(state__in=OPEN_STATES, due_at__lt=now)
    if slug == "tam-dung":
        return _here(agency) & Q(state__in=WAITING)
    raise KeyError(slug)


def search(queryset: QuerySet[Dossier], text: str) -> QuerySet[Dossier]:
    """A dossier code (or its beginning) or the applicant's name without diacritics."""
    text = (text or "").strip()[:100]
    if not text:
        return queryset
    if any(ch.isdigit() for ch in text):
        return queryset.filter(Q(code__istartswith=text) | Q(applicant_id_number=text))
    return queryset.filter(applicant_name_search__contains=normalize(text))


LIST_FIELDS = ("code", "state", "status", "channel", "applicant_name", "submitted_at", "received_at", "due_at",
               "step_due_at", "assignee_id", "procedure_version__name", "current_step__name",
               "assignee__full_name", "assignee__username")


def rows(queryset: QuerySet[Dossier]) -> QuerySet[Dossier]:
    return queryset.select_related("procedure_version", "current_step", "assignee").only(*LIST_FIELDS)
