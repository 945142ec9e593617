"""Decision 766 indicators the document store lets us compute, in the seeded definitions: 4.2
dossiers with digitized components, 4.3 dossiers reusing digitized data (both over the dossiers
received), 4.x communes certifying electronic copies of originals (over the communes)."""

from django.db import migrations

MEASURES = {
    "4.2": ("digitized_components", "Hồ sơ tiếp nhận trong kỳ có thành phần được số hóa",
            "Hồ sơ tiếp nhận trong kỳ"),
    "4.3": ("reused_data", "Hồ sơ tiếp nhận trong kỳ có thành phần dùng lại dữ liệu số hóa", "Hồ sơ tiếp nhận trong kỳ"),
    "4.x": ("certified_copies", "Xã, phường đã chứng thực bản sao điện tử từ bản chính trong kỳ", "Xã, phường"),
}


def measure(apps, schema_editor):
    Indicator = apps.get_model("ioc", "IndexIndicator")
    for code, (name, numerator, denominator) in MEASURES.items():
        Indicator.objects.filter(version__code="qd766-cong-dvcqg-2026", code=code, measure="").update(
            source="own", measure=name, numerator=numerator, denominator=denominator)


class Migration(migrations.Migration):
    dependencies = [("documents", "0001_initial"), ("ioc", "0004_seed_index_766")]

    operations = [migrations.RunPython(measure, migrations.RunPython.noop)]
