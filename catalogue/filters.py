"""The public catalogue's filters, shared by the web page and the API."""

from __future__ import annotations

from dataclasses import dataclass, fields

from django.db.models import Q, QuerySet

from catalogue.models import ProcedureVersion
from catalogue.search import Found, search

LEVELS = {"central": "level_central", "province": "level_province", "commune": "level_commune"}
APPLICANTS = {"citizen": "for_citizens", "organisation": "for_organisations"}


@dataclass
class CatalogueFilter:
    q: str = ""
    field: str = ""  # Field.code
    level: str = ""  # central | province | commune
    agency: str = ""  # agency code, competent or receiving
    online_level: str = ""  # full | partial | none
    applicant: str = ""  # citizen | organisation

    def apply(self, queryset: QuerySet[ProcedureVersion]) -> QuerySet[ProcedureVersion] | Found:
        """The filtered versions: ranked by the search when there is a query (catalogue.search),
        else by field and name."""
        if self.field:
            queryset = queryset.filter(field__code=self.field)
        if self.level in LEVELS:
            queryset = queryset.filter(**{LEVELS[self.level]: True})
        if self.agency:
            queryset = queryset.filter(Q(competent_agency__code=self.agency) | Q(receiving_agency__code=self.agency))
        if self.online_level in ProcedureVersion.OnlineLevel.values:
            queryset = queryset.filter(online_level=self.online_level)
        if self.applicant in APPLICANTS:
            queryset = queryset.filter(**{APPLICANTS[self.applicant]: True})
        if self.q.strip():
            return search(queryset, self.q)
        return queryset.order_by("field__name", "name", "pk")

    @property
    def only_query(self) -> bool:
        """A search with no other filter: no result then says the words are missing."""
        return bool(self.q.strip()) and not any(getattr(self, f.name) for f in fields(self) if f.name != "q")
