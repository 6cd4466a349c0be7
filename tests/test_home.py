"""The home page tells each person what to do next and shows what their roles add."""

import pytest
from django.urls import reverse

from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def home(client, person):
    client.force_login(person)
    return client.get(reverse("home")).content.decode()


def test_staff_with_nothing_to_do_are_told_what_comes_next(client, cast):
    html = home(client, cast["owner"])
    assert "You have nothing to do right now" in html
    assert "Your direct reports" not in html


def test_a_person_without_a_manager_is_told_to_ask_hr(client, organisation):
    html = home(client, PersonFactory(unit=organisation["team"]))
    assert "Your record has no line manager" in html


def test_a_manager_sees_their_reports(client, cast):
    html = home(client, cast["line_manager"])
    assert "Your direct reports" in html
    assert cast["owner"].full_name in html
    assert cast["other_staff"].full_name not in html


def test_hr_sees_the_units_they_look_after(client, cast, organisation):
    html = home(client, cast["hr"])
    assert "People you support in HR" in html
    assert organisation["org"].name in html


def test_navigation_follows_roles(client, cast):
    staff_html = home(client, cast["owner"])
    admin_html = home(client, cast["administrator"])
    assert "Administration" not in staff_html
    assert reverse("admin:index") in admin_html
    assert reverse("unit-list") not in staff_html
    assert reverse("unit-list") in home(client, cast["hr"])


def test_the_header_names_the_organisation(client, cast, settings):
    settings.ORGANISATION_NAME = "Cwm Taf Morgannwg University Health Board"
    assert "Cwm Taf Morgannwg University Health Board" in home(client, cast["owner"])


def test_home_queries_do_not_grow_with_reports(client, organisation):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for size in (3, 30):
        manager = PersonFactory(unit=organisation["team"])
        PersonFactory.create_batch(size, unit=organisation["team"], line_manager=manager)
        client.force_login(manager)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("home")).status_code == 200
        counts.append(len(queries))
    # session, person, reports (with their units), role groups, has-reports,
    # own unit (details panel), and the session save (savepoint, update, release)
    assert counts == [9, 9], counts
