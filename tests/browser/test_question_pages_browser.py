"""A page that asks one question has the question as its heading (NHS.UK question pages):
the label is the page's only <h1>, large, announced once, and it still labels the box."""

from datetime import date

from playwright.sync_api import expect

from careers import conversations
from tests.browser.conftest import accessible, sign_in
from tests.factories import PASSWORD, PersonFactory


def test_one_question_page_has_its_label_as_the_page_heading(page, organisation):
    manager = PersonFactory(unit=organisation["team"])
    person = PersonFactory(
        unit=organisation["team"], line_manager=manager, given_name="Ada", family_name="Reyes"
    )
    talk = conversations.start_conversation(person=person, by=manager, held_on=date.today())
    sign_in(page, manager.email, PASSWORD)
    page.goto(f"/conversations/{talk.pk}/preparation/")
    accessible(page, screenshot="question-page-heading")

    headings = page.get_by_role("heading", level=1)
    expect(headings).to_have_count(1)
    # The caption says whose record it is; the question is the heading and the label.
    expect(headings).to_have_accessible_name("Ada Reyes Your preparation notes")
    box = page.get_by_role("textbox", name="Your preparation notes")
    expect(box).to_have_count(1)
    assert page.locator("h1 > label").get_attribute("for") == box.get_attribute("id")

    # It looks like a heading (NHS.UK's large label), not body text.
    label = page.locator("h1 > label")
    size = float(label.evaluate("el => getComputedStyle(el).fontSize").removesuffix("px"))
    body = float(page.evaluate("getComputedStyle(document.body).fontSize").removesuffix("px"))
    assert size >= 1.5 * body, (size, body)
    assert int(label.evaluate("el => getComputedStyle(el).fontWeight")) >= 600

    # Choosing the heading puts the cursor in the box, as a label does.
    label.click()
    expect(box).to_be_focused()
