"""The booklet's sections come from a registry each app adds to; building a booklet
runs the same number of queries whatever the person's data."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from appraisals.access import appraisals_visible_to
from appraisals.booklet import registry, services
from learning.models import LearningCategory
from tests.factories import PersonFactory
from tests.factories_booklet import appraisal_for, complete, cycle_for, fill
from tests.factories_careers import (
    DevelopmentPlanFactory,
    JournalFactory,
    ObjectiveFactory,
    PlacementFactory,
    PlanActionFactory,
)
from tests.factories_learning import CPDEntryFactory


def kudos(appraisal):
    return {"count": appraisal.person.full_name}


@pytest.fixture
def kudos_section():
    section = registry.BookletSection(
        key="kudos",
        title="Thanks from patients",
        order=95,
        template="appraisals/booklet/sections/wellbeing.html",
        context=lambda appraisal: {"wellbeing": {"held_label": "KUDOS-SECTION-CONTENT"}},
    )
    registry.register(section)
    yield section
    registry.unregister("kudos")


@pytest.mark.django_db
def test_a_registered_section_appears_in_the_booklet_in_its_place(client, cast, kudos_section):
    appraisal = fill(appraisal_for(cast["owner"]))
    client.force_login(cast["owner"])
    page = client.get(reverse("appraisals:appraisal-booklet", args=[appraisal.pk])).text
    assert "Thanks from patients" in page and "KUDOS-SECTION-CONTENT" in page
    keys = [part.key for part in services.booklet_context(appraisal)["parts"]]
    assert keys.index("wellbeing") < keys.index("kudos") < keys.index("pay-progression")


@pytest.mark.django_db
def test_every_app_contributes_its_sections_in_a_fixed_order(cast):
    appraisal = fill(appraisal_for(cast["owner"]))
    keys = [part.key for part in services.booklet_context(appraisal)["parts"]]
    assert keys == ["last-year", "values", "assessments", "objectives", "placement",
                    "development-plan", "journal", "cpd", "wellbeing", "pay-progression",
                    "sign-off"]  # fmt: skip


def history(person, years):
    """`years` earlier appraisal years of career records and appraisals for `person`."""
    this_year = appraisals_visible_to(person).get().cycle.year
    for year in range(this_year - years, this_year):
        PlacementFactory(person=person, year=year, agreed=True)
        plan = DevelopmentPlanFactory(person=person, year=year)
        PlanActionFactory(objective=ObjectiveFactory(plan=plan))
        JournalFactory(person=person, year=year)
        earlier = appraisal_for(person, cycle=cycle_for(person.unit, year=year))
        complete(fill(earlier, objectives=2))


def world(person, *, objectives, years):
    appraisal = appraisal_for(person)
    year = appraisal.cycle.year
    PlacementFactory(person=person, year=year, agreed=True)
    plan = DevelopmentPlanFactory(person=person, year=year)
    for n in range(objectives):
        PlanActionFactory(objective=ObjectiveFactory(plan=plan, what=f"Plan objective {n}"))
    JournalFactory(person=person, year=year)
    category = LearningCategory.objects.first()
    for _ in range(objectives):
        CPDEntryFactory(person=person, category=category, shared_with_manager=True)
    fill(appraisal, objectives=objectives, reviews=objectives)
    history(person, years)
    return appraisal


def queries_to_build(appraisal):
    appraisal = appraisals_visible_to(appraisal.person).get(pk=appraisal.pk)
    with CaptureQueriesContext(connection) as queries:
        context = services.booklet_context(appraisal)
    assert len(context["parts"]) == 11
    return len(queries)


@pytest.mark.django_db
def test_building_a_booklet_takes_the_same_queries_whatever_its_size(organisation):
    small, large = (PersonFactory(unit=organisation["team"], line_manager=PersonFactory())
                    for _ in range(2))  # fmt: skip
    small_one = world(small, objectives=3, years=1)
    large_one = world(large, objectives=30, years=5)
    counts = queries_to_build(small_one), queries_to_build(large_one)
    print("queries to build a booklet (3 objectives, 1 year; 30, 5 years):", counts)
    assert counts[0] == counts[1]


@pytest.mark.django_db
def test_the_cpd_summary_counts_only_what_the_person_shares(cast):
    appraisal = fill(appraisal_for(cast["owner"]))
    category = LearningCategory.objects.get(slug="experience")
    CPDEntryFactory(person=cast["owner"], category=category, hours=4, shared_with_manager=True)
    CPDEntryFactory(person=cast["owner"], category=category, hours=9)  # private
    html = {p.key: p.html for p in services.booklet_context(appraisal)["parts"]}["cpd"]
    assert "<strong>4.0 hours</strong>" in html
