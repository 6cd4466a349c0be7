"""The home page's reads are indexed, and their number does not grow with the
organisation (issue 18: placements awaiting someone were read by scanning them all)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

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
    report = manager.direct_reports.get()
    assert f"Agree or disagree {report.full_name}&#x27;s Scope for Growth placement" in html
    assert html.count("Scope for Growth placement") == 1  # not the other manager's report's


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
