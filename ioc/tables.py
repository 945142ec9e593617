"""Every table of the operations centre, as an export can write it: a title, the column
headings and the rows for the dashboard's filters (ioc/filters.py). The pages show the same
figures; an export (ioc/exports.py) writes all the rows, where a page shows the first ones.

Lists of dossiers hold no personal data: codes, procedures, agencies, states and dates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from django.utils import timezone

from dossiers.models import Channel, Dossier
from ioc import figures, lists
from parindex import tables as parindex_tables
from scoring import tables as scoring_tables

# Excel holds 1,048,576 rows a sheet; a list longer than this is cut, and the file says so.
MAX_ROWS = 500_000


@dataclass(frozen=True)
class Table:
    slug: str
    title: str
    columns: tuple[str, ...] | Callable  # or a function of the filters (a round's areas)
    # For the filters: (how many rows, or None when unknown before writing; the rows)
    rows: Callable[..., tuple[int | None, Iterable[list]]]


def _local(moment) -> str:
    return f"{timezone.localtime(moment):%d/%m/%Y %H:%M}" if moment else ""


def _blank(value):
    return "" if value is None else value


AGENCY_FIGURES = (("Tiếp nhận", "received"), ("Đã giải quyết", "resolved"), ("Trước hạn", "resolved_early"),
                  ("Đúng hạn", "resolved_on_time"), ("Quá hạn", "resolved_late"),
                  ("Tỷ lệ đúng hạn (%)", "on_time_rate"), ("Thời gian TB (ngày)", "average_days"),
                  ("Đang quá hạn", "overdue"), ("Đang trong hạn", "in_time"), ("Tạm dừng", "paused"),
                  ("Từ chối", "refused"), ("Rút", "withdrawn"), ("Xin lỗi, hẹn lại", "apologies"),
                  ("Lượt đánh giá", "evaluations"), ("Hài lòng (%)", "satisfaction"))


def _agencies(f):
    from ioc.views import agency_rows

    rows = agency_rows(f)
    return len(rows), ([r["agency"].name, *(_blank(r.get(key)) for _, key in AGENCY_FIGURES)] for r in rows)


def _procedures(f):
    """Per agency and procedure: the drill-down of every agency in the filters at once."""
    from catalogue.services import current_versions

    names = dict(current_versions().values_list("procedure_id", "name"))
    table = [(a, r) for a in f.agencies for r in figures.per_procedure(a.pk, f.period, f.channel, f.procedures)]
    return len(table), ([a.name, r["name"], names.get(r["procedure_id"], ""),
                         *(_blank(r.get(key)) for _, key in AGENCY_FIGURES[:7])] for a, r in table)


def _dossier_rows(queryset, f) -> tuple[int, Iterator[list]]:
    count = min(queryset.count(), MAX_ROWS)
    rows = queryset.values_list("code", "procedure_version__procedure__code", "procedure_version__name",
                                "receiving_agency__name", "channel", "state", "received_at", "due_at",
                                "resolved_at", "apologized_at", "timeliness")[:MAX_ROWS]
    states = dict(Dossier._meta.get_field("state").choices)
    timeliness = dict(Dossier._meta.get_field("timeliness").choices)

    def write():
        for (code, procedure, name, agency, channel, state, received, due, resolved, apologized,
             timely) in rows.iterator(chunk_size=2000):
            yield [code, procedure, name, agency, Channel(channel).label, states.get(state, state), _local(received),
                   _local(due), _local(resolved), _local(apologized), timeliness.get(timely, "")]

    return count, write()


DOSSIER_COLUMNS = ("Mã hồ sơ", "Mã thủ tục", "Thủ tục", "Nơi tiếp nhận", "Hình thức nộp", "Trạng thái",
                   "Ngày tiếp nhận", "Hạn trả kết quả", "Ngày có kết quả", "Ngày xin lỗi, hẹn lại", "Tiến độ")


def _received(f):
    """The dossiers behind the figures: received in the period (the drill-down's last level)."""
    from datetime import datetime, time

    start = timezone.make_aware(datetime.combine(f.period.start, time.min))
    end = timezone.make_aware(datetime.combine(f.period.end, time.max))
    return _dossier_rows(lists._dossiers(f).filter(received_at__gte=start, received_at__lte=end)
                         .order_by("-received_at", "-pk"), f)


def _report_rows(reports: Iterable) -> Iterator[list]:
    for r in reports:
        yield [r.pk, r.category.name, r.agency.name if r.agency_id else "Trung tâm điều phối", r.get_status_display(),
               _local(r.created_at), _local(r.due_at), r.reopen_count, r.address]


REPORT_COLUMNS = ("Số phản ánh", "Lĩnh vực", "Đơn vị xử lý", "Trạng thái", "Ngày gửi", "Hạn xử lý", "Số lần mở lại",
                  "Địa điểm")


def _units(f):
    rows = figures.reports_per_unit(f.units, f.period)
    return len(rows), ([r["name"], r["answered"], r["on_time"], _blank(r["on_time_rate"]),
                        _blank(r["average_hours"]), r["open"], r["overdue"], r["reopened"], _blank(r["rating"]),
                        r["ratings"]] for r in rows)


def _trend(f):
    rows = figures.trend(f.ids, f.period, f.channel, f.procedures)
    return len(rows), ([f"{r['day']:%d/%m/%Y}", r["received"], r["resolved"]] for r in rows)


def _channels(f):
    found = figures.by_channel(f.ids, f.period, f.procedures)
    return len(Channel.choices), ([label, found.get(value, 0)] for value, label in Channel.choices)


def _ratio(score):
    if score.ratio is None:
        return ""
    return round(score.ratio, 1) if score.indicator.measure == "average_days" else round(100 * score.ratio, 1)


def _index_766(f):
    from ioc import index766

    _, found = index766.scores(f.ids, f.period)
    return len(found), ([s.indicator.group, s.indicator.code, s.indicator.name, s.indicator.get_source_display(),
                         _blank(s.numerator), _blank(s.denominator),
                         _ratio(s),
                         "" if s.points is None else float(s.points), float(s.indicator.max_points)] for s in found)


TABLES = {t.slug: t for t in (
    Table("co-quan", "Số liệu giải quyết thủ tục hành chính theo cơ quan", ("Cơ quan", *(c for c, _ in AGENCY_FIGURES)),
          _agencies),
    Table("thu-tuc", "Số liệu giải quyết theo cơ quan và thủ tục",
          ("Cơ quan", "Mã thủ tục", "Thủ tục", *(c for c, _ in AGENCY_FIGURES[:7])), _procedures),
    Table("ho-so", "Hồ sơ tiếp nhận trong kỳ", DOSSIER_COLUMNS, _received),
    Table("qua-han", "Hồ sơ đang quá hạn", DOSSIER_COLUMNS,
          lambda f: _dossier_rows(lists.overdue_dossiers(f), f)),
    Table("sap-den-han", "Hồ sơ sắp đến hạn (hôm nay và 2 ngày tới)", DOSSIER_COLUMNS,
          lambda f: _dossier_rows(lists.due_soon_dossiers(f), f)),
    Table("xin-loi", "Hồ sơ đã xin lỗi, hẹn lại ngày trả kết quả trong kỳ", DOSSIER_COLUMNS,
          lambda f: _dossier_rows(lists.apology_dossiers(f), f)),
    Table("theo-ngay", "Hồ sơ tiếp nhận và giải quyết theo ngày", ("Ngày", "Tiếp nhận", "Giải quyết"), _trend),
    Table("hinh-thuc", "Hồ sơ tiếp nhận theo hình thức nộp", ("Hình thức nộp", "Hồ sơ"), _channels),
    Table("phan-anh-don-vi", "Phản ánh hiện trường theo đơn vị xử lý",
          ("Đơn vị", "Đã trả lời", "Trả lời đúng hạn", "Tỷ lệ đúng hạn (%)", "Thời gian trả lời TB (giờ)",
           "Đang xử lý", "Đang quá hạn", "Mở lại", "Hài lòng (/5)", "Lượt đánh giá"), _units),
    Table("phan-anh-qua-han-3-lan", "Phản ánh quá ba lần thời hạn xử lý", REPORT_COLUMNS,
          lambda f: (None, _report_rows(lists.far_overdue_reports(f.units)))),
    Table("phan-anh-mo-lai", "Phản ánh bị người phản ánh mở lại, đang xử lý", REPORT_COLUMNS,
          lambda f: (lists.reopened_reports(f.units).count(),
                            _report_rows(lists.reopened_reports(f.units).iterator(chunk_size=1000)))),
    Table("danh-gia-co-quan", "Đánh giá của người dân theo cơ quan (Thông tư 01/2018/TT-VPCP)",
          ("Cơ quan", *scoring_tables.COLUMNS), scoring_tables.agencies),
    Table("danh-gia-can-bo", "Đánh giá của người dân theo cán bộ tiếp nhận",
          ("Cơ quan", "Cán bộ", *scoring_tables.COLUMNS), scoring_tables.officers),
    Table("chi-so-cchc", "Chỉ số cải cách hành chính: kết quả, xếp hạng và điểm mất theo lĩnh vực",
          parindex_tables.columns, parindex_tables.ranking),
    Table("chi-so-766", "Bộ chỉ số 766 (dự báo từ số liệu của hệ thống)",
          ("Nhóm", "Mã", "Chỉ số", "Nguồn dữ liệu", "Tử số", "Mẫu số", "Tỷ lệ (%, hoặc số ngày với 2.2)", "Điểm",
           "Điểm tối đa"),
          _index_766),
)}
