"""The dashboard's charts: Vega-Lite specifications built with Altair and rendered to SVG on
the server by vl-convert (no browser-side library, nothing fetched). Each chart sits beside a
table with the same numbers, and its image carries a text alternative."""

from __future__ import annotations

from functools import cache

import altair as alt
import vl_convert

from dossiers.forms import fonts

WIDTH = 560
FONT = "system-ui, 'Noto Sans', Arial, sans-serif"


def _svg(chart: alt.Chart, fmt: str = "svg"):
    """SVG text for the page; PNG bytes for the PDF report, drawn with the report's own font
    (the PDF has no browser to find one with Vietnamese letters)."""
    if fmt == "png":
        _fonts_registered()
        spec = chart.configure(font=fonts.FAMILY_NAME).configure_view(stroke=None).to_dict()
        return vl_convert.vegalite_to_png(spec, scale=2)
    spec = chart.configure(font=FONT).configure_view(stroke=None).to_dict()
    return vl_convert.vegalite_to_svg(spec)


@cache
def _fonts_registered() -> None:
    vl_convert.register_font_directory(str(fonts.font_path("").parent))


def _nothing(fmt: str = "svg"):
    """An empty chart says so (Vega would size an empty time axis to infinity)."""
    chart = alt.Chart(alt.Data(values=[{"t": "Chưa có số liệu trong kỳ"}])).mark_text(fontSize=13).encode(
        text="t:N").properties(width=WIDTH, height=40)
    return _svg(chart, fmt)


def trend(rows: list[dict], fmt: str = "svg"):
    """Received and resolved per day."""
    values = [{"day": r["day"].isoformat(), "n": r[key], "what": label}
              for r in rows for key, label in (("received", "Tiếp nhận"), ("resolved", "Giải quyết"))]
    if not values:
        return _nothing(fmt)
    chart = alt.Chart(alt.Data(values=values)).mark_line(point=True).encode(
        # One tick a day at most: a short period would otherwise repeat the date every few hours.
        x=alt.X("day:T", title="Ngày", axis=alt.Axis(format="%d/%m", tickMinStep=86_400_000)),
        y=alt.Y("n:Q", title="Hồ sơ"),
        color=alt.Color("what:N", title=None, scale=alt.Scale(range=["#1d4ed8", "#166534"])),
    ).properties(width=WIDTH, height=220)
    return _svg(chart, fmt)


def channels(pairs: list[tuple[str, int]], fmt: str = "svg"):
    values = [{"channel": label, "n": n} for label, n in pairs]
    if not any(n for _, n in pairs):
        return _nothing(fmt)
    chart = alt.Chart(alt.Data(values=values)).mark_bar(color="#9b1c1c").encode(
        y=alt.Y("channel:N", title=None, sort=None), x=alt.X("n:Q", title="Hồ sơ tiếp nhận"),
    ).properties(width=WIDTH - 160, height=110)
    return _svg(chart, fmt)


def on_time(rows: list[dict], limit: int = 15, fmt: str = "svg"):
    """The on-time rate of the agencies with most dossiers resolved."""
    top = sorted((r for r in rows if r.get("on_time_rate") is not None), key=lambda r: -r["resolved"])[:limit]
    values = [{"name": r["agency"].short_name or r["agency"].name[:40], "value": r["on_time_rate"]} for r in top]
    return _top_bars(values, "Tỷ lệ đúng hạn (%)", "#166534", [0, 100], fmt)


def _top_bars(values: list[dict], title: str, color: str, domain=None, fmt: str = "svg"):
    """Horizontal bars, one per agency or unit, longest first."""
    if not values:
        return _nothing(fmt)
    scale = alt.Scale(domain=domain) if domain else alt.Undefined
    chart = alt.Chart(alt.Data(values=values)).mark_bar(color=color).encode(
        y=alt.Y("name:N", title=None, sort="-x"), x=alt.X("value:Q", title=title, scale=scale),
    ).properties(width=WIDTH - 200, height=max(60, 22 * len(values)))
    return _svg(chart, fmt)


def satisfaction(rows: list[dict], limit: int = 15, fmt: str = "svg"):
    """Applicants' satisfaction (Circular 01/2018 scores) of the agencies scored most often."""
    top = sorted((r for r in rows if r.get("satisfaction") is not None), key=lambda r: -r["evaluations"])[:limit]
    values = [{"name": r["agency"].short_name or r["agency"].name[:40], "value": r["satisfaction"]} for r in top]
    return _top_bars(values, "Mức hài lòng (%)", "#1d4ed8", [0, 100], fmt)


def answer_time(units: list[dict], limit: int = 15, fmt: str = "svg"):
    """Field reports: the average time from submission to answer of the units answering most."""
    top = sorted((u for u in units if u.get("average_hours") is not None), key=lambda u: -u["answered"])[:limit]
    values = [{"name": u["name"][:40], "value": u["average_hours"]} for u in top]
    return _top_bars(values, "Thời gian trả lời trung bình (giờ)", "#b45309", fmt=fmt)


def series(rows: list[dict], x: str, y: str, x_title: str, y_title: str, domain=None, fmt: str = "svg"):
    """One measure over time (a month, a year, a survey): the trends of the scoring, PAR INDEX
    and SIPAS pages. `rows` hold the label of each point in `x` and its value in `y`."""
    values = [{"x": str(r[x]), "y": r[y]} for r in rows if r.get(y) is not None]
    if not values:
        return _nothing(fmt)
    scale = alt.Scale(domain=domain) if domain else alt.Undefined
    chart = alt.Chart(alt.Data(values=values)).mark_line(point=True, color="#1d4ed8").encode(
        x=alt.X("x:O", title=x_title, sort=None), y=alt.Y("y:Q", title=y_title, scale=scale),
    ).properties(width=WIDTH - 120, height=200)
    return _svg(chart, fmt)
