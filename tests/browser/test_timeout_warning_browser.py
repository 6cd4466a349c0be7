"""The warning before an idle sign-out in Chromium (WCAG 2.2.1): a modal dialog that takes
focus and says the time left in words, "Stay signed in" renewing the session on the
server, and time running out signing out with the reason on the sign-in page.

The idle time is shortened to 4 minutes with the warning at 3; Playwright's clock moves
the page's time on, while the server's stays real. Pages here are not measured at 320 px
(``reflow=False``): the fake clock stops the header's own layout script, and every page
they show is measured by other tests.
"""

import re
import time

from django.contrib.sessions.models import Session
from playwright.sync_api import expect

from tests.browser.conftest import accessible, sign_in
from tests.factories import PASSWORD, PersonFactory

HEADING = "You're about to be signed out"
SAYS = "For your security, we will sign you out in {}."


def _expiry():
    return Session.objects.get().expire_date


def _signed_in_on_a_fake_clock(page, organisation, settings, idle, warning):
    """Sign a new person in with the idle time and warning shortened (seconds), the page's
    clock under Playwright's control; returns the (still closed) warning dialog."""
    settings.SESSION_COOKIE_AGE = idle
    settings.SESSION_WARNING_SECONDS = warning
    person = PersonFactory(unit=organisation["team"])
    page.clock.install()
    sign_in(page, person.email, PASSWORD, reflow=False)
    return page.get_by_role("dialog", name=HEADING)


def test_the_warning_keeps_the_session_or_signs_out_and_says_why(page, organisation, settings):
    dialog = _signed_in_on_a_fake_clock(page, organisation, settings, idle=240, warning=180)
    time_left = page.locator("#timeout-warning-time")
    expect(dialog).to_be_hidden()

    page.clock.fast_forward(61_000)  # 179 s left: inside the warning
    expect(dialog).to_be_visible()
    stay = dialog.get_by_role("button", name="Stay signed in")
    expect(stay).to_be_focused()  # focus moved into the dialog
    expect(time_left).to_have_text(SAYS.format("3 minutes"))
    expect(time_left).to_have_attribute("aria-live", "polite")
    expect(dialog).to_have_attribute("aria-describedby", "timeout-warning-time")
    expect(dialog.get_by_role("button", name="Sign out")).to_be_visible()
    accessible(page, screenshot="timeout-warning", reflow=False)

    # The words change once a minute, not every second: nothing for a screen reader to
    # repeat while the minute lasts.
    page.evaluate(
        """() => {
          window.timeLeftChanges = 0;
          new MutationObserver(() => window.timeLeftChanges++).observe(
            document.getElementById("timeout-warning-time"),
            {subtree: true, childList: true, characterData: true});
        }"""
    )
    page.clock.run_for(30_000)
    assert page.evaluate("window.timeLeftChanges") == 0
    page.clock.run_for(30_000)  # 119 s left
    expect(time_left).to_have_text(SAYS.format("2 minutes"))

    before = _expiry()
    time.sleep(1.1)  # a renewal now ends later than the one at sign-in
    stay.click()
    expect(dialog).to_be_hidden()
    for _ in range(50):
        if _expiry() > before:
            break
        time.sleep(0.1)
    assert _expiry() > before, "Stay signed in did not renew the session on the server"

    page.clock.fast_forward(61_000)  # the whole idle time again: warned again
    expect(dialog).to_be_visible()
    page.clock.fast_forward(180_000)  # time runs out
    page.wait_for_url("**/sign-in/")
    accessible(page, screenshot="signed-out-idle", reflow=False)
    expect(page.locator("#signed-out-reason")).to_have_text(
        "Information: You were signed out because you were inactive for 4 minutes. "
        "Anything you saved is kept."
    )
    page.goto("/")  # signed out on the server too
    accessible(page, reflow=False)
    expect(page).to_have_url(re.compile(r"/sign-in/\?next=/$"))


def test_escape_in_the_warning_keeps_the_session_too(page, organisation, settings):
    """Escape closes the dialog as "Stay signed in" does, rather than leaving the clock running."""
    dialog = _signed_in_on_a_fake_clock(page, organisation, settings, idle=120, warning=60)
    page.clock.fast_forward(61_000)
    expect(dialog).to_be_visible()
    expect(page.locator("#timeout-warning-time")).to_have_text(SAYS.format("1 minute"))
    accessible(page, reflow=False)
    before = _expiry()
    time.sleep(1.1)
    with page.expect_response(lambda r: r.url.endswith("/session/extend/") and r.status == 204):
        page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    assert _expiry() > before
    page.clock.fast_forward(61_000)  # the whole idle time again, so no sign-out yet
    expect(dialog).to_be_visible()
    expect(page).not_to_have_url(re.compile(r"/sign-in/"))


def test_staying_signed_in_in_one_tab_keeps_an_idle_tab_from_signing_out(
    page, organisation, settings
):
    """Two tabs share one session: "Stay signed in" in one closes the other's warning,
    and the idle tab does not end the session the person is using in the first."""
    dialog = _signed_in_on_a_fake_clock(page, organisation, settings, idle=120, warning=60)
    other = page.context.new_page()
    other.goto(page.url)
    other_dialog = other.get_by_role("dialog", name=HEADING)
    page.clock.fast_forward(61_000)
    expect(dialog).to_be_visible()
    expect(other_dialog).to_be_visible()
    with other.expect_response(lambda r: r.url.endswith("/session/extend/") and r.status == 204):
        other_dialog.get_by_role("button", name="Stay signed in").click()
    expect(other_dialog).to_be_hidden()
    page.clock.run_for(2_000)
    expect(dialog).to_be_hidden()  # the first tab learnt of the renewal
    page.clock.fast_forward(58_000)  # past the first tab's own end, inside the renewal
    expect(page).not_to_have_url(re.compile(r"/sign-in/"))
    other.goto(page.url)
    expect(other).not_to_have_url(re.compile(r"/sign-in/"))  # still signed in on the server
