"""LED import, fix and publish an initiative; staff find it, read it and save it."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import accessible, sign_in
from tests.factories import PASSWORD, PersonFactory
from tests.factories_learning import vocabulary

HEADER = "title,summary,description,category,format,directions,levels,cost_type,online\n"
ROW_1 = (
    "Reverse mentoring for leaders,Be mentored by a colleague early in their career,"
    '"Pairs a senior leader with a newer colleague, who shares what quillwort teams see.",'
    "learning-from-others,mentoring,stretch,proven,free,yes\n"
)
ROW_2_BAD = "Ward huddle practice,Run short daily huddles,,experiance,project,depth,,free,no\n"
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
