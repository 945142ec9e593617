"""The restore drill an operator runs, on real data: dossiers with their files and field reports
with photos are backed up by deploy/backup.sh and restored by deploy/restore.sh into a fresh
database; on the copy `verify_events` passes and every dossier, event and file is there."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection

from catalogue.specs import write_spec
from dossiers import actions
from dossiers.files import attach_file
from dossiers.models import Channel, Dossier, DossierEvent, DossierFile
from tests.catalogue.conftest import building_permit_spec
from tests.dossiers.conftest import LAN, pdf_bytes
from tests.workflow.test_crash import database_url

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[1]
PDF = pdf_bytes()


def test_backup_then_restore_gives_a_complete_verified_copy(agency_a, hoa, settings, tmp_path):
    media = tmp_path / "var" / "media"
    settings.MEDIA_ROOT = str(media)
    version = write_spec(building_permit_spec(agency_a))
    for n in range(3):
        dossier = actions.receive(actions.submit(version, LAN, hoa, channel=Channel.COUNTER).dossier, hoa).dossier
        attach_file(dossier, None, SimpleUploadedFile(f"don-{n}.pdf", PDF + str(n).encode()), hoa)
        actions.forward(dossier, hoa)
    private = media.parent / "private"  # dossier files are never under the published MEDIA_ROOT
    files = list(DossierFile.objects.values_list("file", flat=True))
    assert len(files) == 3 and all((private / name).exists() for name in files)
    counts = (Dossier.objects.count(), DossierEvent.objects.count(), DossierFile.objects.count())

    target = f"motcua_restore_{os.getpid()}"
    s = connection.settings_dict
    server = f"postgres://{s['USER']}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/"
    with psycopg.connect(server + "postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{target}"')
        admin.execute(f'CREATE DATABASE "{target}"')
    try:
        env = {"PATH": os.environ["PATH"], "BACKUP_DIR": str(tmp_path / "backups"), "MEDIA_ROOT": str(media)}
        backup = subprocess.run(["bash", "deploy/backup.sh"], cwd=ROOT, capture_output=True, text=True,
                                env={**env, "DATABASE_URL": database_url()})
        assert backup.returncode == 0, backup.stderr
        (made,) = (tmp_path / "backups").iterdir()
        restored = tmp_path / "restored" / "media"
        restore = subprocess.run(["bash", "deploy/restore.sh", str(made)], cwd=ROOT, capture_output=True, text=True,
                                 env={**env, "DATABASE_URL": server + target, "MEDIA_ROOT": str(restored)})
        assert restore.returncode == 0, restore.stderr

        on_copy = {**os.environ, "DATABASE_URL": server + target, "MEDIA_ROOT": str(restored),
                   "MOTCUA_VAR_DIR": str(tmp_path / "copy")}
        verified = subprocess.run([sys.executable, "manage.py", "verify_events"], cwd=ROOT, capture_output=True,
                                  text=True, env=on_copy)
        assert verified.returncode == 0, verified.stderr
        assert "Đã kiểm tra 3 hồ sơ" in verified.stdout and "nhật ký toàn vẹn" in verified.stdout
        with psycopg.connect(server + target) as copy:
            assert tuple(copy.execute(f"SELECT count(*) FROM {table}").fetchone()[0] for table in (
                "dossiers_dossier", "dossiers_dossierevent", "dossiers_dossierfile")) == counts
        for name in files:
            assert (restored.parent / "private" / name).read_bytes() == (private / name).read_bytes(), name
    finally:
        with psycopg.connect(server + "postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{target}" WITH (FORCE)')
