"""The distribution of processing times, for the percentiles. Filled here from the dossiers
already resolved, as the projection would have counted them (ioc/projection.py)."""

from collections import Counter

import django.db.models.deletion
from django.db import migrations, models
from django.utils import timezone


def fill(apps, schema_editor):
    from ioc.projection import days_taken

    Dossier = apps.get_model("dossiers", "Dossier")
    Duration = apps.get_model("ioc", "DossierDuration")
    counts = Counter()
    resolved = (Dossier.objects.filter(resolved_at__isnull=False, received_at__isnull=False).exclude(timeliness="")
                .values_list("resolved_at", "received_at", "procedure_version__competent_agency_id",
                             "procedure_version__procedure_id", "channel", "parent_id"))
    for resolved_at, received_at, agency, procedure, channel, parent in resolved.iterator(chunk_size=5000):
        seconds = max(0, int((resolved_at - received_at).total_seconds()))
        counts[(timezone.localdate(resolved_at), agency, procedure, channel, parent is not None,
                days_taken(seconds))] += 1
    Duration.objects.bulk_create(
        [Duration(day=day, agency_id=agency, procedure_id=procedure, channel=channel, linked=linked, days=days,
                  count=n) for (day, agency, procedure, channel, linked, days), n in counts.items()],
        batch_size=2000)


class Migration(migrations.Migration):

    dependencies = [
        ('catalogue', '0002_intake_anywhere'),
        ('dossiers', '0004_evaluation'),
        ('ioc', '0004_seed_index_766'),
        ('units', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='DossierDuration',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('day', models.DateField(verbose_name='ngày')),
                ('channel', models.PositiveSmallIntegerField(verbose_name='hình thức nộp')),
                ('linked', models.BooleanField(default=False, verbose_name='hồ sơ liên thông')),
                ('days', models.PositiveSmallIntegerField(verbose_name='số ngày giải quyết')),
                ('count', models.IntegerField(default=0, verbose_name='số hồ sơ')),
                ('agency', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='units.agency', verbose_name='cơ quan giải quyết')),
                ('procedure', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='catalogue.procedure', verbose_name='thủ tục')),
            ],
            options={
                'verbose_name': 'phân bố thời gian giải quyết',
                'verbose_name_plural': 'phân bố thời gian giải quyết',
                'indexes': [models.Index(fields=['agency', 'day'], name='ioc_dossier_agency__c212bc_idx')],
                'constraints': [models.UniqueConstraint(fields=('day', 'agency', 'procedure', 'channel', 'linked', 'days'), name='unique_dossier_duration')],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
