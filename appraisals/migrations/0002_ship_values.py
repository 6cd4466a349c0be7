"""Ship the example values (the NHS Constitution's six) and rating scale (appraisals/data/)."""

import json
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data" / "values.json"


def ship(apps, schema_editor):
    value_model = apps.get_model("appraisals", "OrganisationValue")
    level_model = apps.get_model("appraisals", "RatingLevel")
    data = json.loads(DATA.read_text(encoding="utf-8"))
    for order, item in enumerate(data["values"], start=1):
        value_model.objects.get_or_create(name=item["name"], defaults={**item, "order": order})
    for order, item in enumerate(data["rating_scale"], start=1):
        level_model.objects.get_or_create(label=item["label"], defaults={**item, "order": order})


class Migration(migrations.Migration):
    dependencies = [("appraisals", "0001_appraisal_cycles")]
    operations = [migrations.RunPython(ship, migrations.RunPython.noop)]
