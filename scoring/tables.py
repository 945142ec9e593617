"""The scoring tables as the operations centre's exports write them (ioc/tables.py registers
them): per agency, and per officer of every agency in the filters."""

from __future__ import annotations

from dossiers.evaluation import CRITERIA
from scoring import figures

COLUMNS = ("Lượt đánh giá", "Điểm trung bình (/18)", "Xếp loại", *(label for _, label in CRITERIA))


def _figures(r: dict) -> list:
    return [r["evaluations"], r["average"], r["band"], *(c["average"] for c in r["criteria"])]


def agencies(f):
    rows = figures.per_agency(f.agencies, f.period)
    return len(rows), ([r["agency"].name, *_figures(r)] for r in rows)


def officers(f):
    table = [(a, r) for a in f.agencies for r in figures.per_officer(a.pk, f.period)]
    return len(table), ([a.name, r["name"], *_figures(r)] for a, r in table)
