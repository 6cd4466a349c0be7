"""frontend.pagination.KeysFirstPaginator: the same pages, in the same order, as
Django's Paginator, read as the page's keys (one narrow, sorted query) and then its
rows (docs/adr/0047)."""

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from frontend.pagination import KeysFirstPaginator
from people.models import Person
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

NAMES = ["Okafor", "Adeyemi", "Nowak", "Begum", "Smith", "Jones", "Patel", "Evans"]


def _people(organisation):
    for n, family in enumerate(NAMES):
        PersonFactory(family_name=family, given_name=f"Sam {n}", unit=organisation["team"])
    return Person.objects.select_related("unit").order_by("family_name", "given_name", "pk")


@pytest.mark.parametrize("number", [1, 2, 3])
def test_each_page_holds_the_same_people_in_the_same_order(organisation, number):
    people = _people(organisation)
    expected = list(Paginator(people, 3).page(number).object_list)
    page = KeysFirstPaginator(people, 3).page(number)
    assert [p.family_name for p in page.object_list] == [p.family_name for p in expected]
    assert page.paginator.num_pages == 3
    assert page.paginator.count == len(NAMES)


def test_only_the_keys_are_sorted_and_the_rows_come_with_their_joins(organisation):
    people = _people(organisation)
    with CaptureQueriesContext(connection) as queries:
        page = KeysFirstPaginator(people, 3).page(2)
        units = [p.unit.name for p in page.object_list]
    keys, rows = [q["sql"] for q in queries.captured_queries][-2:]
    assert keys.split(" FROM ")[0].count(",") == 0  # one column: the key
    assert "ORDER BY" in keys and "LIMIT" in keys
    assert "ORDER BY" not in rows and "people_organisationunit" in rows
    assert units == ["Clinic Admin"] * 3
    assert len(queries) == 3  # the count, the keys, the rows; no query per unit
