"""The push to the national portal (sync/models.py), and Decision 766 indicator 1.4 computed from
it in the seeded definitions: dossiers the portal acknowledged over those received (our own
count; the portal's own denominator, the larger of the two systems' counts, needs its data)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def measure_sync(apps, schema_editor):
    Indicator = apps.get_model("ioc", "IndexIndicator")
    Indicator.objects.filter(version__code="qd766-cong-dvcqg-2026", code="1.4", measure="").update(
        source="own", measure="dossier_sync",
        numerator="Hồ sơ tiếp nhận trong kỳ đã được Cổng Dịch vụ công quốc gia xác nhận đồng bộ",
        denominator="Hồ sơ tiếp nhận trong kỳ (trên hệ thống của tỉnh)")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('ioc', '0004_seed_index_766'),
        ('dossiers', '0008_audit_v2_and_form_seals'),
        ('units', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='PendingSync',
            fields=[
                ('dossier', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='+', serialize=False, to='dossiers.dossier')),
            ],
        ),
        migrations.CreateModel(
            name='SyncState',
            fields=[
                ('dossier', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='sync_state', serialize=False, to='dossiers.dossier', verbose_name='hồ sơ')),
                ('acknowledged_seq', models.PositiveIntegerField(default=0, verbose_name='sự kiện đã đồng bộ')),
                ('created_on_portal', models.BooleanField(default=False, verbose_name='đã có trên Cổng')),
                ('status', models.CharField(choices=[('ok', 'Đã đồng bộ'), ('retrying', 'Đang thử lại'), ('rejected', 'Cổng từ chối, chờ xử lý')], default='ok', max_length=10, verbose_name='tình trạng')),
                ('attempts', models.PositiveIntegerField(default=0, verbose_name='số lần thử')),
                ('next_attempt_at', models.DateTimeField(blank=True, null=True, verbose_name='thử lại lúc')),
                ('last_error', models.TextField(blank=True, verbose_name='lỗi gần nhất')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='cập nhật')),
            ],
            options={
                'verbose_name': 'tình trạng đồng bộ hồ sơ',
                'verbose_name_plural': 'tình trạng đồng bộ hồ sơ',
                'indexes': [models.Index(fields=['status', 'next_attempt_at'], name='sync_syncst_status_79315d_idx')],
            },
        ),
        migrations.CreateModel(
            name='SyncCall',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('seq', models.PositiveIntegerField(verbose_name='sự kiện')),
                ('service', models.CharField(max_length=40, verbose_name='dịch vụ')),
                ('payload', models.JSONField(default=dict, verbose_name='nội dung gửi')),
                ('outcome', models.CharField(choices=[('acknowledged', 'Cổng đã nhận'), ('unreachable', 'Không kết nối được'), ('rejected', 'Cổng từ chối'), ('skipped', 'Bỏ qua (người vận hành)')], max_length=12, verbose_name='kết quả')),
                ('answer', models.TextField(blank=True, verbose_name='trả lời của Cổng')),
                ('at', models.DateTimeField(auto_now_add=True, verbose_name='lúc')),
                ('by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người vận hành')),
                ('dossier', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='sync_calls', to='dossiers.dossier', verbose_name='hồ sơ')),
            ],
            options={
                'verbose_name': 'lượt gửi lên Cổng',
                'verbose_name_plural': 'lượt gửi lên Cổng',
                'indexes': [models.Index(fields=['dossier', 'seq'], name='sync_syncca_dossier_84b2b7_idx'), models.Index(fields=['outcome', 'at'], name='sync_syncca_outcome_9152ef_idx')],
            },
        ),
        migrations.CreateModel(
            name='SyncDay',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('day', models.DateField(verbose_name='ngày tiếp nhận')),
                ('acknowledged', models.IntegerField(default=0, verbose_name='hồ sơ đã đồng bộ')),
                ('agency', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='units.agency')),
            ],
            options={
                'verbose_name': 'hồ sơ đã đồng bộ theo ngày',
                'verbose_name_plural': 'hồ sơ đã đồng bộ theo ngày',
                'constraints': [models.UniqueConstraint(fields=('day', 'agency'), name='unique_sync_day')],
            },
        ),
        migrations.RunPython(measure_sync, migrations.RunPython.noop),
    ]
