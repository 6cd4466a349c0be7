"""Conditional reveals in Chromium: a radio's follow-up question is hidden until the radio
is chosen, shown without JavaScript, next in the tab order, and shown with its error.

The page is a test-only one (tests/browser/choices_urls.py): no Trellis form reveals a
question yet.

axe runs as ``accessible()`` runs it, with one known exception, checked narrowly:
nhsuk-frontend's JavaScript (like GOV.UK Frontend's) sets ``aria-expanded`` on a radio that
reveals a question. ARIA 1.2 lists aria-expanded for checkboxes but not radios, so axe
reports it; both design systems keep it on purpose, as screen readers announce it
(alphagov/govuk-frontend#979 and #2823, w3c/aria#1404). Every other rule, and that rule
on anything else, must pass.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, WCAG_TAGS

pytestmark = pytest.mark.urls("tests.browser.choices_urls")

URL = "/test-only/contact/"


def _expanded_radio(node):
    """True for an axe node that is a radio failing only on its aria-expanded."""
    failed = [check for key in ("any", "all", "none") for check in node.get(key, [])]
    data = [str(item) for check in failed for item in (check.get("data") or [])]
    return (
        'type="radio"' in node["html"]
        and bool(data)
        and all(item.startswith("aria-expanded=") for item in data)
    )


def accessible(page):
    """axe (WCAG 2.2 A and AA), failing on any violation but the radios' aria-expanded."""
    page.wait_for_load_state("load")
    results = Axe().run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    page.trellis_checks.unchecked.clear()
    left = []
    for violation in results.response["violations"]:
        nodes = violation["nodes"]
        if violation["id"] == "aria-allowed-attr":
            nodes = [n for n in nodes if not _expanded_radio(n)]
        if nodes:
            left.append((violation["id"], [n["html"] for n in nodes]))
    assert left == [], f"{page.url}: {left}"
    return page


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
