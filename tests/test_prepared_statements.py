"""The hand-written queries every page asks are prepared once per connection on PostgreSQL
(people/sql.py, docs/adr/0068), and give what they gave unprepared."""

import ast
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from people import access
from tests.factories import PersonFactory
from tests.test_architecture import APPS, ROOT, python_files

postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")

# Plain cursors left unprepared, and why. Every other cursor in Trellis's code is
# people.sql.prepared_cursor.
UNPREPARED = {
    # One statement per count of a person's records, built for the page that erases them.
    "privacy/erasure/services.py": "asked on one administrator's page, not every page",
    # Its IN list has one mark per objective and action shown, so each plan is new SQL.
    "careers/plan/services.py": "its shape changes with the rows shown",
    # SELECT 1: nothing to plan.
    "people/views.py": "the health check's SELECT 1",
    # The fallback where nothing is prepared (SQLite, logged queries).
    "people/sql.py": "prepared_cursor itself",
}


def cursors_opened(path):
    """Calls of `.cursor()` on a connection in the module at `path`."""
    return [
        node.lineno
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "cursor"
    ]


def test_every_plain_cursor_is_prepared_or_says_why_not():
    """A query written for a page goes through prepared_cursor unless it is listed."""
    found = set()
    for app in [*APPS, "frontend", "config"]:
        for path in python_files(app):
            if cursors_opened(path):
                found.add(str(path.relative_to(ROOT)))
    assert found - set(UNPREPARED) == set(), "use people.sql.prepared_cursor, or list it"
    assert set(UNPREPARED) - found == set(), "no longer opens a cursor: take it off the list"


def prepared_statements():
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [re.sub(r"\s+", " ", row[0]) for row in cursor.fetchall()]


@postgresql
@pytest.mark.django_db
def test_the_home_pages_own_queries_are_prepared_on_the_connection(client):
    """After one home page the connection holds the reader's roles and the home page's
    plain queries as prepared statements; a second home page prepares nothing more."""
    person = PersonFactory()
    PersonFactory(line_manager=person)  # a line manager: My team's panel is read too
    client.force_login(person)
    assert client.get(reverse("home")).status_code == 200
    prepared = prepared_statements()
    assert any("SELECT 'g'" in sql for sql in prepared), "the reader's roles"
    assert len(prepared) >= 4
    assert client.get(reverse("home")).status_code == 200
    assert len(prepared_statements()) == len(prepared)


@postgresql
@pytest.mark.django_db
def test_prepared_and_unprepared_reads_agree(client):
    """The reader's roles read through a prepared statement are the roles read as Django
    sends its own queries (with the values bound in)."""
    manager = PersonFactory()
    PersonFactory(line_manager=manager)
    prepared = access._reader(manager.pk)
    with CaptureQueriesContext(connection):  # logged: the usual cursor
        plain = access._reader(manager.pk)
    assert prepared == plain
    assert prepared["m"] is True
