"""Folded search columns (case, accents, quotes) on every initiative, filled for the
rows already there, and the PostgreSQL vectors made anew from them, learning
outcomes included (see learning/search.py)."""

from django.db import migrations, models

from learning import search


def fill(apps, schema_editor):
    initiative = apps.get_model("learning", "Initiative")
    search.refresh(initiative.objects.all())


class Migration(migrations.Migration):
    dependencies = [("learning", "0008_evaluation_follow_up_failures")]

    operations = [
        migrations.AddField(
            model_name="initiative",
            name="search_description",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.AddField(
            model_name="initiative",
            name="search_summary",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.AddField(
            model_name="initiative",
            name="search_title",
            field=models.TextField(blank=True, default="", editable=False),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
