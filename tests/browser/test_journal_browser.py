"""The reflection journal in a real browser: two sittings, autosave, a stale second
tab, sharing one section, and what the line manager can and cannot read."""

import re

from playwright.sync_api import expect

from careers.journal.services import appraisal_year
from tests.browser.conftest import accessible, sign_in
from tests.factories import PASSWORD, PersonFactory

STRENGTHS = "Personal strengths and development challenges"


def sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    accessible(page)


def open_section(page, title):
    page.get_by_role("link", name=title).click()
    accessible(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


def test_a_journal_over_two_sittings_shared_with_the_line_manager(page, organisation):
    manager = PersonFactory(unit=organisation["team"], given_name="Priya", family_name="Shah")
    author = PersonFactory(
        unit=organisation["team"], line_manager=manager, given_name="Sam", family_name="Okafor"
    )
    year = appraisal_year()

    # First sitting: start the journal; autosave keeps an answer nobody saved.
    sign_in(page, author.email, PASSWORD)
    page.get_by_role("link", name="Your journal").first.click()
    accessible(page, screenshot="journal-start")
    page.get_by_role("button", name=re.compile("Start your journal")).click()
    accessible(page, screenshot="journal-task-list")
    open_section(page, STRENGTHS)
    proud = page.get_by_label("What am I most proud of inside or outside of work?")
    proud.fill("Leading the flu vaccination campaign on the ward")
    expect(page.locator("#autosave-status")).to_contain_text("Saved at", timeout=10_000)
    page.reload()
    accessible(page, screenshot="journal-section-after-reload")
    expect(proud).to_have_value("Leading the flu vaccination campaign on the ward")
    page.get_by_label("When working in a team, what part do I play?").fill("The organiser")
    page.get_by_role("button", name="Mark as completed").click()
    accessible(page)
    expect(page.locator("#strengths-and-challenges-status")).to_have_text("Completed")
    open_section(page, STRENGTHS)  # says it is completed, and is not offered again
    accessible(page, screenshot="journal-section-completed")
    expect(page.get_by_role("main")).to_contain_text("You marked this section as completed on")
    expect(page.get_by_role("button", name="Mark as completed")).to_have_count(0)
    sign_out(page)

    # Second sitting: another section, saved with the button.
    sign_in(page, author.email, PASSWORD)
    page.get_by_role("link", name=re.compile("Continue your reflection journal")).click()
    accessible(page)
    open_section(page, "Current role")
    page.get_by_label("How equipped and confident am I to do my job?").fill("Confident")
    page.get_by_role("button", name="Save and continue").click()
    accessible(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Aspirations")  # the next one
    page.get_by_role("link", name="Back to your journal").click()
    accessible(page)
    expect(page.get_by_text("In progress")).to_be_visible()

    # A second tab saves first; the first tab's stale save is refused, both shown.
    section_url = f"/journal/{year}/sections/strengths-and-challenges/"
    page.goto(section_url)
    accessible(page)
    second = page.context.new_page()
    second.on("console", page.trellis_checks.console)
    second.goto(section_url)
    second.get_by_label("How would my team, colleagues or people who know me describe me?").fill(
        "Calm under pressure (second tab)"
    )
    second.get_by_role("button", name="Save and continue").click()
    second.wait_for_load_state("load")
    second.close()
    page.get_by_label("How would my team, colleagues or people who know me describe me?").fill(
        "Kind and thorough (first tab)"
    )
    page.get_by_role("button", name="Save and continue").click()
    accessible(page, screenshot="journal-conflict")
    expect(page.get_by_text("Some answers changed in another window")).to_be_visible()
    expect(page.get_by_text("Calm under pressure (second tab)")).to_be_visible()
    expect(page.locator(".nhsuk-inset-text", has_text="Kind and thorough")).to_be_visible()
    page.get_by_label("Keep my answer (shown in the box)").check()
    page.get_by_role("button", name="Save and continue").click()
    accessible(page)
    page.get_by_role("link", name="Back to your journal").click()
    accessible(page)

    # Share one section.
    open_section(page, STRENGTHS)
    expect(page.get_by_label(re.compile("describe me"))).to_have_value(
        "Kind and thorough (first tab)"
    )
    page.get_by_role("link", name="Share this section with your line manager").click()
    accessible(page, screenshot="journal-share")
    page.get_by_role("button", name="Share with my line manager").click()
    accessible(page)
    expect(page.get_by_text("is now shared with your line manager")).to_be_visible()
    sign_out(page)

    # The line manager reads that section, and only that one.
    sign_in(page, manager.email, PASSWORD)
    shared = page.get_by_role("region", name="Journals shared with you")
    shared.get_by_role("link", name="Sam Okafor").click()
    accessible(page)
    expect(page.get_by_role("main")).not_to_contain_text("Current role")
    page.get_by_role("link", name=STRENGTHS).click()
    accessible(page, screenshot="journal-manager-view")
    expect(page.get_by_role("main")).to_contain_text("Leading the flu vaccination campaign")
    page.trellis_checks.expect_error("404 (Not Found)")
    page.goto(f"/team/{author.pk}/journal/{year}/current-role/")
    accessible(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    page.trellis_checks.expect_error("404 (Not Found)")
    page.goto(section_url)  # the author's own editing page is not the manager's either
    accessible(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    sign_out(page)

    # The author sees who read it.
    sign_in(page, author.email, PASSWORD)
    page.goto(section_url)
    accessible(page, screenshot="journal-viewed-by")
    expect(page.get_by_text(re.compile(r"Priya Shah on \d+ \w+ \d{4}"))).to_be_visible()
