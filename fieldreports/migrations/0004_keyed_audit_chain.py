"""The audit chain is keyed (HMAC under settings.AUDIT_KEY) and each event fingerprints the
report row it leaves (workflow/chain.py). Chains written before are verified and rehashed
(workflow/rekey.py); a broken one is left as it is, to be reported."""

from django.db import migrations, models

LEGACY_FIELDS = (
    "report_id", "seq", "action", "actor_id", "from_status", "to_status", "from_agency_id", "to_agency_id",
    "reason", "due_at", "data", "idempotency_key", "created_at",
)


def rekey(apps, schema_editor):
    from fieldreports.machine import REPORT
    from workflow.rekey import rekey_chains

    rekey_chains(apps.get_model("fieldreports", "ReportEvent"), apps.get_model("fieldreports", "Report"), "report",
                 LEGACY_FIELDS, (*LEGACY_FIELDS, "row_digest"), REPORT.legacy_row_fields[1])


class Migration(migrations.Migration):
    dependencies = [("fieldreports", "0003_chained_events")]

    operations = [
        migrations.AddField("reportevent", "row_digest", models.CharField(blank=True, max_length=64)),
        migrations.RunPython(rekey, migrations.RunPython.noop),
    ]
