"""The vocabulary and the suggested initiatives every install starts with (learning/data/)."""

from django.db import migrations
from django.utils import timezone

from learning import shipped


def load(apps, schema_editor):
    category = apps.get_model("learning", "LearningCategory")
    direction = apps.get_model("learning", "GrowthDirection")
    level = apps.get_model("learning", "ImpactLevel")
    initiative = apps.get_model("learning", "Initiative")
    now = timezone.now()
    shipped.load_vocabulary(category, direction, level)
    created = shipped.load_initiatives(initiative, category, direction, level, now)
    for model in (category, direction, level):
        history = apps.get_model("learning", f"Historical{model.__name__}")
        shipped.record_creation(history, model.objects.all(), now)
    history = apps.get_model("learning", "HistoricalInitiative")
    shipped.record_creation(history, initiative.objects.filter(pk__in=created), now)
    folds_on_save = any(f.name == "search_title" for f in initiative._meta.fields)
    if schema_editor.connection.vendor == "postgresql" and not folds_on_save:
        # The vector as it was made at this point in history (0008 makes it anew; a
        # model of 0008 on, as tests' restore of shipped data uses, made it on save).
        from django.contrib.postgres.search import SearchVector

        vector = (
            SearchVector("title", weight="A", config="english")
            + SearchVector("summary", "tags", weight="B", config="english")
            + SearchVector("description", weight="C", config="english")
        )
        initiative.objects.filter(pk__in=created).update(search_vector=vector)


class Migration(migrations.Migration):
    dependencies = [("learning", "0002_search_index")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
