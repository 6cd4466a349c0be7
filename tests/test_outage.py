"""With the database down, people get a 503 page asking them to come back, never a 500,
and the health check says so without touching anyone's session."""

import logging
from contextlib import contextmanager
from unittest import mock

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.db import InterfaceError, OperationalError, connection
from django.test import Client
from django.urls import reverse

from careers.journal import services
from tests.test_journal import STRENGTHS, page_data, question, url

pytestmark = pytest.mark.django_db

UNAVAILABLE = "Sorry, the service is unavailable"


@pytest.fixture
def author(cast):
    return cast["owner"]


@pytest.fixture
def browser(author):
    """A signed-in browser whose failed requests answer as a server would."""
    client = Client(raise_request_exception=False)
    client.force_login(author)
    return client


@contextmanager
def database_down():
    """Every query fails as it does when PostgreSQL is stopped."""

    def refuse(execute, sql, params, many, context):
        raise OperationalError("connection to server failed: Connection refused")

    with connection.execute_wrapper(refuse):
        yield


def assert_unavailable(response, author):
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert UNAVAILABLE in html and "Try again in a few minutes" in html
    assert "Saved" not in html
    # Rendered without the session: no name in the header, no menu.
    assert author.full_name not in html and "Sign out" not in html


def test_a_save_failing_on_the_database_answers_503_not_saved(browser, author):
    journal = services.start_journal(person=author, year=services.appraisal_year())
    data = page_data(browser, journal, STRENGTHS)
    data[f"q{question(journal, 'sc-describe-me').pk}"] = "Calm under pressure"
    lost = OperationalError("server closed the connection unexpectedly")
    with mock.patch.object(services, "save_answers", side_effect=lost):
        response = browser.post(url(journal, STRENGTHS, "autosave"), data, HTTP_HX_REQUEST="true")
    assert_unavailable(response, author)


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_a_session_that_cannot_be_read_answers_503(browser, author, error, caplog):
    with mock.patch.object(SessionStore, "load", side_effect=error("connection already closed")):
        response = browser.get(reverse("home"))
    assert_unavailable(response, author)
    # One line in the log for one request, however many middlewares meet the error.
    logged = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert [r.getMessage() for r in logged] == [
        f"Database unavailable: 503 for GET / ({error.__name__}: connection already closed)"
    ]


def test_every_query_failing_still_gives_the_503_page(browser, author):
    with database_down():
        response = browser.get(reverse("home"))
    assert_unavailable(response, author)


def test_the_retry_after_is_a_setting(browser, author, settings):
    settings.OUTAGE_RETRY_AFTER = 120
    with database_down():
        response = browser.get(reverse("home"))
    assert response.status_code == 503 and response["Retry-After"] == "120"


def test_other_errors_are_still_500(browser, author):
    with mock.patch("people.views.render", side_effect=ValueError("a bug")):
        response = browser.get(reverse("home"))
    assert response.status_code == 500
    assert "Retry-After" not in response
    assert "Sorry, there is a problem with the service" in response.content.decode()


def test_health_never_reads_or_writes_the_session(browser):
    broken = OperationalError("the session table is unreachable")
    with (
        mock.patch.object(SessionStore, "load", side_effect=broken),
        mock.patch.object(SessionStore, "save", side_effect=broken),
    ):
        response = browser.get(reverse("health"))
    assert response.status_code == 200 and response.json() == {"status": "ok"}
    assert "Set-Cookie" not in response.headers and not response.cookies


def test_health_says_503_while_the_database_does_not_answer(browser):
    with database_down():
        response = browser.get(reverse("health"))
    assert response.status_code == 503 and response.json() == {"status": "unavailable"}
    assert "Set-Cookie" not in response.headers
