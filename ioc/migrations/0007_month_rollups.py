"""Month rows kept with the day rows (a year's figures read twelve rows per key, not 365) and the
open dossiers summed over procedures; filled here from the rows already projected."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import Sum
from django.db.models.functions import TruncMonth

FLOW_COUNTS = ("received", "resolved_early", "resolved_on_time", "resolved_late", "processing_seconds", "returned",
               "refused", "withdrawn", "apologies", "evaluations", "evaluation_points")
KEY = ("agency_id", "procedure_id", "channel", "linked")


def fill(apps, schema_editor):
    def roll(day_model, month_model, extra_key, counts):
        rows = (apps.get_model("ioc", day_model).objects.annotate(month=TruncMonth("day"))
                .values("month", *KEY, *extra_key).annotate(**{f"sum_{c}": Sum(c) for c in counts}).order_by())
        month = apps.get_model("ioc", month_model)
        month.objects.bulk_create(
            (month(month=r["month"], **{k: r[k] for k in (*KEY, *extra_key)}, **{c: r[f"sum_{c}"] for c in counts})
             for r in rows.iterator(chunk_size=5000)), batch_size=2000)

    roll("DossierFlow", "DossierFlowMonth", (), FLOW_COUNTS)
    roll("DossierDuration", "DossierDurationMonth", ("days",), ("count",))
    opens = (apps.get_model("ioc", "DossierOpen").objects.values("agency_id", "due_day", "paused")
             .annotate(total=Sum("count")).order_by())
    agency = apps.get_model("ioc", "DossierOpenAgency")
    agency.objects.bulk_create((agency(agency_id=r["agency_id"], due_day=r["due_day"], paused=r["paused"],
                                       count=r["total"]) for r in opens.iterator(chunk_size=5000) if r["total"]),
                               batch_size=2000)


class Migration(migrations.Migration):

    dependencies = [
        ('catalogue', '0002_intake_anywhere'),
        ('ioc', '0006_answer_time_and_exports'),
        ('units', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='DossierDurationMonth',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('channel', models.PositiveSmallIntegerField(verbose_name='hình thức nộp')),
                ('linked', models.BooleanField(default=False, verbose_name='hồ sơ liên thông')),
                ('days', models.PositiveSmallIntegerField(verbose_name='số ngày giải quyết')),
                ('count', models.IntegerField(default=0, verbose_name='số hồ sơ')),
                ('month', models.DateField(verbose_name='tháng')),
                ('agency', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='units.agency', verbose_name='cơ quan giải quyết')),
                ('procedure', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='catalogue.procedure', verbose_name='thủ tục')),
            ],
            options={
                'verbose_name': 'phân bố thời gian giải quyết theo tháng',
                'verbose_name_plural': 'phân bố thời gian giải quyết theo tháng',
                'indexes': [models.Index(fields=['agency', 'month'], name='ioc_dossier_agency__a0a264_idx')],
                'constraints': [models.UniqueConstraint(fields=('month', 'agency', 'procedure', 'channel', 'linked', 'days'), name='unique_dossier_duration_month')],
            },
        ),
        migrations.CreateModel(
            name='DossierFlowMonth',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('channel', models.PositiveSmallIntegerField(verbose_name='hình thức nộp')),
                ('linked', models.BooleanField(default=False, verbose_name='hồ sơ liên thông')),
                ('received', models.IntegerField(default=0, verbose_name='tiếp nhận')),
                ('resolved_early', models.IntegerField(default=0, verbose_name='giải quyết trước hạn')),
                ('resolved_on_time', models.IntegerField(default=0, verbose_name='giải quyết đúng hạn')),
                ('resolved_late', models.IntegerField(default=0, verbose_name='giải quyết quá hạn')),
                ('processing_seconds', models.BigIntegerField(default=0, verbose_name='tổng thời gian giải quyết (giây)')),
                ('returned', models.IntegerField(default=0, verbose_name='trả kết quả')),
                ('refused', models.IntegerField(default=0, verbose_name='từ chối')),
                ('withdrawn', models.IntegerField(default=0, verbose_name='rút hồ sơ')),
                ('apologies', models.IntegerField(default=0, verbose_name='xin lỗi, hẹn lại')),
                ('evaluations', models.IntegerField(default=0, verbose_name='lượt đánh giá')),
                ('evaluation_points', models.IntegerField(default=0, verbose_name='tổng điểm đánh giá')),
                ('month', models.DateField(verbose_name='tháng')),
                ('agency', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='units.agency', verbose_name='cơ quan giải quyết')),
                ('procedure', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='catalogue.procedure', verbose_name='thủ tục')),
            ],
            options={
                'verbose_name': 'số liệu hồ sơ theo tháng',
                'verbose_name_plural': 'số liệu hồ sơ theo tháng',
                'indexes': [models.Index(fields=['agency', 'month'], name='ioc_dossier_agency__7c74a0_idx')],
                'constraints': [models.UniqueConstraint(fields=('month', 'agency', 'procedure', 'channel', 'linked'), name='unique_dossier_flow_month')],
            },
        ),
        migrations.CreateModel(
            name='DossierOpenAgency',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('due_day', models.DateField()),
                ('paused', models.BooleanField(default=False)),
                ('count', models.IntegerField(default=0)),
                ('agency', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='units.agency')),
            ],
            options={
                'constraints': [models.UniqueConstraint(fields=('agency', 'due_day', 'paused'), name='unique_dossier_open_agency')],
            },
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
