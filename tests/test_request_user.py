"""A page that needs sign-in gets the person itself as request.user (people.timeout)."""

import pytest
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.db import connection
from django.http import HttpResponse
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils.functional import SimpleLazyObject, empty

from people.models import Person
from people.timeout import LoginRequiredMiddleware
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _page(request):
    return HttpResponse("page")


@login_not_required
def _open_page(request):
    return HttpResponse("open")


def _request(client, person=None):
    """A GET request through the session and authentication middleware, as a page gets
    it: request.user is Django's lazy stand-in, not yet read."""
    if person is not None:
        client.force_login(person)
    request = RequestFactory().get("/somewhere/")
    request.COOKIES = {k: v.value for k, v in client.cookies.items()}
    SessionMiddleware(_page).process_request(request)
    AuthenticationMiddleware(_page).process_request(request)
    return request


def test_a_page_that_needs_sign_in_gets_the_person_itself(client, organisation):
    person = PersonFactory(unit=organisation["team"])
    request = _request(client, person)
    assert request.user._wrapped is empty
    refused = LoginRequiredMiddleware(_page).process_view(request, _page, (), {})
    assert refused is None
    assert type(request.user) is Person and request.user.pk == person.pk
    # Read once: the view reads the person with no query of its own.
    with CaptureQueriesContext(connection) as queries:
        assert request.user.is_authenticated and request.user.full_name
    assert len(queries) == 0


def test_a_page_open_to_all_reads_nobody_unasked(client, organisation):
    request = _request(client, PersonFactory(unit=organisation["team"]))
    with CaptureQueriesContext(connection) as queries:
        LoginRequiredMiddleware(_open_page).process_view(request, _open_page, (), {})
    assert len(queries) == 0
    assert isinstance(request.user, SimpleLazyObject) and request.user._wrapped is empty


def test_nobody_signed_in_is_sent_to_sign_in_with_the_stand_in_kept(client):
    request = _request(client)
    refused = LoginRequiredMiddleware(_page).process_view(request, _page, (), {})
    assert refused.status_code == 302 and "/sign-in/" in refused["Location"]
    assert isinstance(request.user, SimpleLazyObject)
    assert not request.user.is_authenticated
