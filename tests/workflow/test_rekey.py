"""Chains written before the audit key existed are keyed by the migrations, unless broken."""

from django.db import connection

from dossiers import actions
from dossiers.machine import DOSSIER
from dossiers.models import Channel, Dossier, DossierEvent
from tests.dossiers.conftest import LAN
from workflow.chain import legacy_event_hash, verify_object
from workflow.rekey import rekey_chains

LEGACY = DossierEvent.HASHED_FIELDS[:-1]  # as they were: without row_digest


def as_before_the_key(dossier):
    """Rewrite the dossier's chain as the unkeyed SHA-256 chain it used to be."""
    prev = ""
    with connection.cursor() as cursor:
        for event in DossierEvent.objects.filter(dossier=dossier).order_by("seq"):
            event.row_digest = ""
            event.hash = legacy_event_hash(event, prev, LEGACY)
            cursor.execute("UPDATE dossiers_dossierevent SET prev_hash=%s, hash=%s, row_digest='' WHERE id=%s",
                           [prev, event.hash, event.pk])
            prev = event.hash
        cursor.execute("UPDATE dossiers_dossier SET last_event_hash=%s WHERE id=%s", [prev, dossier.pk])


def rekey():
    rekey_chains(DossierEvent, Dossier, "dossier", LEGACY, DossierEvent.HASHED_FIELDS, DOSSIER.legacy_row_fields[1])


def test_an_intact_legacy_chain_is_keyed_and_a_broken_one_left_to_be_reported(permit, hoa):
    intact = actions.receive(actions.submit(permit, LAN, hoa, channel=Channel.COUNTER).dossier, hoa).dossier
    tampered = actions.receive(actions.submit(permit, LAN, hoa, channel=Channel.COUNTER).dossier, hoa).dossier
    for dossier in (intact, tampered):
        as_before_the_key(dossier)
        assert verify_object(DOSSIER, dossier), "an unkeyed chain does not verify under the key"
    with connection.cursor() as cursor:
        cursor.execute("UPDATE dossiers_dossierevent SET actor_name='Người khác' WHERE dossier_id=%s AND seq=1",
                       [tampered.pk])
    rekey()
    assert verify_object(DOSSIER, intact) == []
    assert "nội dung đã bị thay đổi" in verify_object(DOSSIER, tampered)[0].reason
