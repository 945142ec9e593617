"""Who may see which dossiers, and the filters of the dossier search.

Visibility is decided on the server for every request: a dossier another agency's staff
or another citizen may not see is treated as if it did not exist (the API answers 404).
Search by applicant name is diacritic-insensitive (docs/api-dossiers.md): it matches the
`applicant_name_search` column that dossiers/actions.py fills with `textsearch.normalize`.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.permissions import agencies_where, roles_in
from accounts.roles import CITIZEN, SYSTEM_ADMIN
from catalogue.models import ProcedureVersion
from dossiers.models import Dossier
from dossiers.states import State
from motcua.inputs import has_controls, parse_id
from motcua.textsearch import terms
from units.models import Agency


def visible_dossiers(user) -> QuerySet[Dossier]:
    """The dossiers `user` may see.

    - system administrators: all;
    - staff: dossiers received by, currently at, or decided by (competent agency) an agency
      where they hold a role that allows "dossier.view", plus the parent and the liên thông
      sub-dossiers of those, so both sides of a transfer can follow it;
    - citizens and organisations: the dossiers they submitted (sub-dossiers carry the same
      submitter, so they follow their own liên thông legs too).
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Dossier.objects.none()
    if SYSTEM_ADMIN in roles_in(user, None):
        return Dossier.objects.all()
    visible = Q(pk__in=[])
    agencies = agencies_where(user, "dossier.view")
    if agencies:
        # The competent agency through the versions it decides: a short list of ids, so each
        # branch of the OR is an index scan on the dossier table (no join).
        versions = ProcedureVersion.objects.filter(competent_agency_id__in=agencies).values("pk")
        own = (Q(receiving_agency_id__in=agencies) | Q(current_agency_id__in=agencies)
               | Q(procedure_version_id__in=versions))
        visible |= own
        # One level of liên thông in each direction, read from the sub-dossiers only (few:
        # a partial index holds them): the parent of one we handle, and those whose parent we
        # handle.
        subs = Dossier.objects.filter(parent__isnull=False)
        visible |= Q(pk__in=subs.filter(own).values("parent_id"))
        visible |= Q(pk__in=subs.filter(
            Q(parent__receiving_agency_id__in=agencies) | Q(parent__current_agency_id__in=agencies)
            | Q(parent__procedure_version_id__in=versions)).values("pk"))
    if CITIZEN in roles_in(user, None):
        visible |= Q(submitted_by=user)
    return Dossier.objects.filter(visible)


class SearchInputError(ValueError):
    """A filter the user got wrong; the message is Vietnamese, `field` names the filter."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field


# 000.00.20.H57-250310-0001: agency code (QCVN 102), date of receipt, number (Circular 01/2018).
WHOLE_CODE = re.compile(r"\d{3}\.\d{2}\.\d{2}\.[A-Za-z]\d{2}-\d{6}-\d{4,}")

# Dates a search may name; beyond them is a typing mistake (and 9999-12-31 + 1 day overflows).
EARLIEST, LATEST = date(2000, 1, 1), date(2100, 12, 31)


def search_dossiers(
    queryset: QuerySet[Dossier], *, code: str | None = None, applicant_id: str | None = None,
    name: str | None = None, status: int | str | None = None, agency: str | None = None,
    received_from: date | None = None, received_to: date | None = None,
) -> QuerySet[Dossier]:
    """Narrow `queryset` by the filters given; empty or None filters are ignored.

    `code` matches any part of the dossier code; `applicant_id` is the exact citizen ID /
    tax code; `name` matches every word of the applicant's name without diacritics;
    `status` is a national status code (1–10) or an internal state name; `agency` is an
    agency code, receiving or currently holding the dossier; `received_from`/`received_to`
    are inclusive local dates of receipt.
    """
    for field, text in (("code", code), ("applicant_id", applicant_id), ("name", name), ("agency", agency)):
        if text and has_controls(text):
            raise SearchInputError(field, "Giá trị tìm kiếm chứa ký tự điều khiển không hợp lệ.")
    if code and code.strip():
        code = code.strip()
        # A whole code (as printed on the receipt) is one row of a unique index; a part of one
        # is a substring search (a trigram index on PostgreSQL).
        queryset = queryset.filter(code=code.upper()) if WHOLE_CODE.fullmatch(code) else queryset.filter(
            code__icontains=code)
    if applicant_id and applicant_id.strip():
        queryset = queryset.filter(applicant_id_number=applicant_id.strip())
    if name:
        for word in terms(name):
            queryset = queryset.filter(applicant_name_search__contains=word)
    if status not in (None, ""):
        queryset = queryset.filter(**status_filter(status))
    if agency and agency.strip():
        # The code names one agency: look it up once, then filter on the two indexed columns.
        agency_id = Agency.objects.filter(code=agency.strip()).values_list("pk", flat=True).first()
        queryset = queryset.filter(Q(receiving_agency_id=agency_id) | Q(current_agency_id=agency_id)) \
            if agency_id else queryset.none()
    for field, bound in (("received_from", received_from), ("received_to", received_to)):
        if bound and not EARLIEST <= bound <= LATEST:
            raise SearchInputError(
                field, f"Ngày {bound:%d/%m/%Y} nằm ngoài khoảng tra cứu ({EARLIEST:%Y}–{LATEST:%Y}).")
    # Bounds as aware datetimes at local midnight, so the received_at index is usable.
    if received_from:
        queryset = queryset.filter(received_at__gte=_local_midnight(received_from))
    if received_to:
        queryset = queryset.filter(received_at__lt=_local_midnight(received_to + timedelta(days=1)))
    return queryset


def status_filter(status: int | str) -> dict:
    """{"status": n} for a national code, {"state": s} for an internal state; ValueError otherwise."""
    text = str(status).strip()
    number = parse_id(text)
    if number is not None:
        if number <= 10:
            return {"status": number}
    elif text in State.values:
        return {"state": text}
    raise SearchInputError(
        "status", f"Trạng thái “{text}” không hợp lệ: dùng mã trạng thái quốc gia từ 1 đến 10 "
        f"hoặc một trong {', '.join(State.values)}."
    )


def _local_midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_current_timezone())
