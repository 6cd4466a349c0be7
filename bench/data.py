"""A synthetic organisation of any size, built with bulk inserts."""

from django.db import transaction

from people.models import HRScope, OrganisationUnit, Person
from people.roles import HR_GROUP

PER_TEAM = 20


@transaction.atomic
def build_organisation(people, reports_of_manager=40):
    """An organisation of about `people` people in teams of PER_TEAM under three
    directorates, plus one manager with `reports_of_manager` reports and an HR
    person scoped to the whole organisation. Returns (manager, hr, directorate)."""
    units = OrganisationUnit.objects
    org = units.add_root({"name": "Bench Trust", "kind": "organisation"})
    directorates = [
        units.add_child(org, {"name": f"Directorate {d}", "kind": "directorate"}) for d in range(3)
    ]
    teams = []
    for n in range(max(1, people // PER_TEAM)):
        directorate = directorates[n % 3]
        teams.append(units.add_child(directorate, {"name": f"Team {n}", "kind": "team"}))
    batch = [
        Person(
            email=f"bench{n}@trellis.example",
            given_name=f"Given{n}",
            family_name=f"Family{n}",
            job_title="Staff Nurse",
            unit=teams[n % len(teams)],
            password="!",
        )
        for n in range(people)
    ]
    Person.objects.bulk_create(batch, batch_size=2000)
    manager = Person.objects.create_user(
        "manager@trellis.example", "bench-password", given_name="Bench", family_name="Manager",
        unit=teams[0],
    )  # fmt: skip
    reports = Person.objects.filter(unit=teams[0]).exclude(pk=manager.pk)[:reports_of_manager]
    Person.objects.filter(pk__in=[p.pk for p in reports]).update(line_manager=manager)
    hr = Person.objects.create_user(
        "hr@trellis.example", "bench-password", given_name="Bench", family_name="HR",
        unit=teams[0],
    )  # fmt: skip
    from django.contrib.auth.models import Group

    hr.groups.add(Group.objects.get_or_create(name=HR_GROUP)[0])
    HRScope.objects.create(person=hr, unit=org)
    return manager, hr, directorates[0]


def build_team_activity(manager):
    """What My team shows for each report: a journal with a shared section, a
    conversation, a proposed placement and a plan with a review date."""
    from datetime import date, timedelta

    from careers.conversation import services as conversations
    from careers.journal import services
    from careers.plan import services as plans
    from learning.models import GrowthDirection, ImpactLevel

    year = services.appraisal_year()
    level, direction = ImpactLevel.objects.first(), GrowthDirection.objects.first()
    for person in Person.objects.filter(line_manager=manager):
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
