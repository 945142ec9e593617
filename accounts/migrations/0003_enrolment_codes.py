"""Enrolment codes for the second factor; integration accounts hold no personal roles."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def no_personal_roles_for_systems(apps, schema_editor):
    """An integration account never leads or administers (accounts/services.py PERSONAL_ROLES)."""
    Membership = apps.get_model("accounts", "Membership")
    Membership.objects.filter(user__kind="integration", role__in=("leader", "agency_admin")).update(is_active=False)


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0002_api_tokens'),
    ]

    operations = [
        migrations.CreateModel(
            name='EnrolmentCode',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('code_hash', models.CharField(max_length=64)),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='lúc cấp')),
                ('expires_at', models.DateTimeField(verbose_name='hết hạn')),
                ('used_at', models.DateTimeField(blank=True, null=True, verbose_name='lúc dùng')),
                ('issued_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người cấp')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='người dùng')),
            ],
            options={
                'verbose_name': 'mã kích hoạt xác thực hai lớp',
                'verbose_name_plural': 'mã kích hoạt xác thực hai lớp',
            },
        ),
        migrations.RunPython(no_personal_roles_for_systems, migrations.RunPython.noop),
    ]
