"""The operations centre's filters, read from a query string (a page's, or the one an export
was asked with) and each checked against what the person may see: period, agency subtree,
channel, field and procedure."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from catalogue.models import Field, Procedure, ProcedureVersion
from catalogue.services import current_versions
from dossiers.models import Channel
from ioc import figures
from ioc.access import subtree


class Filters:
    """The dashboard's filters from the query string, each checked against what is allowed."""

    def __init__(self, get, agencies):
        self.kind = get.get("ky", "thang") if get.get("ky") in figures.KINDS else "thang"
        self.period = figures.period_of(self.kind, _date(get.get("tu")), _date(get.get("den")))
        by_code = {a.code: a for a in agencies}
        self.agency = by_code.get(get.get("co-quan", ""))
        self.channel = int(get["kenh"]) if get.get("kenh") in {str(c) for c in Channel.values} else None
        self.agencies = subtree({self.agency.pk}, agencies) if self.agency else agencies
        self.ids = [a.pk for a in self.agencies]
        # A field (lĩnh vực) or one procedure narrows every figure to their procedures.
        self.field = _field(get.get("linh-vuc", ""))
        self.procedure, self.procedure_error = _procedure(get.get("thu-tuc", ""))
        self.procedures = procedures_of(self.field, self.procedure)
        # Field reports by handling unit; the whole province also counts those no unit holds yet.
        self.units = None if getattr(agencies, "province", False) and not self.agency else self.ids

    def describe(self) -> str:
        """The filters in words, for the head of an export or a report."""
        parts = [self.agency.name if self.agency else "Toàn tỉnh (các cơ quan được xem)",
                 Channel(self.channel).label if self.channel else "mọi hình thức nộp"]
        if self.procedure:
            parts.append(f"thủ tục {self.procedure.code}")
        elif self.field:
            parts.append(f"lĩnh vực {self.field.name}")
        return "; ".join(parts)

    def query(self, changes: dict | None = None) -> str:
        """The filters as a query string, with `changes` (e.g. {"co-quan": code}) applied."""
        parts = {"ky": self.kind, "kenh": self.channel or "", "co-quan": self.agency.code if self.agency else "",
                 "linh-vuc": self.field.code if self.field else "",
                 "thu-tuc": self.procedure.code if self.procedure else ""}
        if self.kind == "tuy-chon":
            parts |= {"tu": self.period.start.isoformat(), "den": self.period.end.isoformat()}
        parts |= changes or {}
        return urlencode({k: v for k, v in parts.items() if v})


def _field(code: str) -> Field | None:
    return Field.objects.filter(code=code).first() if code and len(code) <= 50 else None


def _procedure(code: str) -> tuple[Procedure | None, str]:
    """The procedure of a code typed in the filter, or a message saying it was not found."""
    code = code.strip()
    if not code:
        return None, ""
    found = Procedure.objects.filter(code=code[:20]).first() if code.isprintable() else None
    if found is None:
        return None, f"Không tìm thấy thủ tục có mã “{code[:20]}”; số liệu bên dưới là của mọi thủ tục."
    return found, ""


def procedures_of(field: Field | None, procedure: Procedure | None) -> list[int] | None:
    """The procedures the figures are narrowed to, or None for all of them."""
    if procedure is not None:
        return [procedure.pk]
    if field is not None:
        return list(ProcedureVersion.objects.filter(field=field).values_list("procedure_id", flat=True).distinct())
    return None


def _date(raw) -> date | None:
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


def filter_choices(agencies) -> dict:
    """What the filter form offers: the agencies one may see, the fields, and the procedures
    those agencies decide (for the procedure box's suggestions)."""
    ids = [a.pk for a in agencies]
    procedures = (current_versions().filter(competent_agency_id__in=ids).order_by("procedure__code")
                  .values_list("procedure__code", "name"))
    return {"all_agencies": agencies, "kinds": figures.KINDS, "channel_choices": Channel.choices,
            "fields": Field.objects.order_by("name"), "procedure_choices": procedures}
