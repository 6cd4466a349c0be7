"""Password reset requests send a few emails an hour per address and per client, and
the page says the same thing whether or not an email went or the address is anyone's."""

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db

EMAIL = "isla@trellis.example"


@pytest.fixture
def isla(organisation):
    return PersonFactory(email=EMAIL, unit=organisation["team"])


def ask(client, email, ip="203.0.113.5"):
    return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=ip)


def test_twenty_requests_for_one_address_send_only_the_limit(client, isla):
    responses = [ask(client, EMAIL) for _ in range(20)]
    assert len(mail.outbox) == settings.PASSWORD_RESET_LIMIT_PER_ADDRESS == 3
    assert {(r.status_code, r["Location"]) for r in responses} == {
        (302, reverse("password_reset_done"))
    }


def test_spelling_the_address_differently_does_not_get_more_emails(client, isla):
    for n in range(12):
        ask(client, ["ISLA@trellis.example", " ｉｓｌａ@trellis.example", EMAIL][n % 3])
    assert len(mail.outbox) == settings.PASSWORD_RESET_LIMIT_PER_ADDRESS


def test_another_address_is_still_served(client, isla, organisation):
    other = PersonFactory(email="omar@trellis.example", unit=organisation["team"])
    for _ in range(20):
        ask(client, EMAIL)
    ask(client, other.email)
    assert [m.to for m in mail.outbox][-1] == [other.email]


def test_one_client_asking_for_many_addresses_is_limited(client, organisation, settings):
    settings.PASSWORD_RESET_LIMIT_PER_CLIENT = 4
    people = [PersonFactory(unit=organisation["team"]) for _ in range(6)]
    for person in people:
        ask(client, person.email, ip="198.51.100.9")
    assert len(mail.outbox) == 4
    ask(client, people[-1].email, ip="198.51.100.10")  # someone else, elsewhere
    assert mail.outbox[-1].to == [people[-1].email]
    assert len(mail.outbox) == 5


def test_the_answer_is_the_same_for_a_throttled_and_an_unknown_address(client, isla):
    for _ in range(settings.PASSWORD_RESET_LIMIT_PER_ADDRESS):
        ask(client, EMAIL)
    throttled = ask(client, EMAIL, ip="203.0.113.6")
    unknown = ask(client, "nobody@trellis.example", ip="203.0.113.7")
    assert (throttled.status_code, throttled["Location"]) == (
        unknown.status_code,
        unknown["Location"],
    )
    page = client.get(throttled["Location"]).content.decode()
    assert "Check your email" in page
    assert "We only send a few links an hour to the same email address" in page


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_requests_at_the_same_moment_share_one_count():
    """Each web process counts in the database; concurrent requests never both see
    room for one more (PostgreSQL, where requests really run at once)."""
    from concurrent.futures import ThreadPoolExecutor
    from datetime import timedelta
    from threading import Barrier

    from django.db import connection, connections

    from people import throttle

    if connection.vendor != "postgresql":
        pytest.skip("SQLite runs one write at a time")
    start = Barrier(8)

    def one_request(_):
        start.wait()
        try:
            return throttle.hit("test", EMAIL, limit=3, period=timedelta(hours=1))
        finally:
            connections.close_all()

    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(one_request, range(8)))
    assert answers.count(True) == 3
