"""Conditional reveals in Chromium: a radio's follow-up question is hidden until the radio
is chosen, shown without JavaScript, next in the tab order, and shown with its error.

The page is a test-only one (tests/browser/choices_urls.py): no Trellis form reveals a
question yet.

axe runs through the shared ``accessible()``, which names its one exception (a radio's
aria-expanded, set by nhsuk-frontend's script).
"""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, accessible

pytestmark = pytest.mark.urls("tests.browser.choices_urls")

URL = "/test-only/contact/"


def test_the_follow_up_question_is_hidden_until_its_radio_is_chosen(page):
    page.goto(URL)
    accessible(page)
    email = page.get_by_label("Email address")
    expect(email).to_be_hidden()
    expect(page.get_by_label("Phone number")).to_be_hidden()

    page.get_by_label("Email", exact=True).check()
    expect(email).to_be_visible()
    expect(page.get_by_label("Email", exact=True)).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_label("Phone number")).to_be_hidden()
    accessible(page)

    page.get_by_label("Phone", exact=True).check()
    expect(email).to_be_hidden()
    expect(page.get_by_label("Phone number")).to_be_visible()


def test_the_revealed_question_comes_next_in_the_tab_order(page):
    page.goto(URL)
    accessible(page)
    radio = page.get_by_label("Phone", exact=True)
    radio.focus()
    page.keyboard.press("Space")
    expect(radio).to_be_checked()
    page.keyboard.press("Tab")
    expect(page.get_by_label("Phone number")).to_be_focused()


def test_an_error_in_the_revealed_question_is_shown_and_its_summary_link_lands_on_it(page):
    page.goto(URL)
    accessible(page)
    page.get_by_label("Email", exact=True).check()
    page.get_by_role("button", name="Continue").click()
    accessible(page)
    summary_link = page.locator(".nhsuk-error-summary a")
    expect(summary_link).to_have_text("Enter your email address")
    summary_link.click()
    email = page.locator(".nhsuk-radios__conditional").get_by_label("Email address")
    expect(email).to_be_visible()
    expect(email).to_be_focused()


def test_without_javascript_every_follow_up_question_is_shown(
    playwright_instance, live_server, transactional_db
):
    browser = playwright_instance.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
    )
    try:
        context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
        page = context.new_page()
        page.goto(URL)
        # Marked hidden, but the NHS.UK styles hide it only where their JavaScript runs.
        for reveal, label in (
            ("#conditional-id_contact_0", "Email address"),
            ("#conditional-id_contact_1", "Phone number"),
        ):
            expect(page.locator(reveal)).to_have_class(
                "nhsuk-radios__conditional nhsuk-radios__conditional--hidden"
            )
            expect(page.locator(reveal).get_by_label(label)).to_be_visible()
    finally:
        browser.close()
