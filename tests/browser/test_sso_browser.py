"""Single sign-on in a real browser against a real OpenID Connect provider on loopback
(oidc-provider-mock, tests/sso_provider.py); axe on every Trellis page.

The provider's own pages (choosing an identity, ending its session) stand for Entra ID's
and are not Trellis's: they are used, not checked with axe (`at_provider`)."""

import re

import pytest
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from playwright.sync_api import expect

from people.models import Person
from tests.browser.conftest import accessible
from tests.factories import PASSWORD, PersonFactory
from tests.sso_provider import PROVIDER_NAME, provider_fixture, with_query  # noqa: F401

CALLBACK = re.compile(r".*/sign-in/organisation/callback/.*")


@pytest.fixture
def sso_page(page, provider):
    """The browser, with the provider's stylesheet (from a CDN) served empty: no network."""
    page.context.route(
        re.compile(r"https://cdn\.jsdelivr\.net/.*"),
        lambda route: route.fulfill(status=200, content_type="text/css", body=""),
    )
    return page


def at_provider(page, provider):
    """Wait for the provider's page; it is the provider's, not checked with axe."""
    expect(page).to_have_url(re.compile(re.escape(provider.issuer)))
    page.wait_for_load_state("load")
    checks = page.trellis_checks
    checks.unchecked[:] = [u for u in checks.unchecked if not u.startswith(provider.issuer)]


def choose_identity(page, provider, sub):
    at_provider(page, provider)
    page.get_by_label("Subject").fill(sub)
    page.get_by_role("button", name="Authorize", exact=True).click()


def start(page, provider):
    page.goto("/")
    accessible(page)
    page.get_by_role("button", name=f"Sign in with {PROVIDER_NAME}").click()
    at_provider(page, provider)


def test_signing_in_lands_on_home_and_signing_out_offers_the_providers(
    sso_page, provider, organisation
):
    page = sso_page
    PersonFactory(email="ada.okafor@trellis.example", given_name="Ada", unit=organisation["team"])
    page.goto("/")
    accessible(page, screenshot="sso-sign-in")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Trellis")
    page.get_by_role("button", name=f"Sign in with {PROVIDER_NAME}").click()
    choose_identity(page, provider, "Ada.Okafor@trellis.example")
    accessible(page, screenshot="sso-home")
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Ada")

    page.get_by_role("button", name="Sign out").click()
    accessible(page, screenshot="sso-signed-out")
    offer = page.locator("#provider-sign-out")
    expect(offer).to_contain_text("You have signed out of Trellis")
    offer.get_by_role("link", name=f"Sign out of your {PROVIDER_NAME}").click()
    at_provider(page, provider)
    page.get_by_role("button", name="End session").click()
    accessible(page)
    expect(page).to_have_url(re.compile(r"/sign-in/"))
    expect(page.locator("#provider-sign-out")).to_have_count(0)
    page.goto("/")
    accessible(page)
    expect(page).to_have_url(re.compile(r"/sign-in/\?next=/"))  # signed out of Trellis


def test_with_creation_on_a_new_account_signs_in_and_lands_on_home(
    sso_page, provider, organisation, settings
):
    page = sso_page
    settings.OIDC_CREATE_PEOPLE = True
    settings.OIDC_CREATE_DOMAINS = ["trellis.example"]
    provider.user(
        "entra-object-id-9",
        {"email": "nia.ode@trellis.example", "given_name": "Nia", "family_name": "Ode"},
    )
    start(page, provider)
    choose_identity(page, provider, "entra-object-id-9")
    accessible(page, screenshot="sso-created")
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Nia")
    made = Person.objects.get(email="nia.ode@trellis.example")
    assert (made.unit, made.line_manager, made.has_usable_password()) == (None, None, False)


def test_an_account_with_no_trellis_person_is_refused_with_a_clear_page(
    sso_page, provider, organisation
):
    page = sso_page
    start(page, provider)
    page.trellis_checks.expect_error("status of 403")
    choose_identity(page, provider, "nobody@trellis.example")
    accessible(page, screenshot="sso-unknown")
    expect(page.get_by_role("heading", level=1)).to_have_text("You do not have a Trellis account")
    expect(page.get_by_role("main")).to_contain_text("nobody@trellis.example")
    page.get_by_role("link", name="Go to the sign-in page").click()
    accessible(page)


def test_a_tampered_state_is_refused_with_a_plain_page(sso_page, provider, organisation):
    page = sso_page
    PersonFactory(email="ada.okafor@trellis.example", unit=organisation["team"])
    start(page, provider)
    back = provider.authorise(page.url, "ada.okafor@trellis.example")
    page.trellis_checks.expect_error("status of 400")
    page.goto(with_query(back, state="forged-state"))
    accessible(page, screenshot="sso-tampered")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign-in could not be completed")
    page.goto("/")
    accessible(page)
    expect(page).to_have_url(re.compile(r"/sign-in/"))


def test_a_replayed_return_and_an_expired_sign_in_are_refused(sso_page, provider, organisation):
    page = sso_page
    PersonFactory(email="ada.okafor@trellis.example", given_name="Ada", unit=organisation["team"])
    start(page, provider)
    with page.expect_request(CALLBACK) as used:
        choose_identity(page, provider, "ada.okafor@trellis.example")
    accessible(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Ada")
    page.get_by_role("button", name="Sign out").click()
    accessible(page)

    page.trellis_checks.expect_error("status of 400")
    page.goto(used.value.url)  # the same code, state and nonce again
    accessible(page, screenshot="sso-replayed")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign-in could not be completed")

    page.goto("/sign-in/")
    accessible(page)
    page.get_by_role("button", name=f"Sign in with {PROVIDER_NAME}").click()
    at_provider(page, provider)
    cookie = next(c for c in page.context.cookies() if c["name"] == settings.SESSION_COOKIE_NAME)
    session = SessionStore(cookie["value"])
    for entry in session["oidc_states"].values():  # the sign-in began too long ago
        entry["added_on"] -= settings.OIDC_SIGN_IN_SECONDS + 1
    session.save()
    page.trellis_checks.expect_error("status of 400")
    choose_identity(page, provider, "ada.okafor@trellis.example")
    accessible(page, screenshot="sso-expired")
    expect(page.get_by_role("main")).to_contain_text("Signing in took too long")


def test_with_passwords_off_only_break_glass_uses_one(sso_page, provider, organisation, settings):
    page = sso_page
    settings.LOCAL_PASSWORDS = False
    settings.BREAK_GLASS_ACCOUNTS = ["admin.breakglass@trellis.example"]
    PersonFactory(
        email="admin.breakglass@trellis.example",
        given_name="Sasha",
        administrator=True,
        unit=organisation["org"],
    )
    page.goto("/sign-in/")
    accessible(page, screenshot="sso-passwords-off")
    expect(page.get_by_label("Password")).to_have_count(0)
    expect(page.get_by_role("button", name=f"Sign in with {PROVIDER_NAME}")).to_be_visible()
    page.get_by_role("link", name="Administrator sign-in with a password").click()
    accessible(page, screenshot="sso-break-glass")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in with a password")
    page.get_by_label("Email address").fill("admin.breakglass@trellis.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    accessible(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Sasha")
