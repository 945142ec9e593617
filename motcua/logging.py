"""Structured logs: with LOG_FORMAT=json every log record becomes one JSON object on one line.

A province ships the logs of N app servers and M workers to one place (journald, Loki, ELK);
one object per line is what those collectors parse without a per-format grammar, and a
multi-line traceback stays inside its record instead of becoming lines of its own.

Fields: `timestamp` (ISO 8601, UTC), `level`, `logger`, `message`; `method`, `path` and
`status` when the record is about a request (Django's `django.request`, gunicorn's access
log, which adds `duration_ms`); `exception` when one is attached. Query strings and referrers
are left out on purpose: lookups carry citizens' ID numbers and dossier codes in them. So is
gunicorn's client address: behind the proxy it is always the proxy's.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from datetime import UTC, datetime


def _status(value) -> int | None:
    try:
        return int(str(value).split()[0])
    except (ValueError, IndexError):
        return None


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "timestamp": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        # Django passes the request and the status as `extra` (django.request, django.server);
        # django.server's "request" is the socket, which has no path.
        request = getattr(record, "request", None)
        if isinstance(getattr(request, "path", None), str):
            entry["method"] = getattr(request, "method", None)
            entry["path"] = request.path
        if getattr(record, "status_code", None) is not None:
            entry["status"] = _status(record.status_code)
        # gunicorn's access log passes its atoms (h, m, U, s, D, …) as the record's mapping.
        # Its formatted line holds the query string and the referrer: rebuilt without them.
        if record.name == "gunicorn.access" and isinstance(record.args, Mapping):
            atoms = record.args
            entry["message"] = f"{atoms.get('m')} {atoms.get('U')} {atoms.get('s')}"
            entry["method"] = atoms.get("m")
            entry["path"] = atoms.get("U")
            entry["status"] = _status(atoms.get("s"))
            if str(atoms.get("D", "")).isdigit():
                entry["duration_ms"] = round(int(atoms["D"]) / 1000, 1)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        # Vietnamese stays readable in the collector; anything odd in `extra` becomes a string.
        return json.dumps(entry, ensure_ascii=False, default=str)


def gunicorn_log_config(level: str = "INFO") -> dict:
    """gunicorn's own logging (`--log-config-json`) in the same JSON lines, master included:
    the master process never loads Django, so Django's LOGGING cannot reach it."""
    formatter = {"()": f"{__name__}.JsonFormatter"}
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"json": formatter},
        "handlers": {
            "stdout": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stdout"},
            "stderr": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"},
        },
        "root": {"level": level, "handlers": ["stderr"]},
        # Not propagated: gunicorn's defaults would print every line twice (its handler and root's).
        "loggers": {
            "gunicorn.error": {"level": level, "handlers": ["stderr"], "propagate": False},
            "gunicorn.access": {"level": "INFO", "handlers": ["stdout"], "propagate": False},
        },
    }
