"""Journal autosave in a real browser: two windows on one section, an answer too
long beside a good one, and the warning before leaving unsaved text."""

import re

import pytest
from playwright.sync_api import expect

from careers.journal.services import appraisal_year, start_journal
from careers.models import Answer, Question
from tests.browser.conftest import accessible, checked_window, sign_in
from tests.factories import PASSWORD, PersonFactory

DESCRIBE = "How would my team, colleagues or people who know me describe me?"
PROUD = "What am I most proud of inside or outside of work?"


@pytest.fixture
def window_b(playwright_instance, live_server, page):
    """A second browser window of its own (separate profile), checked like `page`."""
    with checked_window(playwright_instance, live_server, "trellis-chromium-b-") as window:
        yield window


def _section(organisation):
    author = PersonFactory(unit=organisation["team"])
    journal = start_journal(person=author, year=appraisal_year())
    url = f"/journal/{journal.year}/sections/strengths-and-challenges/"
    return author, journal, url


def _question(journal, key):
    return Question.objects.get(section__bank=journal.bank, key=key)


def _autosaved(window):
    return window.expect_response(lambda r: r.url.endswith("/autosave/"))


def test_two_windows_a_refused_answer_stays_refused_until_the_person_chooses(
    page, window_b, organisation
):
    author, journal, url = _section(organisation)
    describe = _question(journal, "sc-describe-me")
    for window in (page, window_b):
        sign_in(window, author.email, PASSWORD)
        window.goto(url)
        accessible(window)

    # Window A autosaves an answer.
    page.get_by_label(DESCRIBE).fill("Calm under pressure (window A)")
    expect(page.locator(f"#status-{describe.pk}")).to_contain_text("Saved at")

    # Window B types different words in the same box and is told, beside the box.
    box, status = window_b.get_by_label(DESCRIBE), window_b.locator(f"#status-{describe.pk}")
    expect(status).to_have_attribute("role", "status")
    box.fill("Kind and thorough (window B)")
    expect(status).to_contain_text("Not saved. This answer was changed in another window")
    accessible(window_b, screenshot="journal-two-windows-refused")

    # Clicking outside the box, then typing more: every later autosave is refused.
    with _autosaved(window_b):
        window_b.get_by_role("heading", level=1).click()
    expect(status).to_contain_text("Not saved")
    box.press("End")
    with _autosaved(window_b):
        box.press_sequentially(", and patient")
    expect(status).to_contain_text("Not saved")
    expect(window_b.locator("#autosave-status")).to_contain_text("1 answer not saved")
    assert Answer.objects.get(question=describe).text == "Calm under pressure (window A)"

    # The message leads to the comparison; B's words are still in the box.
    status.get_by_role("link", name=re.compile("Compare your answer")).click()
    expect(window_b).to_have_url(re.compile(f"#compare-{describe.pk}$"))
    comparison = window_b.locator(f"#compare-{describe.pk}")
    expect(comparison).to_be_in_viewport()
    expect(comparison).to_be_focused()
    mine = comparison.locator(".nhsuk-inset-text").first
    expect(mine).to_have_text("Kind and thorough (window B), and patient")
    expect(comparison.locator(".nhsuk-inset-text").last).to_have_text(
        "Calm under pressure (window A)"
    )
    expect(
        comparison.get_by_role("heading", name=re.compile("Saved at .* elsewhere"))
    ).to_be_visible()
    expect(box).to_have_value("Kind and thorough (window B), and patient")
    accessible(window_b, screenshot="journal-two-windows-comparison")
    assert Answer.objects.get(question=describe).text == "Calm under pressure (window A)"

    # B keeps the answer saved elsewhere and goes on: A's words stand.
    comparison.get_by_label(re.compile("Use the answer saved at")).check()
    window_b.get_by_role("button", name="Save and continue").click()
    accessible(window_b)
    expect(window_b.get_by_role("heading", level=1)).to_have_text("Behaviours and performance")
    assert Answer.objects.get(question=describe).text == "Calm under pressure (window A)"


def test_one_answer_too_long_does_not_stop_the_others_and_leaving_warns(page, organisation):
    author, journal, url = _section(organisation)
    proud, describe = _question(journal, "sc-proud"), _question(journal, "sc-describe-me")
    sign_in(page, author.email, PASSWORD)
    page.goto(url)
    accessible(page)

    page.get_by_label(PROUD).fill("x" * 4001)
    expect(page.locator(f"#status-{proud.pk}")).to_contain_text(
        "must be 4,000 characters or fewer"
    )
    page.get_by_label(DESCRIBE).fill("Saved although another answer is too long")
    expect(page.locator(f"#status-{describe.pk}")).to_contain_text("Saved at")
    expect(page.locator(f"#status-{proud.pk}")).to_contain_text("Not saved")
    accessible(page, screenshot="journal-one-answer-too-long")
    assert Answer.objects.get(question=describe).text == (
        "Saved although another answer is too long"
    )

    # Leaving with the long answer unsaved asks first; staying keeps the text.
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    page.get_by_role("link", name="Back to your journal").click(no_wait_after=True)
    page.wait_for_timeout(500)
    assert dialogs == ["beforeunload"]
    expect(page.get_by_label(PROUD)).to_have_value("x" * 4001)
    expect(page).to_have_url(re.compile(re.escape(url) + "$"))


def test_keeping_my_answer_saves_it_and_puts_me_back_in_the_box(page, organisation):
    author, journal, url = _section(organisation)
    describe = _question(journal, "sc-describe-me")
    sign_in(page, author.email, PASSWORD)
    page.goto(url)
    accessible(page)
    # Saved on another device after this page opened.
    Answer.objects.create(journal=journal, question=describe, text="Saved on my phone")

    box, status = page.get_by_label(DESCRIBE), page.locator(f"#status-{describe.pk}")
    box.fill("Typed on my laptop")
    expect(status).to_contain_text("Not saved")
    status.get_by_role("link", name=re.compile("Compare your answer")).click()
    accessible(page)
    page.get_by_label("Keep my answer (shown in the box)").check()
    expect(status).to_contain_text("Saved at")
    expect(page.locator(f"#compare-{describe.pk}")).to_be_empty()
    expect(box).to_be_focused()
    assert Answer.objects.get(question=describe).text == "Typed on my laptop"
    accessible(page)


def test_completing_a_section_with_no_answers_asks_first(page, organisation):
    author, journal, url = _section(organisation)
    sign_in(page, author.email, PASSWORD)
    page.goto(url)
    accessible(page)
    page.get_by_role("button", name="Mark as completed").click()
    accessible(page, screenshot="journal-complete-empty")
    expect(page.get_by_text("You have not answered any questions in this section")).to_be_visible()
    page.get_by_role("button", name="Yes, mark as completed").click()
    accessible(page)
    expect(page.locator("#strengths-and-challenges-status")).to_have_text("Completed")
