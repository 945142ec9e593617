"""The read replica (DATABASE_REPLICA_URL): heavy reads go there only when code asks.

A PostgreSQL streaming replica lags the primary by a moment. A citizen who has just submitted
a dossier, or an officer who has just acted on one, must see it at once, so nothing is read
from the replica by default: every read and every write goes to `default`. Code that can live
with a few seconds of lag — the operations-centre dashboards and the statistics, which count
and group many rows — reads through the replica explicitly:

    from motcua.dbrouter import reads
    Dossier.objects.using(reads(Dossier)).filter(...).aggregate(...)

`reads()` is "replica" when one is configured, else "default", so the same code runs on a
single database (development, the tests). With a model, it is "replica" only for the models in
REPLICA_READ_MODELS: what the dashboards and statistics read. Everything else (accounts,
sessions, the task queue, the outbox) stays on the primary whatever the caller asks.

Writes always go to `default`; the replica is read-only at the database level anyway. Objects
read from either alias may be related (they are the same rows). Migrations run on `default`
only: the replica receives the schema by replication.
"""

from __future__ import annotations

from django.conf import settings

DEFAULT = "default"
REPLICA = "replica"

# The dashboard and statistics reads (lower-case model labels).
REPLICA_READ_MODELS = frozenset({
    "dossiers.dossier",
    "dossiers.dossierevent",
    "fieldreports.report",
    "fieldreports.reportevent",
    "fieldreports.category",
    "catalogue.field",
    "catalogue.procedure",
    "catalogue.procedureversion",
    "units.administrativeunit",
    "units.agency",
})


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


def reads(model=None) -> str:
    """The database alias a dashboard or statistics read should use."""
    if not replica_configured():
        return DEFAULT
    if model is not None and model._meta.label_lower not in REPLICA_READ_MODELS:
        return DEFAULT
    return REPLICA


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        # None: Django keeps a related object on the alias its parent came from, else default.
        return None

    def db_for_write(self, model, **hints):
        return DEFAULT

    def allow_relation(self, obj1, obj2, **hints):
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT
