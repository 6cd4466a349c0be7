"""The plan's catalogue suggestions (learning.recommendations.recommend), in two
queries at any catalogue size, where one grouped query per category over the whole
catalogue had made the own-plan page grow with it. What is chosen is
tests/test_learning_recommendations.py's."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from careers.plan import services as plans
from learning import uptake_stamp
from learning.models import Initiative, LearningCategory
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
        stamp = _stamp()  # the page reads it with its objectives
        with CaptureQueriesContext(connection) as queries:
            chosen = plans.suggestions(
                plan=plan,
                placement=placement,
                objectives=[],
                categories=[share.category for share in balance],
                stamp=stamp,
            )
            [str(i.category) for i in chosen]  # as the plan page shows them
        counts.append(len(queries))
    assert counts == [2, 2]


def _stamp():
    token, _, uptake = uptake_stamp.tokens()
    return token, uptake


def _suggest(plan, placement, stamp=None):
    return plans.suggestions(plan=plan, placement=placement, objectives=[], stamp=stamp)


def test_a_choice_made_is_found_in_the_cache_reading_nothing():
    grow_catalogue(12)
    placement = PlacementFactory(agreed=True)
    plan = DevelopmentPlanFactory(person=placement.person, year=placement.year)
    categories = list(LearningCategory.objects.all())
    chosen = plans.suggestions(plan=plan, placement=placement, objectives=[],
                               categories=categories, stamp=_stamp())  # fmt: skip
    stamp = _stamp()
    with CaptureQueriesContext(connection) as queries:
        again = plans.suggestions(plan=plan, placement=placement, objectives=[],
                                  categories=categories, stamp=stamp)  # fmt: skip
        shown = [(i.pk, i.title, str(i.category)) for i in again]
    assert len(queries) == 0
    assert shown == [(i.pk, i.title, str(i.category)) for i in chosen]


def test_a_cached_choice_is_never_one_the_catalogue_has_changed_since():
    """A bookmark, an initiative deleted: each is in the next choice, as recommend()
    makes it now. (No placement: the most saved of each category are chosen.)"""
    grow_catalogue(12)
    plan = DevelopmentPlanFactory()
    person = plan.person

    def fresh():
        band, group = person.pay_band or None, person.staff_group or None
        return [i.pk for i in recommend(band=band, staff_group=group)]

    savers = PersonFactory.create_batch(5)
    first = [i.pk for i in _suggest(plan, None)]
    assert first == fresh()
    left_out = Initiative.objects.published().exclude(pk__in=first).first()
    for saver in savers:  # the most saved of its category now
        BookmarkFactory(initiative=left_out, person=saver)
    after_bookmarks = [i.pk for i in _suggest(plan, None)]
    assert left_out.pk in after_bookmarks and after_bookmarks == fresh()
    Initiative.objects.get(pk=left_out.pk).delete()
    after_delete = [i.pk for i in _suggest(plan, None)]
    assert left_out.pk not in after_delete and after_delete == fresh()


def test_people_whose_terms_differ_share_no_cached_choice():
    grow_catalogue(12)
    for _ in range(2):
        placement = PlacementFactory(agreed=True)
        plan = DevelopmentPlanFactory(person=placement.person, year=placement.year)
        expected = [i.pk for i in recommend(
            level=placement.level.slug, directions=[placement.target_direction.slug],
            band=plan.person.pay_band or None, staff_group=plan.person.staff_group or None,
        )]  # fmt: skip
        assert [i.pk for i in _suggest(plan, placement)] == expected
