"""The home page's reads are indexed, and their number does not grow with the
organisation (issue 18: placements awaiting someone were read by scanning them all)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from careers.models import DevelopmentPlan, PlanAgreement
from tests.factories import PersonFactory
from tests.factories_careers import DevelopmentPlanFactory, PlacementFactory

pytestmark = pytest.mark.django_db

# Tables that grow with the organisation: a home page must reach their rows by an index.
GROWING = ("careers_placement", "careers_developmentplan", "people_person")


def full_scans(sql):
    """The GROWING tables that `sql` reads whole: a SCAN of the table in SQLite's
    EXPLAIN QUERY PLAN. (SQLite plans without statistics, so its plan says what
    the query lets an index do; PostgreSQL's is checked over generated data, ADR 0042.)"""
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql)
        lines = [row[-1] for row in cursor.fetchall()]
    return {t for t in GROWING for line in lines if line.split()[:2] == ["SCAN", t]}


def organisation_of(size, unit):
    """A manager with `size` reports, each with a placement awaiting their agreement
    and a plan; plus `size` people elsewhere with the same."""
    manager = PersonFactory(unit=unit)
    for line_manager in (manager, PersonFactory(unit=unit)):
        for person in PersonFactory.create_batch(size, unit=unit, line_manager=line_manager):
            placement = PlacementFactory(person=person, proposed_by=person)
            DevelopmentPlanFactory(person=person, year=placement.year)
    return manager


def home_queries(client, person):
    client.force_login(person)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("home")).status_code == 200
    return [q["sql"] for q in queries.captured_queries]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="reads SQLite's query plan")
def test_placements_and_plans_awaiting_someone_are_read_by_index(client, organisation):
    manager = organisation_of(3, organisation["team"])
    reads = [
        sql
        for sql in home_queries(client, manager)
        if sql.startswith("SELECT")
        and ('FROM "careers_placement"' in sql or 'FROM "careers_developmentplan"' in sql)
    ]
    assert reads
    assert {sql[:60]: full_scans(sql) for sql in reads} == {sql[:60]: set() for sql in reads}


def test_a_manager_sees_the_placement_awaiting_them(client, organisation):
    manager = organisation_of(1, organisation["team"])
    client.force_login(manager)
    html = client.get(reverse("home")).content.decode()
    assert '<a href="/team/">1 Scope for Growth placement to agree in your team</a>' in html
    assert html.count("Scope for Growth placement") == 1  # not the other manager's report's


def test_a_long_team_waiting_for_its_manager_is_one_line_each_for_placements_and_plans(
    client, organisation
):
    """Six reports' placements and plans awaiting the manager: two summary lines that
    count them and link to My team, not twelve steps naming each report (ADR 0048)."""
    manager = organisation_of(6, organisation["team"])
    for plan in DevelopmentPlan.objects.filter(person__line_manager=manager):
        PlanAgreement.objects.create(plan=plan, agreed_by=plan.person, plan_version=plan.version)
    client.force_login(manager)
    html = client.get(reverse("home")).content.decode()
    assert '<a href="/team/">6 Scope for Growth placements to agree in your team</a>' in html
    assert '<a href="/team/">6 development plans to agree in your team</a>' in html
    report = manager.direct_reports.first()
    assert report.full_name not in html.split("What to do next")[1].split("</ol>")[0]


def test_a_persons_own_placement_and_plan_awaiting_them_are_named_steps(client, organisation):
    """The person's own placement and plan still have a step each, to their pages."""
    manager = organisation_of(1, organisation["team"])
    report = manager.direct_reports.get()
    placement = report.placements.get()
    placement.proposed_by = manager
    placement.save()
    plan = report.development_plans.get()
    PlanAgreement.objects.create(plan=plan, agreed_by=manager, plan_version=plan.version)
    client.force_login(report)
    html = client.get(reverse("home")).content.decode()
    record = reverse("career-record", args=[report.pk])
    plan_url = reverse("plan", args=[report.pk])
    assert f'<a href="{record}">Agree or disagree your Scope for Growth placement</a>' in html
    assert f'<a href="{plan_url}">Agree your development plan</a>' in html


@pytest.mark.parametrize("role", ["manager", "staff", "hr"])
def test_home_queries_are_the_same_at_two_sizes(client, organisation, cast, role):
    counts = []
    for size in (1, 6):
        manager = organisation_of(size, organisation["team"])
        person = {
            "manager": manager,
            "staff": manager.direct_reports.first(),
            "hr": cast["hr"],
        }[role]
        counts.append(len(home_queries(client, person)))
    assert counts[0] == counts[1], counts


def test_plans_wait_only_for_whoever_has_not_agreed_the_current_version(organisation):
    """plans.awaiting_agreement_of (home's "development plans to agree" line): agreed by
    the other at the current version and not by the reader; an older version's
    agreement, or the reader's own, leaves nothing waiting."""
    from careers.plan.services import awaiting_agreement_of

    manager = organisation_of(4, organisation["team"])
    first, second, third, fourth = DevelopmentPlan.objects.filter(
        person__line_manager=manager
    ).order_by("pk")
    agreed = PlanAgreement.objects.create
    agreed(plan=first, agreed_by=first.person, plan_version=first.version)  # waits for manager
    agreed(plan=second, agreed_by=second.person, plan_version=second.version - 1 or 99)
    agreed(plan=third, agreed_by=manager, plan_version=third.version)  # waits for the person
    agreed(plan=fourth, agreed_by=fourth.person, plan_version=fourth.version)
    agreed(plan=fourth, agreed_by=manager, plan_version=fourth.version)  # both: nothing

    def waiting(reader):
        plans = awaiting_agreement_of(reader, first.year)
        return sorted(plans.values_list("person_id", flat=True))

    assert waiting(manager) == [first.person_id]
    assert waiting(third.person) == [third.person_id]
    assert waiting(first.person) == waiting(fourth.person) == []
