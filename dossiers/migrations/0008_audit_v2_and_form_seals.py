"""The audit trail's second version (dossiers/machine.py): events name the version of their row
fingerprint, which now also covers the online owner, the assignee and the sweep's alert marks
(users who own or handle a dossier can no longer be deleted, only deactivated); issued forms
are sealed under the audit key, the forms already issued here, as they are now."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def seal(apps, schema_editor):
    from dossiers.integrity import form_seal

    IssuedForm = apps.get_model("dossiers", "IssuedForm")
    for form in IssuedForm.objects.iterator(chunk_size=2000):
        IssuedForm.objects.filter(pk=form.pk).update(seal=form_seal(form))


class Migration(migrations.Migration):

    dependencies = [
        ('dossiers', '0007_apologized_index'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='issuedform',
            name='seal',
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.AlterField(
            model_name='dossier',
            name='assignee',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='assigned_dossiers', to=settings.AUTH_USER_MODEL, verbose_name='người xử lý'),
        ),
        migrations.AlterField(
            model_name='dossier',
            name='submitted_by',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='submitted_dossiers', to=settings.AUTH_USER_MODEL, verbose_name='tài khoản nộp'),
        ),
        migrations.AlterField(
            model_name='dossierevent',
            name='row_digest',
            field=models.CharField(blank=True, max_length=80),
        ),
        migrations.RunPython(seal, migrations.RunPython.noop),
    ]
