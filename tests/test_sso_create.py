"""Making a person at a first single sign-on when OIDC_CREATE_PEOPLE is on
(people/sso/creating.py), against the real provider on loopback (tests/sso_provider.py).
With it off (the default), tests/test_sso.py checks that an unknown account is refused."""

import pytest
from django.db.models.query import QuerySet
from django.urls import reverse

from people.models import Person
from people.sso import creating
from tests.factories import PersonFactory
from tests.sso_provider import path_of, provider_fixture  # noqa: F401

pytestmark = pytest.mark.django_db

NEW = "new.starter@trellis.example"


@pytest.fixture
def creating_on(settings, provider):
    settings.OIDC_CREATE_PEOPLE = True
    return provider


@pytest.fixture
def leaver(organisation):
    return PersonFactory(
        email="lee.leaver@trellis.example",
        given_name="Lee",
        employee_number="00777",
        unit=organisation["team"],
        is_active=False,
    )


def sign_in_as(client, provider, sub, claims=None):
    """The whole round trip as `sub` (with `claims` when given): Trellis's answer."""
    if claims is not None:
        provider.user(sub, claims)
    start = client.get(reverse("sso-start"))
    return client.get(path_of(provider.authorise(start["Location"], sub)))


def refused(answer, words):
    html = answer.content.decode()
    assert answer.status_code == 403, html
    assert words in html
    return True


def test_creation_is_off_unless_asked_for(settings):
    from config import settings as configured

    assert configured.OIDC_CREATE_PEOPLE is False
    assert configured.OIDC_CREATE_DOMAINS == []


def test_a_new_account_makes_an_active_person_with_no_unit_manager_or_password(
    client, creating_on
):
    claims = {"email": "New.Starter@Trellis.Example", "given_name": "Nia", "family_name": "Ode"}
    answer = sign_in_as(client, creating_on, "entra-object-id-9", claims)
    assert (answer.status_code, answer["Location"]) == (302, reverse("home"))
    person = Person.objects.get(email=NEW)
    assert (person.given_name, person.family_name, person.employee_number) == ("Nia", "Ode", None)
    assert person.is_active and not person.is_staff and not person.is_superuser
    assert (person.unit, person.line_manager) == (None, None)
    assert not person.has_usable_password()
    page = client.get(reverse("home"))
    assert page.context["user"] == person
    assert "Hello, Nia" in page.content.decode()


def test_the_new_persons_history_says_who_and_what_made_them(client, creating_on):
    sign_in_as(client, creating_on, NEW, {"email": NEW, "given_name": "Nia"})
    person = Person.objects.get(email=NEW)
    [record] = person.history.filter(history_type="+")
    assert record.history_user == person
    assert record.history_change_reason == "Created at first sign-in with single sign-on"
    later = person.history.exclude(pk=record.pk)  # the sign-in's own save (last_login)
    assert all(r.history_change_reason is None for r in later)


def test_the_second_sign_in_finds_the_person_made_at_the_first(client, creating_on):
    claims = {"email": NEW, "given_name": "Nia", "family_name": "Ode"}
    sign_in_as(client, creating_on, NEW, claims)
    made = Person.objects.get(email=NEW)
    before = Person.objects.count()
    client.post(reverse("logout"))
    claims["given_name"] = "Renamed"
    assert sign_in_as(client, creating_on, NEW, claims).status_code == 302
    assert client.get(reverse("home")).context["user"] == made
    assert Person.objects.count() == before
    assert made.history.filter(history_type="+").count() == 1
    made.refresh_from_db()
    assert made.given_name == "Nia"  # signing in again changes nothing


def test_by_employee_number_the_person_gets_the_number_and_the_email_claim(
    client, creating_on, settings
):
    settings.OIDC_MATCH_CLAIM, settings.OIDC_CLAIM_NAME = "employee_number", "employeeid"
    claims = {"employeeid": "00999", "email": NEW, "given_name": "Nia"}
    assert sign_in_as(client, creating_on, "entra-object-id-9", claims).status_code == 302
    made = Person.objects.get(employee_number="00999")
    assert made.email == NEW
    client.post(reverse("logout"))
    assert sign_in_as(client, creating_on, "entra-object-id-9").status_code == 302
    assert client.get(reverse("home")).context["user"] == made
    assert Person.objects.filter(email=NEW).count() == 1


def test_an_employee_number_claim_when_configured_is_kept(client, creating_on, settings):
    settings.OIDC_EMPLOYEE_NUMBER_CLAIM = "employeeid"
    sign_in_as(client, creating_on, NEW, {"email": NEW, "employeeid": "01234"})
    assert Person.objects.get(email=NEW).employee_number == "01234"


def test_a_leaver_signing_in_is_refused_not_made_again(client, creating_on, leaver):
    before = Person.objects.count()
    answer = sign_in_as(client, creating_on, "Lee.Leaver@trellis.example")
    assert refused(answer, "Your Trellis account is not active")
    assert Person.objects.count() == before
    leaver.refresh_from_db()
    assert not leaver.is_active
    assert client.get(reverse("home")).status_code == 302  # still signed out


def test_a_new_employee_number_with_a_leavers_email_is_refused(
    client, creating_on, leaver, settings
):
    settings.OIDC_MATCH_CLAIM, settings.OIDC_CLAIM_NAME = "employee_number", "employeeid"
    before = Person.objects.count()
    claims = {"employeeid": "00888", "email": "LEE.leaver@trellis.example"}
    answer = sign_in_as(client, creating_on, "entra-object-id-8", claims)
    assert refused(answer, "Trellis could not make your account")
    assert "you cannot sign in to" in answer.content.decode()
    assert Person.objects.count() == before
    assert client.get(reverse("home")).status_code == 302


def test_a_new_email_with_a_leavers_employee_number_is_refused(
    client, creating_on, leaver, settings
):
    settings.OIDC_EMPLOYEE_NUMBER_CLAIM = "employeeid"
    before = Person.objects.count()
    answer = sign_in_as(client, creating_on, NEW, {"email": NEW, "employeeid": "00777"})
    assert refused(answer, "Trellis could not make your account")
    assert Person.objects.count() == before


def test_an_address_outside_the_allowed_domains_is_refused(client, creating_on, settings):
    settings.OIDC_CREATE_DOMAINS = ["Trellis.Example", "@nhs.example"]
    before = Person.objects.count()
    for address in ["someone@other.example", "someone@evil.trellis.example"]:
        answer = sign_in_as(client, creating_on, address)
        assert refused(answer, f"You signed in to Demo NHS Trust as {address}")
        assert "this organisation's email addresses" in answer.content.decode()
    assert Person.objects.count() == before
    assert sign_in_as(client, creating_on, "Someone@NHS.example").status_code == 302
    assert Person.objects.filter(email="someone@nhs.example").exists()


@pytest.mark.parametrize(
    "claims",
    [
        {"employeeid": "00999"},  # no email claim
        {"employeeid": "00999", "email": ""},
        {"employeeid": "00999", "email": "not-an-address"},
        {"employeeid": "00999", "email": "nı@trellis.example"},  # not a storable address
    ],
)
def test_no_usable_email_claim_is_refused(client, creating_on, settings, claims):
    settings.OIDC_MATCH_CLAIM, settings.OIDC_CLAIM_NAME = "employee_number", "employeeid"
    before = Person.objects.count()
    answer = sign_in_as(client, creating_on, "entra-object-id-7", claims)
    assert refused(answer, "did not give an email address Trellis can use")
    assert Person.objects.count() == before


def test_matching_by_email_a_value_that_is_not_an_address_is_refused(client, creating_on):
    answer = sign_in_as(client, creating_on, "entra-object-id-7", {"email": "Nia Ode"})
    assert refused(answer, "did not give an email address Trellis can use")
    assert not Person.objects.filter(given_name="Nia").exists()


def test_an_unverified_email_is_refused(client, creating_on, settings):
    settings.OIDC_MATCH_CLAIM, settings.OIDC_CLAIM_NAME = "employee_number", "employeeid"
    claims = {"employeeid": "00999", "email": NEW, "email_verified": False}
    answer = sign_in_as(client, creating_on, "entra-object-id-7", claims)
    assert refused(answer, "has not been checked")
    assert not Person.objects.filter(email=NEW).exists()


def test_an_employee_number_that_is_not_digits_is_refused(client, creating_on, settings):
    settings.OIDC_EMPLOYEE_NUMBER_CLAIM = "employeeid"
    answer = sign_in_as(client, creating_on, NEW, {"email": NEW, "employeeid": "EMP-1"})
    assert refused(answer, "an ESR employee number is digits only")
    assert not Person.objects.filter(email=NEW).exists()


def test_without_name_claims_the_person_is_made_and_greeted_by_email(client, creating_on):
    assert sign_in_as(client, creating_on, NEW).status_code == 302
    made = Person.objects.get(email=NEW)
    assert (made.given_name, made.family_name) == ("", "")
    assert f"Hello, {NEW}" in client.get(reverse("home")).content.decode()


def test_the_same_accounts_other_sign_in_making_the_person_first_ends_in_that_person(
    settings, monkeypatch
):
    settings.OIDC_ISSUER, settings.OIDC_CREATE_PEOPLE = "https://login.example/t/v2.0", True
    made_meanwhile = PersonFactory(email=NEW)
    monkeypatch.setattr(QuerySet, "exists", lambda self: False)  # checked before it was made
    found = creating.create({"email": NEW})
    assert (found.person, found.refusal) == (made_meanwhile, "")
    made_meanwhile.is_active = False
    made_meanwhile.save()
    assert creating.create({"email": NEW}).refusal == "taken"


def test_names_the_id_token_lacks_are_asked_of_user_info_once(client, creating_on, monkeypatch):
    from people.sso.backends import OrganisationAccountBackend

    asked = []

    def user_info(self, access_token, id_token, payload):
        asked.append(payload["sub"])
        return {"sub": payload["sub"], "given_name": "Nia", "family_name": "Ode", "email": "x@y"}

    monkeypatch.setattr(OrganisationAccountBackend, "get_userinfo", user_info)
    assert sign_in_as(client, creating_on, NEW, {"email": NEW}).status_code == 302
    made = Person.objects.get(email=NEW)  # the ID token's email wins over user info's
    assert (made.given_name, made.family_name, asked) == ("Nia", "Ode", [NEW])


def test_user_info_about_another_subject_makes_no_one(client, creating_on, monkeypatch):
    from people.sso.backends import OrganisationAccountBackend

    other = {"sub": "someone-else", "given_name": "Nia"}
    monkeypatch.setattr(OrganisationAccountBackend, "get_userinfo", lambda *args: other)
    answer = sign_in_as(client, creating_on, NEW, {"email": NEW})
    assert answer.status_code == 400
    assert "Sign-in could not be completed" in answer.content.decode()
    assert not Person.objects.filter(email=NEW).exists()
