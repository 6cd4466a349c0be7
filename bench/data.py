"""The benchmarks' organisation: the generated one (trial/generate.py), plus a manager
of many reports, the worst case My team and the home page must stay flat for."""

from django.db import connection, transaction
from django.db.models import Count

from people.models import OrganisationUnit, Person


@transaction.atomic
def build_organisation(people, reports_of_manager=40, years=1, seed=1):
    """The generated organisation of `people` people over `years` (nobody can sign
    in; the benchmarks use force_login), then the team leader with the most reports
    given `reports_of_manager` reports in all, taken from their own unit and the units
    nearest it. Returns (manager, hr, directorate): the HR person scoped to the whole
    organisation and the manager's directorate."""
    from trial.generate import generate

    generate(people=people, years=years, seed=seed)
    manager = (
        Person.objects.filter(unit__kind=OrganisationUnit.Kind.TEAM)
        .annotate(n=Count("direct_reports"))
        .order_by("-n", "pk")
        .first()
    )
    others = (
        Person.objects.filter(direct_reports__isnull=True, groups__isnull=True)
        .exclude(pk=manager.pk)
        .exclude(line_manager=manager)
        .order_by("unit__path", "pk")
    )
    wanted = reports_of_manager - manager.direct_reports.count()
    # Saved one by one, as a change of line manager anywhere is: their open appraisals
    # follow them to the new manager (appraisals/cycles/panels.py).
    for person in others.filter(unit__path__gte=manager.unit.path)[: max(0, wanted)]:
        person.line_manager = manager
        person.save()
    hr = Person.objects.get(hr_scopes__unit__depth=1)
    directorate = OrganisationUnit.objects.get(
        depth=2, path=manager.unit.path[: 2 * OrganisationUnit.steplen]
    )
    return manager, hr, directorate


def build_team_activity(manager):
    """What My team shows for each report, where the generated data has not given it
    already: a journal with a shared section, a conversation, a proposed placement
    and a plan with a review date."""
    from datetime import date, timedelta

    from careers.conversation import services as conversations
    from careers.journal import services
    from careers.models import Placement
    from careers.plan import services as plans
    from learning.models import GrowthDirection, ImpactLevel

    year = services.appraisal_year()
    level, direction = ImpactLevel.objects.first(), GrowthDirection.objects.first()
    placed = set(Placement.objects.filter(year=year).values_list("person_id", flat=True))
    for person in Person.objects.filter(line_manager=manager).exclude(pk__in=placed):
        journal = services.start_journal(person=person, year=year)
        services.share_section(state=journal.section_states.last(), by=person)
        conversations.start_conversation(person=person, by=manager, held_on=date.today())
        conversations.propose_placement(
            person=person, by=person, year=year, level=level, direction=direction,
            evidence="One-to-ones", target_level=level, target_direction=direction,
            target_reason="To grow",
        )  # fmt: skip
        plan = plans.plan_for(person=person, year=year)
        plan.review_date = date.today() + timedelta(days=60)
        plan.save()


def analyze():
    """Refresh PostgreSQL's planner statistics after a bulk build, as autovacuum soon
    would in a live database. Without them the planner takes every new table for empty
    and picks nested loops: the management information dashboard measured 455 ms cold
    at 20,000 people before ANALYZE and 183 ms after. No-op on SQLite."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def build_world(people, reports=40):
    """The page report's organisation: tests/url_registry.py's generated_world, the
    access matrix's world in a generated organisation of `people` people, its line
    manager given `reports` reports; planner statistics refreshed."""
    from tests.url_registry import generated_world

    world = generated_world(people, reports=reports)
    analyze()
    return world
