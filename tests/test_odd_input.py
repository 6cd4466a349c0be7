"""Odd values read straight from a request end in a page or a redirect, never a server
error (frontend/parse.py; the request fuzzer, tests/test_fuzz.py, tries them all)."""

import pytest
from django.urls import reverse

from tests.factories import PersonFactory
from tests.factories_learning import BookmarkFactory, InitiativeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def saved(client):
    person = PersonFactory()
    initiative = InitiativeFactory(title="Shadow a ward manager")
    BookmarkFactory(person=person, initiative=initiative)
    client.force_login(person)
    client.raise_request_exception = False
    return initiative


@pytest.mark.parametrize("target", ["abc", "learning:saved", "https://evil.example/", "//evil"])
def test_removing_a_saved_initiative_with_an_odd_way_back_goes_to_the_initiative(
    client, saved, target
):
    response = client.post(reverse("learning:bookmark-remove", args=[saved.pk]), {"next": target})
    assert response.status_code == 302
    assert response["Location"] == saved.get_absolute_url()


def test_removing_a_saved_initiative_goes_back_to_the_saved_list(client, saved):
    url = reverse("learning:saved")
    response = client.post(reverse("learning:bookmark-remove", args=[saved.pk]), {"next": url})
    assert response["Location"] == url


def test_every_number_in_a_url_is_read_by_the_bounded_converter():
    """`<int:...>` matches a number of any length; `<num:...>` only one a database holds."""
    from tests.test_access_matrix import all_patterns

    unbounded = [r for r in all_patterns() if "<int:" in r and not r.startswith("admin/")]
    assert unbounded == []


@pytest.mark.parametrize("number", ["9223372036854775808", "9" * 30, "9" * 5000])
def test_a_number_too_big_for_any_record_in_the_address_is_page_not_found(client, number):
    manager = PersonFactory()
    client.force_login(manager)
    client.raise_request_exception = False
    for path in (f"/team/{number}/journal/", f"/people/{number}/", f"/conversations/{number}/"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert "Page not found" in response.content.decode(), path
