"""Field-report events join the kernel's hash chain (workflow/chain.py): each event gets its
number in the report's log and its hash, computed here for the events already stored, in
their order of creation; each report keeps the tail of its chain."""

from django.db import migrations, models


# The fields hashed then; 0004 keys the chain and adds the row fingerprint.
HASHED_FIELDS = (
    "report_id", "seq", "action", "actor_id", "from_status", "to_status", "from_agency_id", "to_agency_id",
    "reason", "due_at", "data", "idempotency_key", "created_at",
)


def chain_existing(apps, schema_editor):
    from workflow.chain import legacy_event_hash

    Report = apps.get_model("fieldreports", "Report")
    ReportEvent = apps.get_model("fieldreports", "ReportEvent")
    tails = {}
    for event in ReportEvent.objects.order_by("report_id", "created_at", "pk").iterator():
        count, prev = tails.get(event.report_id, (0, ""))
        event.seq, event.prev_hash = count + 1, prev
        event.hash = legacy_event_hash(event, prev, HASHED_FIELDS)
        ReportEvent.objects.filter(pk=event.pk).update(seq=event.seq, prev_hash=event.prev_hash, hash=event.hash)
        tails[event.report_id] = (event.seq, event.hash)
    for report_id, (count, last) in tails.items():
        Report.objects.filter(pk=report_id).update(event_count=count, last_event_hash=last)


class Migration(migrations.Migration):
    dependencies = [("fieldreports", "0002_outcome_escalated_at_private_photos")]

    operations = [
        migrations.AlterModelOptions(name="reportevent", options={
            "ordering": ["report", "seq"], "verbose_name": "sự kiện xử lý", "verbose_name_plural": "sự kiện xử lý"}),
        migrations.AddField("report", "event_count", models.PositiveIntegerField(default=0, editable=False)),
        migrations.AddField("report", "last_event_hash", models.CharField(blank=True, editable=False, max_length=64)),
        migrations.AddField("reportevent", "data", models.JSONField(blank=True, default=dict)),
        migrations.AddField("reportevent", "seq", models.PositiveIntegerField(default=0, verbose_name="số thứ tự"),
                            preserve_default=False),
        migrations.AddField("reportevent", "prev_hash", models.CharField(blank=True, max_length=64)),
        migrations.AddField("reportevent", "hash", models.CharField(default="", max_length=64),
                            preserve_default=False),
        migrations.RunPython(chain_existing, migrations.RunPython.noop),
        migrations.AddConstraint("reportevent", models.UniqueConstraint(fields=("report", "seq"),
                                                                       name="unique_report_event_seq")),
    ]
