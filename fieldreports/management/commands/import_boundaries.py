"""`manage.py import_boundaries FILE.geojson [--unit-property code] [--approximate]`

Imports a GeoJSON FeatureCollection of (Multi)Polygons as routing boundaries. A feature whose
`--unit-property` value is an administrative unit code becomes that ward's boundary
(replacing the old one); others become named areas (by `--name-property`).
"""

import json

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from fieldreports.geo import GeometryError, shape_of
from fieldreports.models import Boundary
from units.models import AdministrativeUnit


class Command(BaseCommand):
    help = "Nhập ranh giới (GeoJSON) dùng để phân công phản ánh theo vùng, xã, phường."

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument("--unit-property", default="code")
        parser.add_argument("--name-property", default="name")
        parser.add_argument("--approximate", action="store_true")
        parser.add_argument("--source", default="")

    @transaction.atomic
    def handle(self, *args, path, unit_property, name_property, approximate, source, **options):
        try:
            with open(path, encoding="utf-8") as fh:
                doc = json.load(fh)
        except (OSError, ValueError) as exc:
            raise CommandError(f"Cannot read {path}: {exc}") from None
        features = doc.get("features") if doc.get("type") == "FeatureCollection" else [doc]
        created = updated = 0
        for index, feature in enumerate(features or []):
            geometry = feature.get("geometry", feature)
            try:
                shape_of(geometry)
            except GeometryError as exc:
                raise CommandError(f"Feature {index}: {exc}") from None
            props = feature.get("properties") or {}
            unit = AdministrativeUnit.objects.filter(code=str(props.get(unit_property, ""))).first()
            name = str(props.get(name_property) or (unit.name if unit else f"Vùng {index + 1}"))
            fields = {"name": name, "geometry": geometry, "is_approximate": approximate, "source": source or path}
            if unit:
                _, new = Boundary.objects.update_or_create(unit=unit, defaults=fields)
            else:
                _, new = Boundary.objects.update_or_create(name=name, unit=None, defaults=fields)
            created, updated = created + new, updated + (not new)
        self.stdout.write(f"Boundaries: {created} created, {updated} updated.")
