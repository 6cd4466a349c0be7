"""Signing in and out, throttling, password reset, sessions that end."""

import re

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(organisation):
    return PersonFactory(email="amira.khan@trellis.example", unit=organisation["team"])


def sign_in(client, email, password):
    return client.post(reverse("login"), {"username": email, "password": password})


def test_it_signs_in_with_email_and_lands_on_home(client, person):
    response = sign_in(client, "Amira.Khan@trellis.example", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    home = client.get(reverse("home"))
    assert f"Hello, {person.given_name}" in home.content.decode()


def test_wrong_password_shows_error_summary_and_keeps_email(client, person):
    response = sign_in(client, person.email, "not-the-password")
    html = response.content.decode()
    assert response.status_code == 200
    assert "nhsuk-error-summary" in html
    assert "There is a problem" in html
    assert "Enter a correct email address and password" in html
    assert f'value="{person.email}"' in html
    assert "<title>Error: Sign in" in html


def test_empty_form_names_each_missing_field(client, person):
    html = sign_in(client, "", "").content.decode()
    assert "Enter your email address" in html
    assert "Enter your password" in html
    assert 'href="#id_username"' in html
    assert 'href="#id_password"' in html


def test_it_refuses_after_repeated_failures_with_a_clear_message(client, person):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, person.email, "wrong-password")
    response = sign_in(client, person.email, PASSWORD)
    html = response.content.decode()
    assert response.status_code == 429
    assert "Too many attempts to sign in" in html
    assert client.get(reverse("home")).status_code == 302  # still signed out


def test_a_success_before_the_limit_clears_the_failures(client, person):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, person.email, "wrong-password")
    assert sign_in(client, person.email, PASSWORD).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, person.email, "wrong-password")
    assert sign_in(client, person.email, PASSWORD).status_code == 302


def test_a_closed_account_cannot_sign_in(client, person):
    person.is_active = False
    person.save()
    response = sign_in(client, person.email, PASSWORD)
    assert response.status_code == 200
    assert client.get(reverse("home")).status_code == 302


def test_sign_out_is_a_post_and_ends_the_session(client, person):
    client.force_login(person)
    assert client.post(reverse("logout")).status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_password_reset_emails_a_working_link(client, person):
    response = client.post(reverse("password_reset"), {"email": person.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^/]+(/account/reset/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    new_password = "a-brand-new-passphrase-2026"
    done = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else link,
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert done.status_code == 302
    assert sign_in(client, person.email, new_password).status_code == 302


def test_a_locked_out_person_who_resets_their_password_can_sign_in(client, person):
    """The lockout page offers a password reset: following it must let the person in."""
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, person.email, "wrong-password")
    assert sign_in(client, person.email, PASSWORD).status_code == 429
    client.post(reverse("password_reset"), {"email": person.email})
    link = re.search(r"https?://[^/]+(/account/reset/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    new_password = "a-brand-new-passphrase-2026"
    client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert sign_in(client, person.email, new_password).status_code == 302


def test_trying_again_while_locked_out_does_not_lengthen_the_lock(client, person):
    """The lockout page says 15 minutes: tries meanwhile do not restart the clock."""
    from datetime import timedelta

    from axes.models import AccessAttempt
    from django.db.models import F

    def minutes_pass(minutes):
        AccessAttempt.objects.update(attempt_time=F("attempt_time") - timedelta(minutes=minutes))

    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, person.email, "wrong-password")
    minutes_pass(10)
    assert sign_in(client, person.email, PASSWORD).status_code == 429
    minutes_pass(6)  # 16 minutes after the lock, 6 after the last try
    assert sign_in(client, person.email, PASSWORD).status_code == 302


def test_password_reset_does_not_reveal_unknown_addresses(client, person):
    response = client.post(reverse("password_reset"), {"email": "nobody@trellis.example"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_password_change_keeps_text_and_explains_mismatch(client, person):
    client.force_login(person)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "first-new-passphrase",
            "new_password2": "second-new-passphrase",
        },
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "nhsuk-error-summary" in html
    assert "Enter the same password in both boxes" in html


def test_new_password_hints_say_what_to_do_in_one_sentence(client, person, settings):
    """Django's own hint is a list of four "can’t"s; NHS.UK style says what to do."""
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    settings.AUTH_PASSWORD_VALIDATORS = [
        {
            "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
            "OPTIONS": {"min_length": 15},
        }
    ]
    uid = urlsafe_base64_encode(force_bytes(person.pk))
    token = default_token_generator.make_token(person)
    reset = client.get(reverse("password_reset_confirm", args=[uid, token]), follow=True)
    client.force_login(person)
    change = client.get(reverse("password_change"))
    for response in (reset, change):
        html = response.content.decode()
        assert "Use at least 15 characters. Do not use your name or email address" in html
        assert "Type the same password again to check it." in html
        assert "can’t" not in html and "<ul><li>Your password" not in html


def test_an_idle_session_ends_and_asks_the_person_to_sign_in_again(client, person):
    from datetime import timedelta

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    client.force_login(person)
    assert client.get(reverse("home")).status_code == 200
    idle = timezone.now() - timedelta(seconds=1)
    Session.objects.update(expire_date=idle)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_failures_count_whatever_the_case_of_the_email(client, person):
    for n in range(settings.AXES_FAILURE_LIMIT):
        email = person.email.upper() if n % 2 else person.email
        sign_in(client, email, "wrong-password")
    assert sign_in(client, person.email, PASSWORD).status_code == 429


def test_activity_keeps_a_session_alive_without_writing_on_every_request(client, person):
    from django.contrib.sessions.models import Session
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from people.middleware import REFRESHED_KEY

    client.force_login(person)
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("home"))
    writes = [q["sql"] for q in queries if q["sql"].startswith("UPDATE")]
    assert not [sql for sql in writes if "django_session" in sql]

    session = client.session
    session[REFRESHED_KEY] = 0  # the last refresh was long ago
    session.save()
    before = Session.objects.get().expire_date
    client.get(reverse("home"))
    assert Session.objects.get().expire_date > before


def test_guessing_the_current_password_while_signed_in_locks_and_signs_out(client, person):
    """A session left open is no way round the lockout: wrong current passwords on
    "Change your password" count as failed sign-ins."""
    client.force_login(person)
    url = reverse("password_change")
    new = "a-brand-new-passphrase-2026"
    tries = [
        client.post(
            url, {"old_password": f"guess-{n}", "new_password1": new, "new_password2": new}
        )  # fmt: skip
        for n in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert [t.status_code for t in tries[:-1]] == [200] * (settings.AXES_FAILURE_LIMIT - 1)
    assert "Your current password is not correct" in tries[0].content.decode()
    assert tries[-1].status_code == 429
    assert client.get(reverse("home")).status_code == 302  # signed out
    assert sign_in(client, person.email, PASSWORD).status_code == 429  # and locked


def test_changing_the_password_with_the_right_current_one_still_works(client, person):
    client.force_login(person)
    new = "a-brand-new-passphrase-2026"
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response.status_code == 302
    client.logout()
    assert sign_in(client, person.email, new).status_code == 302
