"""Field-report answer time (ReportFlow.answer_seconds), filled here from the events already
applied, as ioc/reports.py counts them; and the Excel exports built by the workers."""

from collections import Counter

import django.db.models.deletion
import motcua.private_storage
from django.conf import settings
from django.db import migrations, models
from django.db.models import Exists, F, OuterRef
from django.utils import timezone

ANSWERED = ("resolved", "rejected")


def fill(apps, schema_editor):
    Event = apps.get_model("fieldreports", "ReportEvent")
    Flow = apps.get_model("ioc", "ReportFlow")
    Track = apps.get_model("ioc", "ReportTrack")
    seconds = Counter()
    # Only the answers the projection has applied; it adds the others' time when it applies them.
    applied = Exists(Track.objects.filter(report_id=OuterRef("report_id"), seq__gte=OuterRef("seq")))
    answers = (Event.objects.filter(applied, to_status__in=ANSWERED).exclude(from_status__in=ANSWERED)
               .values_list("created_at", "report__created_at", "to_agency_id", "from_agency_id",
                            "report__category_id"))
    for at, submitted, to_unit, from_unit, category in answers.iterator(chunk_size=5000):
        key = (timezone.localdate(at), to_unit or from_unit, category)
        seconds[key] += max(0, int((at - submitted).total_seconds()))
    for (day, unit, category), total in seconds.items():
        row = Flow.objects.filter(day=day, agency_id=unit, category_id=category).order_by("pk").first()
        if row is not None:
            Flow.objects.filter(pk=row.pk).update(answer_seconds=F("answer_seconds") + total)


class Migration(migrations.Migration):

    dependencies = [
        ('fieldreports', '0001_initial'),
        ('ioc', '0005_processing_time_distribution'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='reportflow',
            name='answer_seconds',
            field=models.BigIntegerField(default=0, verbose_name='tổng thời gian trả lời (giây)'),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.CreateModel(
            name='Export',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('table', models.CharField(max_length=40, verbose_name='bảng')),
                ('params', models.CharField(blank=True, max_length=500, verbose_name='bộ lọc')),
                ('status', models.CharField(choices=[('queued', 'Đang chờ'), ('running', 'Đang xuất'), ('done', 'Hoàn tất'), ('failed', 'Không thành công')], default='queued', max_length=10, verbose_name='trạng thái')),
                ('rows_done', models.PositiveIntegerField(default=0, verbose_name='số dòng đã ghi')),
                ('rows_total', models.PositiveIntegerField(null=True, verbose_name='tổng số dòng')),
                ('file', models.FileField(blank=True, max_length=200, storage=motcua.private_storage.private_storage, upload_to='exports/%Y/%m/', verbose_name='tệp')),
                ('filename', models.CharField(blank=True, max_length=200, verbose_name='tên tệp')),
                ('error', models.CharField(blank=True, max_length=300, verbose_name='lỗi')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='lúc yêu cầu')),
                ('finished_at', models.DateTimeField(blank=True, null=True, verbose_name='lúc xong')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người xuất')),
            ],
            options={
                'verbose_name': 'tệp xuất số liệu',
                'verbose_name_plural': 'tệp xuất số liệu',
                'indexes': [models.Index(fields=['user', '-created_at'], name='ioc_export_user_id_9df8cb_idx')],
            },
        ),
    ]
