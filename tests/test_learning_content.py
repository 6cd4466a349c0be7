"""The catalogue a new install starts with: seed 001's table and seed 000's examples."""

import itertools
import json
from pathlib import Path

import pytest

from learning.models import GrowthDirection, ImpactLevel, Initiative, LearningCategory

DATA = Path(__file__).resolve().parent.parent / "learning" / "data"

# The Scope for Growth facilitation guide's table of suggested development
# initiatives: (direction, level) -> the initiatives in that cell, in the
# catalogue's wording. An item the guide lists in several cells is one
# initiative classified under each of them.
SEED_TABLE = {
    ("depth", "proven"): {
        "Present at national events and conferences recognised for technical expertise",
        "Draft expert papers",
        "Educate, develop and mentor colleagues",
        "Sponsoring others (lift as you rise)",
        "Gain professional qualifications",
        "Take on an external secondment",
        "Champion knowledge sharing and best practice",
    },
    ("depth", "developing"): {
        "Increase system exposure",
        "Technical knowledge and skills development",
        "Mentoring others",
        "Internal secondment or move",
        "Learning and development via Leadership Academies and similar",
    },
    ("depth", "consolidating"): {
        "Develop impact and influencing skills",
        "Strengthen stakeholder relationships",
        "Develop relevant technical knowledge and skills",
        "Deepen NHS, organisation, system and role-specific knowledge",
        "Work with a local buddy",
    },
    ("breadth", "proven"): {
        "Take on cross-functional, organisation or system projects and get to know "
        "counterparts in other areas",
        "Undertake management or leadership development",
        "Senior mentoring or sponsoring others",
        "Take on an external secondment",
        "Increase exposure to wider strategy and long-term transformation",
        "Gain professional qualifications",
        "Increase understanding of governance and assurance",
        "Champion knowledge sharing and best practice",
    },
    ("breadth", "developing"): {
        "Take on projects outside your current team or function",
        "Increase system knowledge and networks externally",
        "Mentoring others",
        "Internal secondment or move",
        "Learning and development via Leadership Academies and similar",
    },
    ("breadth", "consolidating"): {
        "Develop impact and influencing skills",
        "Strengthen stakeholder relationships",
        "Widen sector and professional knowledge",
        "Deepen NHS, organisation, system and role-specific knowledge",
        "Work with a local buddy",
    },
    ("stretch", "proven"): {
        "Formal leadership development and wider leadership experience and accountability",
        "Be active in external networks",
        "Coaching or sponsoring others",
        "Strategic project accountability",
        "Increase exposure to wider strategy and long-term transformation",
        "Improve understanding of national policy",
        "Increase understanding of governance and assurance",
    },
    ("stretch", "developing"): {
        "Consolidate advanced knowledge and experience",
        "Develop internal and external networks",
        "Acting up opportunities",
        "Coaching or sponsoring others",
        "Improve strategic, longer-term thinking (broad not narrow)",
    },
    ("stretch", "consolidating"): {
        "Take on organisation-wide responsibilities",
        "Proactively build external networks in a new field or professional level",
        "Coaching others",
        "Develop higher-level capabilities and insight",
        "Develop impact and influence skills with more senior stakeholder groups",
    },
}

# Seed 000's examples of the 70/20/10 model: they suit every direction and level.
SEED_70_20_10 = {
    "experience": {
        "Observe colleagues at work",
        "Shadow a colleague in another role",
        "Short secondment",
        "Take on a new project or stretch goal",
    },
    "learning-from-others": {
        "Be coached",
        "Be mentored",
        "Social learning with peers",
        "Collaborative learning in an action learning set",
    },
    "formal-education": {"Formal educational event", "Skills development programme"},
}


@pytest.mark.django_db
def test_the_vocabulary_ships_with_stable_slugs():
    assert [(c.slug, c.share_percent) for c in LearningCategory.objects.all()] == [
        ("experience", 70),
        ("learning-from-others", 20),
        ("formal-education", 10),
    ]
    assert list(GrowthDirection.objects.values_list("slug", "name")) == [
        ("depth", "Depth"),
        ("breadth", "Breadth"),
        ("stretch", "Stretch/complexity"),
    ]
    assert list(ImpactLevel.objects.values_list("slug", "colour")) == [
        ("consolidating", "green"),
        ("developing", "blue"),
        ("proven", "purple"),
    ]
    for model in (LearningCategory, GrowthDirection, ImpactLevel):
        assert all(term.description for term in model.objects.all())
    assert all(level.guidance for level in ImpactLevel.objects.all())


@pytest.mark.django_db
@pytest.mark.parametrize(("direction", "level"), list(SEED_TABLE))
def test_each_cell_of_the_seed_table_is_in_the_catalogue(direction, level):
    shipped = Initiative.objects.published().filter(directions__slug=direction, levels__slug=level)
    assert set(shipped.values_list("title", flat=True)) == SEED_TABLE[(direction, level)]


@pytest.mark.django_db
def test_counts_by_direction_and_level_match_the_seed():
    counts = {
        (direction, level): Initiative.objects.filter(
            directions__slug=direction, levels__slug=level
        ).count()
        for direction, level in itertools.product(
            ["depth", "breadth", "stretch"], ["consolidating", "developing", "proven"]
        )
    }
    assert counts == {
        ("depth", "proven"): 7,
        ("depth", "developing"): 5,
        ("depth", "consolidating"): 5,
        ("breadth", "proven"): 8,
        ("breadth", "developing"): 5,
        ("breadth", "consolidating"): 5,
        ("stretch", "proven"): 7,
        ("stretch", "developing"): 5,
        ("stretch", "consolidating"): 5,
    }


@pytest.mark.django_db
def test_the_70_20_10_examples_suit_everyone():
    for category, titles in SEED_70_20_10.items():
        shipped = Initiative.objects.published().filter(
            category__slug=category, directions=None, levels=None
        )
        assert set(shipped.values_list("title", flat=True)) == titles


@pytest.mark.django_db
def test_every_shipped_initiative_is_described_and_published():
    shipped = Initiative.objects.all()
    assert shipped.count() == 49
    for initiative in shipped:
        assert initiative.status == Initiative.Status.PUBLISHED
        assert initiative.published_at is not None
        assert len(initiative.description) > 100, initiative.title
        assert initiative.summary and initiative.outcome_list, initiative.title
        assert initiative.history.count() == 1  # the record of its arrival


def test_the_data_file_classifies_each_item_by_whole_rows_and_columns():
    """An item under several directions and levels sits in every combination of them,
    so each item's cells must be exactly the product of its directions and levels."""
    rows = json.loads((DATA / "initiatives.json").read_text())
    cells = {}
    for row in rows:
        for cell in itertools.product(row.get("directions", []), row.get("levels", [])):
            cells.setdefault(cell, set()).add(row["title"])
    assert cells == SEED_TABLE
    assert len({row["title"] for row in rows}) == len(rows)
