"""Journal autosave while the server cannot save: the page never says "Saved" for
words that were not stored, keeps them, tries again, and warns before leaving."""

import re
import time

import pytest
from playwright.sync_api import expect

from careers.models import Answer
from tests.browser.conftest import accessible, sign_in
from tests.browser.test_journal_autosave_browser import DESCRIBE, _question, _section
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser

AUTOSAVE = re.compile(r"/autosave/$")
NOT_SAVED = "Not saved — trying again"


def _unavailable(page, tries):
    """Answer every autosave 503, as Trellis does while its database is down."""
    for _ in range(40):  # Chromium and htmx each log a failed request
        page.trellis_checks.expect_error("503")

    def answer(route):
        tries.append(time.monotonic())
        route.fulfill(status=503, headers={"Retry-After": "30"}, body="Service unavailable")

    page.route(AUTOSAVE, answer)


def _open(page, organisation):
    author, journal, url = _section(organisation)
    sign_in(page, author.email, PASSWORD)
    page.goto(url)
    accessible(page)
    describe = _question(journal, "sc-describe-me")
    return url, describe, page.get_by_label(DESCRIBE), page.locator(f"#status-{describe.pk}")


def test_a_failed_save_says_not_saved_tries_again_and_saves_when_back(page, organisation):
    url, describe, box, status = _open(page, organisation)
    box.fill("Calm under pressure")
    expect(status).to_contain_text("Saved at")

    tries = []
    _unavailable(page, tries)
    box.fill("Calm under pressure, and kind")
    expect(status).to_contain_text(NOT_SAVED)
    expect(status).not_to_contain_text("Saved at")
    expect(page.locator("#autosave-status")).to_contain_text(NOT_SAVED)
    accessible(page, screenshot="journal-autosave-not-saved")

    # It tries again by itself, waiting longer each time (2 s, then 4 s).
    for _ in range(30):
        if len(tries) >= 3:
            break
        page.wait_for_timeout(500)
    assert len(tries) >= 3, tries
    first_wait, second_wait = tries[1] - tries[0], tries[2] - tries[1]
    assert 1.5 < first_wait < 3.5 and 3.5 < second_wait < 6, (first_wait, second_wait)
    expect(box).to_have_value("Calm under pressure, and kind")
    assert Answer.objects.get(question=describe).text == "Calm under pressure"

    # The server is back: the next try saves, and the page says so.
    page.unroute(AUTOSAVE)
    expect(status).to_contain_text("Saved at", timeout=15_000)
    expect(page.locator("#autosave-status")).to_contain_text("Saved at")
    assert Answer.objects.get(question=describe).text == "Calm under pressure, and kind"
    accessible(page)


def test_leaving_while_a_save_is_failing_warns_and_keeps_the_text(page, organisation):
    url, describe, box, status = _open(page, organisation)
    _unavailable(page, [])
    box.fill("Written while the service was down")
    expect(status).to_contain_text(NOT_SAVED)

    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    page.get_by_role("link", name="Back to your journal").click(no_wait_after=True)
    page.wait_for_timeout(500)
    assert dialogs == ["beforeunload"]
    expect(page).to_have_url(re.compile(re.escape(url) + "$"))
    expect(box).to_have_value("Written while the service was down")
    assert not Answer.objects.filter(question=describe).exclude(text="").exists()


def test_text_put_back_by_the_browser_is_saved_not_taken_as_saved(page, organisation):
    """Back from an error page, the browser puts the unsaved text into the box before
    the page is shown (done here by a script at DOMContentLoaded, as the browser's own
    form restoration timing varies); the page saves it rather than treating it as saved."""
    author, journal, url = _section(organisation)
    describe = _question(journal, "sc-describe-me")
    page.add_init_script(
        """document.addEventListener("DOMContentLoaded", () => {
             const box = document.querySelector("#question-ID textarea");
             if (box && !box.value) box.value = "Typed while the service was down";
           });""".replace("ID", str(describe.pk))
    )
    sign_in(page, author.email, PASSWORD)
    page.goto(url)
    accessible(page)
    box = page.get_by_label(DESCRIBE)
    expect(box).to_have_value("Typed while the service was down")
    expect(page.locator(f"#status-{describe.pk}")).to_contain_text("Saved at", timeout=15_000)
    assert Answer.objects.get(question=describe).text == "Typed while the service was down"
