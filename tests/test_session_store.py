"""Trellis's session store reads what Django's database store reads, by a statement
compiled once (people.sessions, docs/adr/0089): a live session's data, and nothing for a
session that has expired, was deleted (signed out elsewhere) or has no key."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore as DjangoStore
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from people.sessions import SessionStore

pytestmark = pytest.mark.django_db


def _saved(**data):
    store = SessionStore()
    store.update(data)
    store.save()
    return store.session_key


def test_trellis_uses_its_store():
    assert settings.SESSION_ENGINE == "people.sessions"


def test_a_live_session_reads_as_djangos_store_reads_it():
    key = _saved(colour="teal", count=3)
    assert SessionStore(key).load() == DjangoStore(key).load() == {"colour": "teal", "count": 3}


@pytest.mark.parametrize("seconds", [0, -1, -3600])
def test_an_expired_session_reads_as_nothing_and_its_key_is_forgotten(seconds):
    key = _saved(colour="teal")
    Session.objects.filter(pk=key).update(expire_date=timezone.now() + timedelta(seconds=seconds))
    store = SessionStore(key)
    assert store.load() == {} and store.session_key is None


def test_a_session_about_to_expire_still_reads():
    key = _saved(colour="teal")
    Session.objects.filter(pk=key).update(expire_date=timezone.now() + timedelta(seconds=60))
    assert SessionStore(key).load() == {"colour": "teal"}


def test_a_deleted_or_unknown_session_reads_as_nothing():
    key = _saved(colour="teal")
    Session.objects.filter(pk=key).delete()
    assert SessionStore(key).load() == {}
    assert SessionStore("x" * 32).load() == {}
    assert SessionStore(None).load() == {}


def test_a_session_ended_by_its_clock_sends_the_person_to_sign_in(client, cast):
    client.force_login(cast["owner"])
    assert client.get(reverse("home")).status_code == 200
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    assert client.get(reverse("home")).status_code == 302


@pytest.mark.parametrize(
    "cookie",
    [
        '"abcdefgh\\000ijk"',
        "abcdefghijk\\000",
        '"' + "a" * 39 + '\\000"',
        "ABCDEFGHIJKLMNOP",
        "a" * 41,
    ],
)
def test_a_cookie_with_a_key_django_never_makes_reads_as_signed_out(client, cookie):
    # \000 is a NUL once Django has read the cookie: PostgreSQL refuses it in text.
    answer = client.get(reverse("home"), HTTP_COOKIE=f"sessionid={cookie}")
    assert answer.status_code == 302 and answer["Location"].startswith(reverse("login"))
    assert client.get(reverse("login"), HTTP_COOKIE=f"sessionid={cookie}").status_code == 200


def test_a_key_of_a_stored_session_in_other_letters_names_nothing():
    key = _saved(colour="teal")
    assert SessionStore(key.upper()).load() == {}
    assert SessionStore(key).load() == {"colour": "teal"}
