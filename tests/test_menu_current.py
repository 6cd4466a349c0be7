"""The menu marks where the reader is, and a page about someone else is never marked
as one of the reader's own ("Your journal", "Your career"): a line manager reading a
report's shared journal is in My team (aria-current tells a screen reader the same).

One walk of the resolver through the access matrix's registry (tests/url_registry.py),
each GET page fetched by the role that uses it with real ids."""

import re

import pytest
from django.test import Client
from django.urls import resolve, reverse

from tests.url_registry import generated_world, pages

pytestmark = pytest.mark.django_db

CURRENT = re.compile(
    r'nhsuk-header__navigation-item--current">\s*<a [^>]*aria-current="page">\s*'
    r"<strong[^>]*>([^<]+)</strong>"
)


def current_item(html):
    """The label of the menu item marked current, or None."""
    found = CURRENT.findall(html)
    assert len(found) <= 1, found
    return found[0] if found else None


def test_no_page_about_someone_else_is_marked_as_the_readers_own():
    world = generated_world(42, reports=4)
    clients, checked = {}, []
    for page in pages(world):
        if page.missing or page.route.startswith("admin/") or page.role not in world:
            continue
        reader = world[page.role]
        if page.role not in clients:
            clients[page.role] = Client()
            clients[page.role].force_login(reader)
        response = clients[page.role].get(page.url)
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        subject = resolve(page.url).kwargs.get("person_pk")
        if subject is not None and subject != reader.pk:
            label = current_item(response.text)
            checked.append((page.route, label))
            assert not (label or "").startswith("Your"), (page.route, label)
    # The walk reached the pages about a report that a line manager reads.
    assert ("team/<num:person_pk>/journal/", "My team") in checked


def test_a_manager_reading_a_reports_journal_is_in_my_team(client, cast):
    """The shared journal's list and a shared section are both under My team."""
    from careers.journal import services

    owner, manager = cast["owner"], cast["line_manager"]
    journal = services.start_journal(person=owner, year=services.appraisal_year())
    state = journal.section_states.get(section__key="strengths-and-challenges")
    services.share_section(state=state, by=owner)
    client.force_login(manager)
    for url in (
        reverse("shared-journal", args=[owner.pk]),
        reverse("shared-section", args=[owner.pk, journal.year, state.section.key]),
    ):
        assert current_item(client.get(url).text) == "My team", url


def test_the_addresses_before_the_move_send_on_to_the_same_pages(client, cast):
    """A bookmark of a shared journal's old address still reaches it (301), and a read
    recorded with an old address keeps its words on the person's list of reads."""
    from django.contrib.contenttypes.models import ContentType

    from careers.models import Journal
    from people.audit import what_was_read
    from people.models import RecordView

    owner = cast["owner"]
    client.force_login(cast["line_manager"])
    response = client.get(f"/journal/shared/{owner.pk}/")
    assert response.status_code == 301
    assert response["Location"] == reverse("shared-journal", args=[owner.pk])
    moved = client.get(f"/journal/shared/{owner.pk}/2026/strengths-and-challenges/")
    assert moved.status_code == 301
    assert moved["Location"] == reverse(
        "shared-section", args=[owner.pk, 2026, "strengths-and-challenges"]
    )
    old = RecordView(path=f"/journal/shared/{owner.pk}/")
    old.content_type = ContentType.objects.get_for_model(Journal)
    assert what_was_read(old) == "The list of journal sections you shared"
