"""Single sign-on end to end against a real OpenID Connect provider on loopback
(tests/sso_provider.py), with Django's test client; the browser walk is in
tests/browser/test_sso_browser.py."""

import time
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.conf import settings
from django.urls import reverse

from people.models import Person
from tests.factories import PASSWORD, PersonFactory
from tests.sso_provider import PROVIDER_NAME, path_of, provider_fixture, with_query  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def ada(organisation):
    return PersonFactory(
        email="ada.okafor@trellis.example",
        given_name="Ada",
        employee_number="00123",
        unit=organisation["team"],
    )


def to_provider(client, next_path=""):
    """Press "Sign in with …": out, the provider's authorisation address."""
    answer = client.get(reverse("sso-start") + (f"?next={next_path}" if next_path else ""))
    assert answer.status_code == 302
    return answer["Location"]


def sign_in_as(client, provider, sub, next_path=""):
    """The whole round trip: out, Trellis's answer to the provider's return."""
    back = provider.authorise(to_provider(client, next_path), sub)
    return client.get(path_of(back))


def test_the_sign_in_page_offers_the_organisation_beside_passwords(client, provider):
    html = client.get(reverse("login") + "?next=/people/me/").content.decode()
    assert f"Sign in with {PROVIDER_NAME}" in html
    assert 'href="/sign-in/organisation/?next=/people/me/"' in html
    assert 'name="password"' in html  # LOCAL_PASSWORDS is on


def test_signing_in_lands_on_the_persons_home_page(client, provider, ada):
    answer = sign_in_as(client, provider, "Ada.Okafor@Trellis.Example")
    assert (answer.status_code, answer["Location"]) == (302, reverse("home"))
    assert "Hello, Ada" in client.get(reverse("home")).content.decode()


def test_the_page_asked_for_is_where_sign_in_ends(client, provider, ada):
    answer = sign_in_as(client, provider, ada.email, next_path="/people/me/")
    assert answer["Location"] == "/people/me/"
    answer = client.get(reverse("sso-start") + "?next=https://elsewhere.example/")
    assert answer["Location"] == reverse("home")  # signed in already: nowhere else


def test_the_request_carries_state_nonce_and_a_pkce_challenge(client, provider):
    query = parse_qs(urlsplit(to_provider(client)).query)
    assert {"state", "nonce", "code_challenge"} <= set(query)
    assert query["code_challenge_method"] == ["S256"]
    assert query["redirect_uri"] == ["http://testserver/sign-in/organisation/callback/"]


def test_matching_by_employee_number(client, provider, ada, settings):
    settings.OIDC_MATCH_CLAIM = "employee_number"
    settings.OIDC_CLAIM_NAME = "employeeid"
    provider.user("entra-object-id-1", {"employeeid": "00123", "email": "other@nhs.example"})
    assert sign_in_as(client, provider, "entra-object-id-1").status_code == 302
    assert client.get(reverse("home")).context["user"] == ada


def test_an_account_with_no_trellis_person_is_refused_and_not_created(client, provider, ada):
    before = Person.objects.count()
    answer = sign_in_as(client, provider, "Nobody@Trellis.Example")
    html = answer.content.decode()
    assert answer.status_code == 403
    assert "You do not have a Trellis account" in html
    assert "as nobody@trellis.example, but no one in Trellis has that email address" in html
    assert Person.objects.count() == before
    assert client.get(reverse("home")).status_code == 302  # still signed out


def test_an_inactive_person_is_refused(client, provider, ada):
    ada.is_active = False
    ada.save()
    answer = sign_in_as(client, provider, ada.email)
    assert answer.status_code == 403
    assert "Your Trellis account is not active" in answer.content.decode()


def test_a_person_made_inactive_is_signed_out_at_their_next_page(client, provider, ada):
    sign_in_as(client, provider, ada.email)
    Person.objects.filter(pk=ada.pk).update(is_active=False)
    assert client.get(reverse("home")).status_code == 302


def refused_plainly(answer, status=400, words="Sign-in could not be completed"):
    assert answer.status_code == status
    assert words in answer.content.decode()
    return True


def test_a_tampered_state_is_refused(client, provider, ada):
    back = provider.authorise(to_provider(client), ada.email)
    assert refused_plainly(client.get(path_of(with_query(back, state="forged"))))
    assert client.get(reverse("home")).status_code == 302


def test_a_return_used_twice_is_refused(client, provider, ada):
    back = provider.authorise(to_provider(client), ada.email)
    assert client.get(path_of(back)).status_code == 302
    client.post(reverse("logout"))
    assert refused_plainly(client.get(path_of(back)))
    assert client.get(reverse("home")).status_code == 302


def test_another_browsers_return_is_refused(client, provider, ada):
    back = provider.authorise(to_provider(client), ada.email)
    thief = client.__class__()
    assert refused_plainly(thief.get(path_of(back)))
    assert client.get(path_of(back)).status_code == 302  # the browser it was for


def test_an_expired_sign_in_is_refused(client, provider, ada):
    back = provider.authorise(to_provider(client), ada.email)
    session = client.session
    for entry in session["oidc_states"].values():
        entry["added_on"] = time.time() - settings.OIDC_SIGN_IN_SECONDS - 1
    session.save()
    assert refused_plainly(client.get(path_of(back)), words="Signing in took too long")


def test_an_id_token_with_another_nonce_is_refused(client, provider, ada):
    back = provider.authorise(to_provider(client), ada.email)
    session = client.session
    for entry in session["oidc_states"].values():
        entry["nonce"] = "not-the-nonce-the-provider-was-sent"
    session.save()
    assert refused_plainly(client.get(path_of(back)))
    assert client.get(reverse("home")).status_code == 302


def test_a_code_for_another_client_is_refused(client, provider, ada, settings):
    back = provider.authorise(to_provider(client), ada.email)
    settings.OIDC_RP_CLIENT_ID = "another-client"
    assert refused_plainly(client.get(path_of(back)))


def test_an_odd_return_gets_a_plain_page(client, provider):
    for query in ["", "?code=x", "?state=x", "?code=x&state=x", "?state=%00&code=%ff"]:
        assert refused_plainly(client.get(reverse("sso-callback") + query))


def test_cancelling_at_the_provider_says_so(client, provider):
    state = parse_qs(urlsplit(to_provider(client)).query)["state"][0]
    answer = client.get(reverse("sso-callback"), {"error": "access_denied", "state": state})
    assert refused_plainly(answer, 403, "You were not signed in")


def test_a_provider_that_cannot_be_reached_gets_a_plain_page(client, settings):
    settings.OIDC_ISSUER = "http://127.0.0.1:9"  # discard port: nothing listens
    settings.OIDC_TIMEOUT = 2
    answer = client.get(reverse("sso-start"))
    assert refused_plainly(answer, 502, f"Sorry, we cannot reach {settings.OIDC_PROVIDER_NAME}")


def test_a_discovery_document_for_another_issuer_is_not_used(client, provider, monkeypatch):
    real_get = requests.get

    def another_issuers(url, **kwargs):
        answer = real_get(url, **kwargs)
        answer._content = answer.content.replace(b"localhost", b"attacker.example")
        return answer

    monkeypatch.setattr("people.sso.provider.requests.get", another_issuers)
    assert client.get(reverse("sso-start")).status_code == 502


def test_signing_out_offers_the_providers_sign_out_once(client, provider, ada):
    sign_in_as(client, provider, ada.email)
    answer = client.post(reverse("logout"))
    assert answer["Location"] == reverse("login")
    html = client.get(reverse("login")).content.decode()
    assert "You have signed out of Trellis" in html
    link = html.split('id="provider-sign-out"')[1].split('href="')[1].split('"')[0]
    query = parse_qs(urlsplit(link.replace("&amp;", "&")).query)
    assert link.startswith(f"{provider.issuer}/oauth2/end_session?")
    assert query["post_logout_redirect_uri"] == ["http://testserver/sign-in/"]
    assert query["id_token_hint"][0].count(".") == 2  # the ID token, a JWT
    assert client.get(reverse("home")).status_code == 302  # Trellis's session has ended
    assert "You have signed out of Trellis" not in client.get(reverse("login")).content.decode()


def test_signing_out_after_a_password_offers_no_providers_sign_out(client, provider, ada):
    client.post(reverse("login"), {"username": ada.email, "password": PASSWORD})
    client.post(reverse("logout"))
    assert "provider-sign-out" not in client.get(reverse("login")).content.decode()


def test_refused_accounts_do_not_lock_anyone_out(client, provider, ada):
    for n in range(settings.AXES_FAILURE_LIMIT + 1):
        assert sign_in_as(client, provider, f"stranger{n}@trellis.example").status_code == 403
    assert sign_in_as(client, provider, ada.email).status_code == 302
    client.post(reverse("logout"))
    answer = client.post(reverse("login"), {"username": ada.email, "password": PASSWORD})
    assert answer.status_code == 302


def test_passwords_off_leave_single_sign_on_and_break_glass(client, provider, ada, settings):
    settings.LOCAL_PASSWORDS = False
    settings.BREAK_GLASS_ACCOUNTS = []
    assert (
        client.post(reverse("login"), {"username": ada.email, "password": PASSWORD}).status_code
        == 200
    )
    assert sign_in_as(client, provider, ada.email).status_code == 302
    assert client.get(reverse("home")).status_code == 200
    # Nobody but a break-glass account is offered a password to change.
    assert "Change your password" not in client.get(reverse("person-me")).content.decode()


# The new URLs for every role with single sign-on on and passwords off (the access
# matrix, tests/matrix_people_sso.py, has them with the default settings: all 404).
SSO_ON = {
    "sso-start": ("anonymous 302 to the provider", 302, 302),
    "sso-callback": ("no state: a plain refusal", 400, 400),
    "sso-break-glass": ("the password form", 200, 302),
}


@pytest.mark.parametrize("name", SSO_ON)
def test_each_role_with_single_sign_on_on(client, provider, cast, settings, name):
    settings.LOCAL_PASSWORDS = False
    _, anonymous, signed_in = SSO_ON[name]
    assert client.get(reverse(name)).status_code == anonymous
    for person in cast.values():
        client.force_login(person, backend="people.sso.backends.OrganisationAccountBackend")
        assert client.get(reverse(name)).status_code == signed_in, person
        client.logout()
