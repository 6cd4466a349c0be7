"""The plan's catalogue suggestions (learning.recommendations.recommend), in two
queries at any catalogue size, where one grouped query per category over the whole
catalogue had made the own-plan page grow with it. What is chosen is
tests/test_learning_recommendations.py's."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from careers.plan import services as plans
from learning.models import Initiative
from learning.recommendations import recommend
from tests.factories import PersonFactory
from tests.factories_careers import DevelopmentPlanFactory, PlacementFactory
from tests.factories_learning import BookmarkFactory, InitiativeFactory, vocabulary

pytestmark = pytest.mark.django_db


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


def test_a_short_category_hands_on_its_places():
    Initiative.objects.all().delete()
    categories, _, _ = vocabulary()
    for n in range(8):
        InitiativeFactory(title=f"Experience {n}", category=categories["experience"])
    InitiativeFactory(title="Course", category=categories["formal-education"])
    chosen = recommend(limit=6)
    assert len(chosen) == 6 and "Course" in [i.title for i in chosen]


def test_two_queries_at_two_catalogue_sizes():
    placement = PlacementFactory(agreed=True)
    plan = DevelopmentPlanFactory(person=placement.person, year=placement.year)
    balance = plans.balance([])  # the page reads the categories for it
    counts = []
    for extra in (0, 30):
        grow_catalogue(extra)
        with CaptureQueriesContext(connection) as queries:
            chosen = plans.suggestions(
                plan=plan,
                placement=placement,
                objectives=[],
                categories=[share.category for share in balance],
            )
            [str(i.category) for i in chosen]  # as the plan page shows them
        counts.append(len(queries))
    assert counts == [2, 2]
