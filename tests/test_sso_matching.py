"""Which Trellis person an organisation account is (people.sso.matching), and the switch
that leaves passwords to break-glass administrators (people.sso.policy)."""

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from people.models import Person
from people.sso.matching import Match, match
from tests.factories import PASSWORD, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def ada(organisation):
    return PersonFactory(
        email="ada.okafor@trellis.example", employee_number="00123", unit=organisation["team"]
    )


@pytest.mark.parametrize(
    "claim",
    [
        "ada.okafor@trellis.example",
        "  Ada.Okafor@Trellis.Example ",
        "ＡＤＡ.okafor@trellis.example",  # full-width letters
    ],
)
def test_an_email_claim_finds_the_person_as_a_typed_address_would(ada, claim):
    assert match({"email": claim}, by="email", claim="email") == Match(ada, "", ada.email)


def test_a_look_alike_email_finds_no_one(ada):
    found = match({"email": "ada.okafır@trellis.example"}, by="email", claim="email")
    assert (found.person, found.refusal) == (None, "unknown")


def test_another_claim_can_carry_the_email(ada):
    claims = {"email": "someone@else.example", "preferred_username": "ADA.OKAFOR@trellis.example"}
    assert match(claims, by="email", claim="preferred_username").person == ada


def test_an_email_the_provider_says_is_unverified_is_refused(ada):
    claims = {"email": ada.email, "email_verified": False}
    assert match(claims, by="email", claim="email").refusal == "unverified"


@pytest.mark.parametrize("claim", ["00123", " 00123 "])
def test_an_employee_number_finds_the_person_exactly(ada, claim):
    found = match({"employee_number": claim}, by="employee_number", claim="employee_number")
    assert found.person == ada


@pytest.mark.parametrize("claim", ["123", "0123", 123, "00123a", "ada.okafor@trellis.example"])
def test_any_other_employee_number_finds_no_one(ada, claim):
    found = match({"employee_number": claim}, by="employee_number", claim="employee_number")
    assert (found.person, found.refusal) == (None, "unknown")


NO_VALUE = [{}, {"email": ""}, {"email": "  "}, {"email": True}, {"email": None},
            {"email": ["ada.okafor@trellis.example"]}]  # fmt: skip


@pytest.mark.parametrize("claims", NO_VALUE)
def test_no_value_in_the_claim_is_refused_as_such(ada, claims):
    assert match(claims, by="email", claim="email").refusal == "no-claim"


def test_an_inactive_person_is_refused_and_nobody_is_created(ada):
    ada.is_active = False
    ada.save()
    before = Person.objects.count()
    assert match({"email": ada.email}, by="email", claim="email").refusal == "inactive"
    assert match({"email": "new@trellis.example"}, by="email", claim="email").refusal == "unknown"
    assert Person.objects.count() == before


# The local-passwords switch -------------------------------------------------------------


@pytest.fixture
def passwords_off(settings):
    settings.OIDC_ISSUER = "https://login.example/tenant/v2.0"  # never asked in these tests
    settings.OIDC_PROVIDER_NAME = "Demo NHS Trust"
    settings.LOCAL_PASSWORDS = False
    settings.BREAK_GLASS_ACCOUNTS = ["Admin.Breakglass@trellis.example"]


@pytest.fixture
def admin(organisation):
    return PersonFactory(
        email="admin.breakglass@trellis.example", administrator=True, unit=organisation["org"]
    )


def sign_in(client, email, url="login"):
    return client.post(reverse(url), {"username": email, "password": PASSWORD})


def test_with_passwords_on_anyone_signs_in_with_a_password_and_no_break_glass_page(client, ada):
    assert sign_in(client, ada.email).status_code == 302
    client.logout()
    assert client.get(reverse("sso-break-glass")).status_code == 404


def test_with_passwords_off_the_sign_in_page_offers_only_the_organisation(client, passwords_off):
    html = client.get(reverse("login")).content.decode()
    assert "Sign in with Demo NHS Trust" in html
    assert 'name="password"' not in html
    assert "Forgotten your password?" not in html
    assert 'href="/sign-in/password/">Administrator sign-in with a password' in html


def test_with_passwords_off_only_a_break_glass_account_signs_in_with_one(
    client, ada, admin, passwords_off
):
    refused = sign_in(client, ada.email, "sso-break-glass")
    assert refused.status_code == 200
    assert "Enter a correct email address and password" in refused.content.decode()
    assert sign_in(client, ada.email).status_code == 200  # the plain sign-in URL too
    assert client.get(reverse("home")).status_code == 302
    answer = sign_in(client, "ADMIN.breakglass@trellis.example", "sso-break-glass")
    assert (answer.status_code, answer["Location"]) == (302, reverse("home"))


def test_a_listed_address_that_is_not_the_persons_does_not_help(client, ada, passwords_off):
    settings.BREAK_GLASS_ACCOUNTS.append("someone.else@trellis.example")
    assert sign_in(client, ada.email, "sso-break-glass").status_code == 200


def test_with_passwords_off_a_password_session_ends_unless_break_glass(
    client, ada, admin, settings
):
    admins_browser = client.__class__()
    sign_in(client, ada.email)
    sign_in(admins_browser, admin.email)
    settings.OIDC_ISSUER = "https://login.example/tenant/v2.0"
    settings.LOCAL_PASSWORDS = False
    settings.BREAK_GLASS_ACCOUNTS = [admin.email]
    assert client.get(reverse("home")).status_code == 302  # sent to sign in
    assert admins_browser.get(reverse("home")).status_code == 200


def test_with_passwords_off_reset_links_go_only_to_break_glass_accounts(
    client, ada, admin, passwords_off
):
    for person in (ada, admin):
        answer = client.post(reverse("password_reset"), {"email": person.email})
        assert answer["Location"] == reverse("password_reset_done")
    assert [message.to for message in mail.outbox] == [[admin.email]]


def test_the_break_glass_page_locks_out_after_repeated_failures(client, admin, passwords_off):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("sso-break-glass"), {"username": admin.email, "password": "wrong"})
    answer = sign_in(client, admin.email, "sso-break-glass")
    assert answer.status_code == 429
    assert "Too many attempts to sign in" in answer.content.decode()


# The ID token's issuer and audience, which the library leaves unchecked ----------------

ISSUER = "https://login.example/tenant/v2.0"


@pytest.mark.parametrize(
    "payload",
    [
        {"iss": "https://login.example/another-tenant/v2.0", "aud": "trellis"},
        {"aud": "trellis"},
        {"iss": ISSUER, "aud": "another-client"},
        {"iss": ISSUER, "aud": ["another-client"]},
        {"iss": ISSUER},
    ],
)
def test_an_id_token_from_another_issuer_or_for_another_client_is_refused(
    settings, monkeypatch, payload
):
    from django.core.exceptions import SuspiciousOperation
    from mozilla_django_oidc.auth import OIDCAuthenticationBackend

    from people.sso.backends import OrganisationAccountBackend

    settings.OIDC_ISSUER, settings.OIDC_RP_CLIENT_ID = ISSUER, "trellis"
    checked = lambda self, token, **kwargs: payload  # noqa: E731 - signature and nonce passed
    monkeypatch.setattr(OIDCAuthenticationBackend, "verify_token", checked)
    with pytest.raises(SuspiciousOperation):
        OrganisationAccountBackend().verify_token("a.signed.token", nonce="n")
    payload.update(iss=ISSUER, aud=["another-client", "trellis"])
    assert OrganisationAccountBackend().verify_token("a.signed.token", nonce="n") == payload
