"""Indicators 3.5b and 3.6 of the Decision 766 index are computed from the payments app's data
(payments.Obligation) from now on, in the versions that still had them as not collected."""

from django.db import migrations

MEASURES = {"3.5b": "procedures_paid_online", "3.6": "dossiers_paid_online"}


def collect(apps, schema_editor):
    Indicator = apps.get_model("ioc", "IndexIndicator")
    for code, measure in MEASURES.items():
        Indicator.objects.filter(code=code, source="not_yet").update(source="own", measure=measure)


def uncollect(apps, schema_editor):
    Indicator = apps.get_model("ioc", "IndexIndicator")
    for code, measure in MEASURES.items():
        Indicator.objects.filter(code=code, measure=measure).update(source="not_yet", measure="")


class Migration(migrations.Migration):
    dependencies = [("ioc", "0007_month_rollups"), ("payments", "0001_initial")]
    operations = [migrations.RunPython(collect, uncollect)]
