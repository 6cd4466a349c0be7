"""The warning before an idle sign-out, its "Stay signed in" endpoint, and the sign-in
page saying why the person was signed out (people.timeout)."""

import secrets
import time
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.core import signing
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from frontend import kept
from people import timeout
from people.middleware import REFRESHED_KEY
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

REASON = (
    "You were signed out because you were inactive for 60 minutes. Anything you saved is kept."
)


@pytest.fixture
def person(organisation):
    return PersonFactory(unit=organisation["team"])


def _expire_soon(minutes=10):
    """The session's expiry, moved to `minutes` from now; answers the new expiry."""
    expiry = timezone.now() + timedelta(minutes=minutes)
    Session.objects.update(expire_date=expiry)
    return expiry


def test_stay_signed_in_renews_the_whole_idle_time_even_just_after_a_renewal(client, person):
    client.force_login(person)
    session = client.session
    session[REFRESHED_KEY] = int(time.time())  # renewed a moment ago: the middleware waits
    session.save()
    soon = _expire_soon()
    response = client.post(reverse("session-extend"))
    assert response.status_code == 204
    assert response.content == b""
    expiry = Session.objects.get().expire_date
    assert expiry > soon + timedelta(minutes=49)  # 60 minutes from now, not 10


def test_stay_signed_in_is_csrf_protected(person):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(person)
    assert browser.post(reverse("session-extend")).status_code == 403
    page = browser.get(reverse("home"))  # sets the CSRF cookie, as a page does
    token = page.context["csrf_token"]
    response = browser.post(reverse("session-extend"), HTTP_X_CSRFTOKEN=str(token))
    assert response.status_code == 204


def test_stay_signed_in_answers_401_when_signed_out_and_only_takes_post(client, person):
    assert client.post(reverse("session-extend")).status_code == 401
    client.force_login(person)
    assert client.get(reverse("session-extend")).status_code == 405


def test_a_signed_in_page_carries_the_dialog_and_its_times(client, person, settings):
    settings.SESSION_COOKIE_AGE = 120
    settings.SESSION_WARNING_SECONDS = 60
    client.force_login(person)
    session = client.session
    session[REFRESHED_KEY] = 0  # last renewed long ago: this request renews it
    session.save()
    html = client.get(reverse("home")).content.decode()
    assert '<dialog class="trellis-timeout-warning" id="timeout-warning"' in html
    assert 'data-seconds-left="120"' in html  # renewed by this request: all of it is left
    assert 'data-warning-seconds="60"' in html
    assert 'data-idle-seconds="120"' in html
    assert "js/timeout-warning.js" in html
    client.logout()
    html = client.get(reverse("login")).content.decode()
    assert "timeout-warning" not in html


def test_seconds_left_counts_from_the_last_renewal(settings):
    settings.SESSION_COOKIE_AGE = 3600
    now = 1_000_000
    assert timeout.seconds_left({REFRESHED_KEY: now - 30}, now=now) == 3570
    assert timeout.seconds_left({REFRESHED_KEY: now - 60}, now=now) == 3600  # renewed now
    assert timeout.seconds_left({}, now=now) == 3600


def test_a_session_that_ended_while_idle_is_told_why_on_the_sign_in_page(client, person):
    client.force_login(person)
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    html = client.get(response["Location"]).content.decode()
    assert REASON in html
    # Said once: the sign-in page shown again does not repeat it.
    assert REASON not in client.get(reverse("login")).content.decode()


def test_a_first_visit_and_an_ordinary_sign_out_give_no_reason(client, person):
    client.get(reverse("home"))
    assert REASON not in client.get(reverse("login")).content.decode()
    client.force_login(person)
    response = client.post(reverse("logout"))
    assert response["Location"] == reverse("login")
    assert REASON not in client.get(reverse("login")).content.decode()


def test_the_dialogs_sign_out_when_time_ran_out_says_why(client, person, settings):
    settings.SESSION_COOKIE_AGE = 120
    client.force_login(person)
    response = client.post(reverse("logout"), {"reason": "idle"})
    assert response["Location"] == reverse("login")
    assert client.get(reverse("home")).status_code == 302  # signed out
    html = client.get(reverse("login")).content.decode()
    assert "inactive for 2 minutes. Anything you saved is kept." in html


def test_the_dialogs_sign_out_after_the_session_already_ended_still_says_why(client, person):
    client.force_login(person)
    Session.objects.all().delete()
    response = client.post(reverse("logout"), {"reason": "idle"})
    assert response["Location"] == reverse("login")
    assert REASON in client.get(reverse("login")).content.decode()


def test_a_form_sent_after_the_session_ended_keeps_its_text_and_says_why(client, person):
    client.force_login(person)
    claim = {"u": person.pk, "p": reverse("home"), "n": secrets.token_urlsafe(12)}
    token = signing.dumps(claim, salt=kept.SALT)
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.post(reverse("home"), {kept.OWNER_FIELD: token, "note": "Typed text"})
    assert response.status_code == 302
    assert client.session[kept.SESSION_KEY]["fields"] == {"note": ["Typed text"]}
    assert REASON in client.get(response["Location"]).content.decode()
