"""HR's Organisation page: every unit they look after, a bounded page at a time
(issue 18: 1,141 units on one page)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from people.models import OrganisationUnit
from tests.factories import OrganisationUnitFactory, PersonFactory

pytestmark = pytest.mark.django_db

UNITS_A_PAGE = 50  # people.views.UNITS_A_PAGE


def add_teams(parent, count):
    for n in range(count):
        OrganisationUnitFactory(name=f"Team {parent.name} {n:03d}", kind="team", parent=parent)


def units_on(html):
    return re.findall(r'href="/organisation/(\d+)/"', html)


def visit(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_the_page_reads_the_same_and_shows_a_bounded_number_at_two_sizes(
    client, cast, organisation
):
    client.force_login(cast["hr"])
    counts, shown = [], []
    for extra in (2, UNITS_A_PAGE + 20):
        add_teams(organisation["department"], extra)
        html, queries = visit(client, reverse("unit-list"))
        counts.append(queries)
        shown.append(len(units_on(html)))
    assert counts[0] == counts[1], counts
    assert shown[1] == UNITS_A_PAGE


def test_every_unit_is_reached_page_by_page_beside_the_one_it_sits_within(
    client, cast, organisation
):
    add_teams(organisation["department"], UNITS_A_PAGE + 5)
    client.force_login(cast["hr"])
    seen, url = [], reverse("unit-list")
    while url:
        html, _ = visit(client, url)
        seen += units_on(html)
        following = re.search(r'href="(\?page=\d+)" rel="next"', html)
        url = reverse("unit-list") + following.group(1) if following else None
    assert sorted(map(int, seen)) == sorted(OrganisationUnit.objects.values_list("pk", flat=True))
    first, _ = visit(client, reverse("unit-list"))
    assert '<td class="nhsuk-table__cell">Outpatients</td>' in first  # a team is within it
    assert "Next<span" in first


def test_hr_see_only_the_units_they_look_after(client, organisation):
    hr = PersonFactory(unit=organisation["team"], hr=True)
    hr.hr_scopes.create(unit=organisation["department"])
    client.force_login(hr)
    html, _ = visit(client, reverse("unit-list"))
    assert organisation["org"].name not in html.split("<h1>")[1]
    assert sorted(map(int, units_on(html))) == sorted(
        u.pk
        for u in (organisation["department"], organisation["team"], organisation["other_team"])
    )
