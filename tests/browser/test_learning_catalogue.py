"""Issue 5's must-show flow, end to end: LED import a CSV with one bad row (rejected,
the row named), fix it and publish; staff find the initiative by a filter and by a word
of its description, save it, log CPD against it, mark it finished and evaluate it; LED
see the evaluation on the initiative's results page."""

import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import accessible, sign_in
from tests.factories import PASSWORD, PersonFactory
from tests.factories_learning import vocabulary

HEADER = (
    "title,summary,description,category,format,directions,levels,cost_type,online,"
    "learning_outcomes\n"
)
ROW_1 = (
    "Reverse mentoring for leaders,Be mentored by a colleague early in their career,"
    '"Pairs a senior leader with a newer colleague, who shares what quillwort teams see.",'
    "learning-from-others,mentoring,stretch,proven,free,yes,"
    '"Understand how newer colleagues see the service\nChange one habit as a leader"\n'
)
ROW_2_BAD = "Ward huddle practice,Run short daily huddles,,experiance,project,depth,,free,no,\n"
ROW_2_GOOD = ROW_2_BAD.replace("experiance", "experience")


def upload(page, text):
    page.locator("input[type=file]").set_input_files(
        files=[{"name": "catalogue.csv", "mimeType": "text/csv", "buffer": text.encode()}]
    )
    page.get_by_role("button", name="Check and import").click()
    return accessible(page, screenshot=None)


def test_led_import_and_publish_then_staff_find_and_save(page, organisation):
    vocabulary()
    led = PersonFactory(unit=organisation["team"], led=True, given_name="Lena")
    staff = PersonFactory(unit=organisation["team"], given_name="Sam")

    sign_in(page, led.email, PASSWORD)
    page.get_by_role("link", name="Curate catalogue").click()
    accessible(page)
    page.get_by_role("button", name="Import from CSV").click()
    accessible(page)

    upload(page, HEADER + ROW_1 + ROW_2_BAD)
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_contain_text("The file has 1 problem, so nothing was imported")
    problems = page.get_by_role("table", name="Problems in the file")
    expect(problems).to_contain_text("Line 3 (Ward huddle practice)")
    expect(problems).to_contain_text("'experiance' is not a known category")
    accessible(page, screenshot="learning-import-error")

    upload(page, HEADER + ROW_1 + ROW_2_GOOD)
    expect(page.get_by_role("main")).to_contain_text("Imported 2 new drafts")
    page.get_by_role("link", name="Reverse mentoring for leaders").click()
    accessible(page, screenshot="learning-preview")
    page.get_by_role("button", name="Publish").click()
    accessible(page)
    expect(page.get_by_role("main")).to_contain_text("Published. Staff can now find it.")
    page.get_by_role("button", name="Sign out").click()
    accessible(page)

    sign_in(page, staff.email, PASSWORD)
    page.get_by_role("link", name="Learning").click()
    accessible(page)
    # The draft that was not published is not offered.
    expect(page.get_by_role("main")).not_to_contain_text("Ward huddle practice")
    page.get_by_label(re.compile(r"Stretch")).check()
    page.get_by_role("button", name="Apply").click()
    accessible(page)
    expect(page).to_have_url(re.compile(r"direction=stretch"))
    expect(page.get_by_role("link", name="Reverse mentoring for leaders")).to_be_visible()

    page.get_by_role("link", name="Clear search and filters").click()
    accessible(page)
    page.get_by_label("Search the catalogue").fill("quillwort")
    page.get_by_role("button", name="Apply").click()
    accessible(page, screenshot="learning-catalogue")
    expect(page.get_by_role("heading", name=re.compile("1 initiative matching"))).to_be_visible()
    page.get_by_role("link", name="Reverse mentoring for leaders").click()
    accessible(page, screenshot="learning-initiative")
    expect(page.get_by_role("heading", level=1)).to_have_text("Reverse mentoring for leaders")
    page.get_by_role("button", name="Save for later").click()
    accessible(page)
    expect(page.get_by_role("main")).to_contain_text("This is in your saved list")
    page.get_by_role("link", name="your saved list").click()
    accessible(page, screenshot="learning-saved")
    expect(page.get_by_role("table")).to_contain_text("Reverse mentoring for leaders")

    # Staff log CPD against it, still going on; later mark it finished and evaluate it.
    page.get_by_role("link", name="Reverse mentoring for leaders").click()
    accessible(page)
    page.get_by_role("link", name="Record this in your CPD log").click()
    accessible(page, screenshot="learning-cpd-form")
    expect(page.get_by_label("What did you do?")).to_have_value("Reverse mentoring for leaders")
    started = timezone.localdate() - timedelta(days=14)
    start = page.get_by_role("group", name="Start date")
    start.get_by_label("Day").fill(str(started.day))
    start.get_by_label("Month").fill(str(started.month))
    start.get_by_label("Year").fill(str(started.year))
    page.get_by_label("Hours spent").fill("6")
    page.get_by_label("I have finished this").uncheck()
    page.get_by_label("What did you learn?").fill("How my team sees our rota decisions.")
    page.get_by_role("button", name="Save").click()
    accessible(page)
    expect(page.get_by_role("main")).to_contain_text("Added to your CPD log")
    expect(page.get_by_role("main")).to_contain_text("mark this entry as finished to evaluate it")

    page.get_by_role("link", name=re.compile("Change this entry")).click()
    accessible(page)
    page.get_by_label("I have finished this").check()
    page.get_by_role("button", name="Save").click()
    accessible(page)
    page.get_by_role("button", name="Evaluate this learning").click()
    accessible(page)
    # A missing answer is refused with the NHS.UK error summary; typed text is kept.
    page.get_by_label("Review (optional)").fill("Eye-opening; book a longer first meeting.")
    page.get_by_role("button", name="Save evaluation").click()
    accessible(page, screenshot="learning-evaluation-error")
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_contain_text("Select a rating from 1 to 5")
    expect(page.get_by_label("Review (optional)")).to_have_value(
        "Eye-opening; book a longer first meeting."
    )
    page.get_by_label("4 – Good").check()
    outcome_1 = page.get_by_role(
        "group", name=re.compile("Understand how newer colleagues see the service")
    )
    outcome_1.get_by_label("Yes, fully").check()
    page.get_by_role("group", name=re.compile("Change one habit as a leader")).get_by_label(
        "Partly"
    ).check()
    page.get_by_label("What did you learn about this? (optional, outcome 1)").fill(
        "Newer colleagues read the rota as a signal of fairness."
    )
    page.get_by_role("button", name="Save evaluation").click()
    accessible(page, screenshot="learning-evaluated-entry")
    expect(page.get_by_role("main")).to_contain_text("Your evaluation is saved")
    expect(page.get_by_role("main")).to_contain_text("4 out of 5")
    page.get_by_role("button", name="Sign out").click()
    accessible(page)

    # LED see the evaluation, without the person's name.
    sign_in(page, led.email, PASSWORD)
    page.get_by_role("link", name="Curate catalogue").click()
    accessible(page)
    page.get_by_role("link", name="Reverse mentoring for leaders").click()
    accessible(page)
    page.get_by_role("link", name=re.compile("Uptake, ratings and evaluations")).click()
    accessible(page, screenshot="learning-results")
    main = page.get_by_role("main")
    # One evaluation: its rating and answers are counts of one person, so not shown.
    expect(main).to_contain_text("Fewer than 5 people have evaluated this initiative")
    expect(main).to_contain_text("Eye-opening; book a longer first meeting.")
    outcomes = page.get_by_role("table", name="Did people achieve each learning outcome?")
    expect(outcomes).to_contain_text("Understand how newer colleagues see the service")
    habit = outcomes.get_by_role("row", name=re.compile("Change one habit"))
    # Fully, partly, no: "*", and "not shown" for a screen reader.
    expect(habit.get_by_role("cell")).to_have_text(["*not shown"] * 3)
    expect(main).not_to_contain_text(staff.full_name)
    page.get_by_role("link", name="Back to Reverse mentoring for leaders").click()
    accessible(page)
    page.get_by_role("link", name="Back to curating the catalogue").click()
    accessible(page)
    page.get_by_role("link", name="Management information").click()
    accessible(page, screenshot="learning-insights")
    expect(page.get_by_role("table", name=re.compile("most CPD entries"))).to_contain_text(
        "Reverse mentoring for leaders"
    )


def test_a_keyboard_user_skips_the_filters_to_the_results(page, organisation):
    """About 45 filter controls come before the results: a link right after the search
    box moves focus to the results' heading."""
    vocabulary()
    staff = PersonFactory(unit=organisation["team"])
    sign_in(page, staff.email, PASSWORD)
    page.goto("/learning/catalogue/")
    accessible(page)
    page.get_by_label("Search the catalogue").focus()
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to results")
    expect(skip).to_be_focused()
    accessible(page, screenshot="learning-catalogue-skip-link")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name=re.compile(r"^\d+ initiatives"))).to_be_focused()
    page.keyboard.press("Tab")  # and on from there, into the results
    expect(page.locator(".nhsuk-card__link").first).to_be_focused()
