"""The audit chain is keyed (HMAC under settings.AUDIT_KEY) and each event fingerprints the
dossier row it leaves (workflow/chain.py). Chains written before are verified and rehashed
(workflow/rekey.py); a broken one is left as it is, to be reported."""

from django.db import migrations, models

LEGACY_FIELDS = (
    "dossier_id", "seq", "action", "actor_id", "actor_name", "agency_id", "at", "from_state", "to_state",
    "from_status", "to_status", "from_step_id", "to_step_id", "due_at", "step_due_at", "step_timeliness", "data",
    "idempotency_key",
)


def rekey(apps, schema_editor):
    from dossiers.machine import DOSSIER
    from workflow.rekey import rekey_chains

    rekey_chains(apps.get_model("dossiers", "DossierEvent"), apps.get_model("dossiers", "Dossier"), "dossier",
                 LEGACY_FIELDS, (*LEGACY_FIELDS, "row_digest"), DOSSIER.legacy_row_fields[1])


class Migration(migrations.Migration):
    dependencies = [("dossiers", "0004_evaluation")]

    operations = [
        migrations.AddField("dossierevent", "row_digest", models.CharField(blank=True, max_length=64)),
        migrations.RunPython(rekey, migrations.RunPython.noop),
    ]
