"""The content every install starts with: the vocabulary and the suggested initiatives.

It lives in learning/data/*.json and is loaded by a data migration, with the
model classes the migration gives (so it works at any point in history).
Sources: the personal development planning page (the 70/20/10 model and its
examples) and the Scope for Growth facilitation guide (the suggested
development initiatives by growth direction and level).
"""

import json
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def read(name):
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def record_creation(history_model, instances, now, reason="Shipped with Trellis"):
    """The first history row of each shipped row (migrations do not write history)."""
    names = [f.attname for f in history_model._meta.fields if not f.name.startswith("history_")]
    history_model.objects.bulk_create(
        history_model(
            **{name: getattr(instance, name) for name in names},
            history_date=now,
            history_type="+",
            history_change_reason=reason,
        )
        for instance in instances
    )


def load_vocabulary(category_model, direction_model, level_model):
    vocabulary = read("vocabulary.json")
    for model, rows in (
        (category_model, vocabulary["categories"]),
        (direction_model, vocabulary["directions"]),
        (level_model, vocabulary["levels"]),
    ):
        for row in rows:
            fields = {k: v for k, v in row.items() if k != "slug"}
            model.objects.update_or_create(slug=row["slug"], defaults=fields)


def load_initiatives(initiative_model, category_model, direction_model, level_model, now):
    """Create each shipped initiative, published, unless one of that title exists."""
    categories = {c.slug: c for c in category_model.objects.all()}
    directions = {d.slug: d for d in direction_model.objects.all()}
    levels = {lv.slug: lv for lv in level_model.objects.all()}
    created = []
    for row in read("initiatives.json"):
        if initiative_model.objects.filter(title=row["title"]).exists():
            continue
        initiative = initiative_model.objects.create(
            title=row["title"],
            summary=row["summary"],
            description=row["description"],
            category=categories[row["category"]],
            format=row["format"],
            cost_type=row.get("cost_type", "free"),
            online=row.get("online", False),
            provider=row.get("provider", "Learning, Education and Development (LED)"),
            tags=row.get("tags", ""),
            learning_outcomes="\n".join(row.get("learning_outcomes", [])),
            status="published",
            published_at=now,
        )
        initiative.directions.set([directions[s] for s in row.get("directions", [])])
        initiative.levels.set([levels[s] for s in row.get("levels", [])])
        created.append(initiative.pk)
    return created
