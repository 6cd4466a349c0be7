"""Sign-in, home and password reset in a real browser, checked with axe."""

import re

from django.conf import settings
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, accessible, sign_in
from tests.factories import PASSWORD, HRScopeFactory, PersonFactory


def test_sign_in_with_a_wrong_password_then_the_right_one(page, organisation):
    manager = PersonFactory(unit=organisation["team"], given_name="Priya")
    PersonFactory(unit=organisation["team"], line_manager=manager, given_name="Sam")
    page.goto("/")
    accessible(page, screenshot="sign-in")
    expect(page).to_have_url(re.compile(r"/sign-in/\?next=/"))

    page.get_by_label("Email address").fill(manager.email)
    page.get_by_label("Password").fill("not-my-password")
    page.get_by_role("button", name="Sign in").click()
    accessible(page, screenshot="sign-in-error")
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Enter a correct email address and password")
    expect(summary).to_be_focused()  # NHS.UK frontend moves focus to the summary
    expect(page.get_by_label("Email address")).to_have_value(manager.email)

    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    accessible(page, screenshot="home-manager")
    expect(page.get_by_role("heading", level=1)).to_have_text("Hello, Priya")
    expect(page.get_by_role("heading", name="Your direct reports")).to_be_visible()
    expect(page.get_by_role("banner")).to_contain_text(settings.ORGANISATION_NAME)
    # Each heading after the first sits as far below what comes before it: "What to do
    # next" ends with the same space as every panel, not a list's own margin.
    gaps = page.evaluate(HEADING_GAPS)
    assert len(gaps) >= 2 and len(set(gaps)) == 1, gaps


# The space above each h2 of the main content after the first, in CSS pixels: from the
# bottom of the block before its section (or before it) to the heading's top.
HEADING_GAPS = """() => [...document.querySelectorAll("main h2")].slice(1).map(h => {
  const block = h.parentElement.tagName === "SECTION" ? h.parentElement : h;
  const before = block.previousElementSibling.getBoundingClientRect().bottom;
  return Math.round(h.getBoundingClientRect().top - before);
})"""


def test_each_role_lands_on_a_home_page_that_says_what_to_do(page, organisation):
    hr = PersonFactory(unit=organisation["team"], hr=True)
    HRScopeFactory(person=hr, unit=organisation["org"])
    staff = PersonFactory(unit=organisation["team"], line_manager=hr)
    for person, text in [
        (staff, "Start your reflection journal"),
        (hr, "People you support in HR"),
    ]:
        sign_in(page, person.email, PASSWORD)
        expect(page.get_by_role("main")).to_contain_text(text)
        page.get_by_role("button", name="Sign out").click()
        accessible(page)
        expect(page).to_have_url(re.compile(r"/sign-in/"))


def test_password_reset_pages(page, organisation):
    person = PersonFactory(unit=organisation["team"])
    page.goto("/sign-in/")
    accessible(page)
    page.get_by_role("link", name="Forgotten your password?").click()
    accessible(page, screenshot="password-reset")
    page.get_by_role("button", name="Send reset link").click()
    accessible(page, screenshot="password-reset-error")
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter")
    page.get_by_label("Email address").fill(person.email)
    page.get_by_role("button", name="Send reset link").click()
    accessible(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    page.goto("/account/reset/MQ/expired-token/")
    accessible(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text("expired")


def test_repeated_failures_are_refused_with_a_clear_message(page, organisation):
    person = PersonFactory(unit=organisation["team"])
    page.goto("/sign-in/")
    page.trellis_checks.expect_error("429 (Too Many Requests)")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        accessible(page)
        page.get_by_label("Email address").fill(person.email)
        page.get_by_label("Password").fill("wrong-password")
        page.get_by_role("button", name="Sign in").click()
    accessible(page, screenshot="locked-out")
    expect(page.get_by_role("heading", level=1)).to_have_text("Too many attempts to sign in")


def test_the_accessibility_statement_is_one_click_from_sign_in(page):
    page.goto("/sign-in/")
    page.get_by_role("contentinfo").get_by_role("link", name="Accessibility statement").click()
    accessible(page, screenshot="accessibility-statement")
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text("Accessibility statement for Trellis")
    expect(page).to_have_title(re.compile(r"^Accessibility statement"))


MORE_UNDERLINE = """() => getComputedStyle(
  document.querySelector(".nhsuk-header__menu-toggle"), "::before").borderBottomWidth"""


def test_more_is_underlined_when_it_holds_the_current_page(page, organisation):
    """HR's menu does not fit 1280 px wide: the header moves its last items into
    "More". On Your details, whose item is among them, "More" is underlined as a
    current item is, and opening it shows that item marked; on home, it is not."""
    hr = PersonFactory(unit=organisation["team"], hr=True)
    HRScopeFactory(person=hr, unit=organisation["org"])
    page.set_viewport_size({"width": 1280, "height": 800})
    sign_in(page, hr.email, PASSWORD)
    toggle = page.locator(".nhsuk-header__menu-toggle")
    expect(toggle).to_be_visible()
    assert page.evaluate(MORE_UNDERLINE) == "0px"
    page.goto("/people/me/")
    accessible(page, screenshot="more-holds-current")
    menu_list = page.locator(".nhsuk-header__menu-list")
    expect(menu_list.locator('[aria-current="page"]')).to_have_count(1)
    assert page.evaluate(MORE_UNDERLINE) == "4px"
    page.locator("header").screenshot(path=ARTIFACTS / "more-underlined-header.png")
    toggle.click()
    expect(menu_list.get_by_role("link", name="Your details")).to_be_visible()
