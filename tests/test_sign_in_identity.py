"""One typed email address is one identity: the account it signs in to, the key its
failed attempts lock, the account a reset link goes to and what is stored all agree,
on SQLite and PostgreSQL alike."""

import sys

import pytest
from django.conf import settings
from django.core import mail
from django.db import IntegrityError, transaction
from django.test import RequestFactory
from django.urls import reverse

from people.admin import PersonCreationForm
from people.auth import lockout_username
from people.forms import ResetPasswordForm, SignInForm
from people.identity import normalise_email
from people.models import Person
from tests.factories import PASSWORD, PersonFactory

pytestmark = pytest.mark.django_db

EMAIL = "isla@trellis.example"

# Spellings that are the same identity as EMAIL: they sign in to that account and
# count their failures against it.
SAME = [
    "isla@trellis.example",
    "ISLA@TRELLIS.EXAMPLE",
    "Isla@Trellis.Example",
    "  isla@trellis.example  ",
    "ｉｓｌａ@trellis.example",  # full-width letters
    "ISLA@ｔｒｅｌｌｉｓ.example",
]
# Look-alikes that are not: each reaches no account at all.
OTHER = [
    "ısla@trellis.example",  # dotless i (U+0131): PostgreSQL's UPPER() makes it "I"
    "İsla@trellis.example",  # capital I with dot (U+0130)
    "іsla@trellis.example",  # Cyrillic і (U+0456)
    "isIa@trellis.example",  # capital I for l: a different address once folded
]


@pytest.fixture
def isla(organisation):
    return PersonFactory(email=EMAIL, unit=organisation["team"])


def sign_in(client, email, password):
    return client.post(reverse("login"), {"username": email, "password": password})


def signed_in(client):
    return client.get(reverse("home")).status_code == 200


def lock_out(client, email=EMAIL):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, email, "wrong-password")


def test_a_look_alike_letter_does_not_sign_in_to_a_locked_account(client, isla):
    lock_out(client)
    response = sign_in(client, "ısla@trellis.example", PASSWORD)
    assert response.status_code != 302
    assert not signed_in(client)
    assert sign_in(client, EMAIL, PASSWORD).status_code == 429
    assert not signed_in(client)


@pytest.mark.parametrize("spelling", OTHER)
def test_look_alikes_reach_no_account_even_with_the_right_password(client, isla, spelling):
    response = sign_in(client, spelling, PASSWORD)
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert not signed_in(client)


@pytest.mark.parametrize("spelling", SAME)
def test_each_spelling_of_the_address_signs_in_to_the_same_account(client, isla, spelling):
    assert sign_in(client, spelling, PASSWORD).status_code == 302
    assert client.get(reverse("home")).context["user"] == isla


@pytest.mark.parametrize("spelling", SAME)
def test_a_locked_account_stays_locked_whatever_the_spelling(client, isla, spelling):
    lock_out(client)
    assert sign_in(client, spelling, PASSWORD).status_code == 429
    assert not signed_in(client)


def test_failures_in_mixed_spellings_lock_the_one_account(client, isla):
    for n in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, SAME[n % len(SAME)], "wrong-password")
    assert sign_in(client, EMAIL, PASSWORD).status_code == 429


def test_sharp_s_and_ss_are_one_address(client, organisation):
    """Full case folding makes "ß" "ss" (Unicode CaseFolding.txt), as mail systems do."""
    person = PersonFactory(email="Straße@trellis.example", unit=organisation["team"])
    assert person.email == "strasse@trellis.example"
    lock_out(client, "strasse@trellis.example")
    assert sign_in(client, "STRAßE@trellis.example", PASSWORD).status_code == 429


def test_the_sign_in_error_is_plain(client, isla):
    html = sign_in(client, EMAIL, "wrong-password").content.decode()
    assert "Enter a correct email address and password" in html
    assert "case-sensitive" not in html


def every_entry_point(spelling):
    """What each way in makes of one typed address: (lockout key, account found by
    sign-in, account a reset goes to, the address the sign-in form passes on, or None
    when the form refuses it as not an email address)."""
    request = RequestFactory().post("/sign-in/", {"username": spelling})
    key = lockout_username(request)
    try:
        account = Person.objects.get_by_natural_key(spelling)
    except Person.DoesNotExist:
        account = None
    reset_to = list(ResetPasswordForm().get_users(spelling))
    form = SignInForm(request, data={"username": spelling, "password": "x"})
    form.is_valid()
    return key, account, reset_to, form.cleaned_data.get("username")


@pytest.mark.parametrize("spelling", SAME + OTHER + ["Straße@trellis.example"])
def test_every_entry_point_agrees_on_who_an_address_is(isla, spelling):
    key, account, reset_to, typed = every_entry_point(spelling)
    assert key == normalise_email(spelling)
    assert typed in (key, None)  # passed on as the same key, or refused as no address
    if key == isla.email:
        assert account == isla
        assert reset_to == [isla]
    else:
        assert account is None
        assert reset_to == []


def test_the_lockout_key_is_the_same_with_or_without_credentials(isla):
    request = RequestFactory().post("/sign-in/", {"username": " ＩＳＬＡ@trellis.example"})
    assert lockout_username(request) == EMAIL
    assert lockout_username(request, {"username": "ISLA@trellis.example"}) == EMAIL


def test_normalising_twice_changes_nothing():
    """Stored addresses are normalised, so normalising a stored one must not move it."""
    for spelling in SAME + OTHER + ["Straße@x.example", "ﬁona@x.example", "K@x.example"]:
        once = normalise_email(spelling)
        assert normalise_email(once) == once
    letters = (chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF)
    moved = [c for c in letters if normalise_email(normalise_email(c)) != normalise_email(c)]
    assert moved == []


def test_a_reset_link_goes_to_the_stored_address_whatever_the_spelling(client, isla):
    client.post(reverse("password_reset"), {"email": "ＩＳＬＡ@Trellis.Example"})
    assert [message.to for message in mail.outbox] == [[EMAIL]]


def test_a_look_alike_gets_no_reset_link(client, isla):
    response = client.post(reverse("password_reset"), {"email": "ısla@trellis.example"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_addresses_are_stored_as_their_identity(organisation):
    person = Person.objects.create_user(
        " Isla.Jones@Trellis.Example ", PASSWORD, given_name="Isla", family_name="Jones"
    )
    person.refresh_from_db()
    assert person.email == "isla.jones@trellis.example"
    person.email = "ISLA.JONES@ｔｒｅｌｌｉｓ.example"
    person.save()
    person.refresh_from_db()
    assert person.email == "isla.jones@trellis.example"


def test_a_second_spelling_of_a_stored_address_cannot_be_stored(isla):
    with pytest.raises(IntegrityError), transaction.atomic():
        PersonFactory(email="ISLA@trellis.example")


@pytest.mark.parametrize("stored", ["Isla@trellis.example", "ısla@trellis.example", " a@b.c"])
def test_the_database_refuses_an_address_that_is_not_normalised(isla, stored):
    """Writes that skip save() (QuerySet.update) are held by the check constraint."""
    with pytest.raises(IntegrityError), transaction.atomic():
        Person.objects.filter(pk=isla.pk).update(email=stored)


def admin_form(email):
    return PersonCreationForm(
        data={
            "email": email,
            "given_name": "Isla",
            "family_name": "Other",
            "usable_password": "true",
            "password1": "a-long-enough-passphrase",
            "password2": "a-long-enough-passphrase",
        }
    )


def test_the_admin_refuses_a_look_alike_address(isla):
    form = admin_form("ısla@trellis.example")
    assert not form.is_valid()
    assert form.errors["email"] == [
        "Enter an email address using only the letters a to z, numbers and "
        "symbols such as . - _ and @"
    ]


def test_the_admin_refuses_another_spelling_of_an_existing_address(isla):
    form = admin_form("ＩＳＬＡ@Trellis.Example")
    assert not form.is_valid()
    assert "email" in form.errors
    assert Person.objects.count() == 1


def test_the_admin_stores_a_new_address_as_its_identity(isla):
    form = admin_form("ＪＯ@Trellis.Example")
    assert form.is_valid(), form.errors
    assert form.save().email == "jo@trellis.example"
