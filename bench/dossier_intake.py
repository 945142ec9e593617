"""Benchmark: counter intake (submit + receive) on PostgreSQL, next to the raw write limit.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/dossier_intake.py

Builds a throw-away test database, then in the same run measures
  1. motcua: dossiers.actions.submit + receive per dossier in one transaction, as the counter
     intake of the API does (code, due time from the working calendar, first step and its due
     time, two hash-chained events, the projection, and the outbox: the task that tells the
     applicant, written in the same transaction), and
  2. the raw limit: the same rows (counter upsert, dossier row, two event rows, one task row)
     written with plain SQL through psycopg, one transaction per dossier,
alternating the two in rounds, and prints the median rate of each and their ratio.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import secrets
import statistics
import sys
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "motcua.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402


def setup_world():
    from accounts.models import User
    from accounts.roles import Role
    from accounts.services import grant_role
    from catalogue.specs import write_spec
    from tests.catalogue.conftest import building_permit_spec
    from units.models import AdministrativeUnit, Agency

    province = AdministrativeUnit.objects.create(code="46", name="Thành phố Huế", division_type="thành phố",
                                                 codename="hue", level="province")
    agency = Agency.objects.create(code="000.00.20.H57", name="Sở Xây dựng", kind="department", unit=province)
    raw_agency = Agency.objects.create(code="000.00.21.H57", name="Sở Y tế", kind="department", unit=province)
    officer = User.objects.create_user("hoa", password="bench-password-123", kind="staff", full_name="Trần Thị Hòa")
    grant_role(officer, agency, Role.COUNTER_OFFICER)
    version = write_spec(building_permit_spec(agency))
    return version, officer, raw_agency


def run_motcua(version, officer, count: int) -> float:
    from django.db import transaction

    from dossiers import actions
    from dossiers.actions import Applicant
    from dossiers.models import Channel

    applicant = Applicant("citizen", "046190000123", "Nguyễn Thị Lan", "12 Lê Lợi", "0905123456", "lan@example.vn")
    start = time.perf_counter()
    for _ in range(count):
        with transaction.atomic():
            dossier = actions.submit(version, applicant, officer, channel=Channel.COUNTER).dossier
            actions.receive(dossier, officer)
    return time.perf_counter() - start


def run_raw(version, officer, agency, count: int) -> float:
    import psycopg

    settings = connection.settings_dict
    conninfo = psycopg.conninfo.make_conninfo(
        dbname=settings["NAME"], user=settings["USER"] or None, host=settings["HOST"] or None,
        port=settings["PORT"] or None, password=settings["PASSWORD"] or None,
    )
    step_id = version.steps.order_by("order").values_list("pk", flat=True).first()
    today = datetime.now(UTC).date()
    with psycopg.connect(conninfo) as conn:
        start = time.perf_counter()
        for _ in range(count):
            now = datetime.now(UTC)
            with conn.transaction():
                last = conn.execute(
                    "INSERT INTO dossiers_dossiercounter (agency_id, day, last) VALUES (%s, %s, 1) "
                    "ON CONFLICT (agency_id, day) DO UPDATE SET last = dossiers_dossiercounter.last + 1 "
                    "RETURNING last", (agency.pk, today)).fetchone()[0]
                code = f"{agency.code}-{today:%y%m%d}-{last:04d}"
                # The engine's chain is an HMAC per event and a row fingerprint; one hash each here.
                h1 = hashlib.sha256(f"submit{code}".encode()).hexdigest()
                h2 = hashlib.sha256(f"receive{code}{h1}".encode()).hexdigest()
                row = hashlib.sha256(f"row{code}{h2}".encode()).hexdigest()
                dossier_id = conn.execute(
                    "INSERT INTO dossiers_dossier (code, lookup_secret, procedure_version_id, channel, "
                    "applicant_kind, applicant_id_number, applicant_name, applicant_name_search, applicant_address, "
                    "applicant_phone, applicant_email, representative_name, representative_id_number, "
                    "receiving_agency_id, current_agency_id, state, status, current_step_id, submitted_at, "
                    "received_at, due_at, statutory_due_at, step_started_at, step_due_at, timeliness, "
                    "event_count, last_event_hash, created_at, updated_at) VALUES (%s, %s, %s, 1, 'citizen', "
                    "'046190000123', 'Nguyễn Thị Lan', 'nguyen thi lan', '12 Lê Lợi', '0905123456', "
                    "'lan@example.vn', '', '', %s, %s, 'received', 2, %s, %s, %s, %s, %s, %s, %s, '', 2, %s, %s, %s) "
                    "RETURNING id",
                    (code, secrets.token_hex(4), version.pk, agency.pk, agency.pk, step_id, now, now, now, now, now,
                     now, h2, now, now)).fetchone()[0]
                for seq, action, prev, digest, from_state, to_state, from_status, to_status in (
                    (1, "submit", "", h1, "", "submitted", None, 1),
                    (2, "receive", h1, h2, "submitted", "received", 1, 2),
                ):
                    conn.execute(
                        "INSERT INTO dossiers_dossierevent (dossier_id, seq, action, actor_id, actor_name, agency_id, "
                        "at, from_state, to_state, from_status, to_status, to_step_id, due_at, step_due_at, "
                        "step_timeliness, data, prev_hash, hash, row_digest) VALUES (%s, %s, %s, %s, 'Trần Thị Hòa', "
                        "%s, %s, %s, %s, %s, %s, %s, %s, %s, '', '{}', %s, %s, %s)",
                        (dossier_id, seq, action, officer.pk, agency.pk, now, from_state, to_state, from_status,
                         to_status, step_id, now, now, prev, digest, row))
                conn.execute(
                    "INSERT INTO django_tasks_database_dbtaskresult (id, status, enqueued_at, args_kwargs, priority, "
                    "task_path, worker_ids, queue_name, backend_name, run_after, exception_class_path, traceback) "
                    "VALUES (%s, 'READY', %s, %s, 0, 'workflow.outbox.deliver_event', '[]', 'default', 'default', "
                    "'9999-01-01T00:00:00Z', '', '')",
                    (uuid.uuid4(), now, json.dumps({"args": ["dossier", dossier_id], "kwargs": {}})))
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dossiers", type=int, default=500, help="dossiers per round")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("Run on PostgreSQL: DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres …")

    setup_test_environment()  # also swaps in the in-memory e-mail backend: no SMTP or console I/O measured
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        version, officer, raw_agency = setup_world()
        run_motcua(version, officer, 20)  # warm-up: imports, caches, the planner
        run_raw(version, officer, raw_agency, 20)
        motcua_rates, raw_rates = [], []
        for _ in range(args.rounds):  # alternate, so both see the same machine
            motcua_rates.append(args.dossiers / run_motcua(version, officer, args.dossiers))
            raw_rates.append(args.dossiers / run_raw(version, officer, raw_agency, args.dossiers))
        motcua_rate, raw_rate = statistics.median(motcua_rates), statistics.median(raw_rates)
        ratios = sorted(m / r for m, r in zip(motcua_rates, raw_rates, strict=True))
        print(f"PostgreSQL, {args.rounds} rounds of {args.dossiers} dossiers, one at a time (medians)")
        print(f"motcua submit+receive : {motcua_rate:8.1f} dossiers/s ({1000 / motcua_rate:.2f} ms each)")
        print(f"raw SQL, same rows    : {raw_rate:8.1f} dossiers/s ({1000 / raw_rate:.2f} ms each)")
        print(f"ratio motcua / raw    : {motcua_rate / raw_rate:.2f} (rounds: {ratios[0]:.2f}–{ratios[-1]:.2f})")
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
