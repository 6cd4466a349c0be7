"""The plan's catalogue suggestions: recommend()'s choice, in two queries at any
catalogue size (issue 18: one grouped query per category over the whole catalogue)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from careers.plan import services as plans
from careers.plan.suggested import suggest
from learning.models import Initiative
from learning.recommendations import recommend
from tests.factories import PersonFactory
from tests.factories_careers import DevelopmentPlanFactory, PlacementFactory
from tests.factories_learning import BookmarkFactory, InitiativeFactory, vocabulary

pytestmark = pytest.mark.django_db

ASKS = [
    {},
    {"limit": 10},
    {"limit": 2},
    {"level": "proven", "directions": ["stretch"]},
    {"level": "developing", "directions": ["depth", "stretch"], "limit": 9},
    {"band": "5", "staff_group": "nursing"},
]


def grow_catalogue(extra):
    """`extra` more published initiatives beside the shipped ones, spread over the
    categories, levels and directions, some saved, some limited to an audience."""
    categories, directions, levels = vocabulary()
    categories, directions, levels = (list(d.values()) for d in (categories, directions, levels))
    saver = PersonFactory()
    for n in range(extra):
        initiative = InitiativeFactory(
            title=f"Grown {n}",
            category=categories[n % 3],
            directions=[directions[n % 3]] if n % 4 else [],
            levels=[levels[n % 3]] if n % 5 else [],
            pay_bands="8a" if n % 7 == 0 else "",
        )
        if n % 3 == 0:
            BookmarkFactory(initiative=initiative, person=saver)


@pytest.mark.parametrize("ask", ASKS)
def test_the_same_suggestions_as_recommend(ask):
    grow_catalogue(12)
    assert suggest(**ask) == recommend(**ask)


def test_a_short_category_hands_on_its_places_as_recommend_does():
    Initiative.objects.all().delete()
    categories, _, _ = vocabulary()
    for n in range(8):
        InitiativeFactory(title=f"Experience {n}", category=categories["experience"])
    InitiativeFactory(title="Course", category=categories["formal-education"])
    assert suggest(limit=6) == recommend(limit=6)
    assert len(suggest(limit=6)) == 6


def test_two_queries_at_two_catalogue_sizes():
    placement = PlacementFactory(agreed=True)
    plan = DevelopmentPlanFactory(person=placement.person, year=placement.year)
    counts = []
    for extra in (0, 30):
        grow_catalogue(extra)
        with CaptureQueriesContext(connection) as queries:
            chosen = plans.suggestions(plan=plan, placement=placement, objectives=[])
            [str(i.category) for i in chosen]  # as the plan page shows them
        counts.append(len(queries))
    assert counts == [2, 2]
