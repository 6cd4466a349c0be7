"""The catalogue stamp: cached counts and result pages are keyed by its token."""

import uuid

from django.db import migrations, models


def create_stamp(apps, schema_editor):
    apps.get_model("learning", "CatalogueStamp").objects.create(pk=1, token=uuid.uuid4().hex)


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0003_shipped_content"),
    ]

    operations = [
        migrations.CreateModel(
            name="CatalogueStamp",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("token", models.CharField(max_length=32)),
            ],
        ),
        migrations.RunPython(create_stamp, migrations.RunPython.noop),
    ]
