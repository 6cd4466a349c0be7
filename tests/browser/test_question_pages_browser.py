"""NHS.UK question patterns on real Trellis pages: a page that asks one question has the
question as its heading (the label is the page's only <h1>, large, announced once, and
still labels the box); "Tell us more" is revealed under "Yes" and keeps what is typed."""

from datetime import date

from playwright.sync_api import expect

from careers.conversation import services as conversations
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


def test_tell_us_more_is_revealed_under_yes_and_what_is_typed_is_kept(page, organisation):
    from careers.journal.services import appraisal_year, start_journal
    from careers.models import Answer, Question

    author = PersonFactory(unit=organisation["team"])
    journal = start_journal(person=author, year=appraisal_year())
    question = Question.objects.get(section__bank=journal.bank, key="hw-adjustments")
    sign_in(page, author.email, PASSWORD)
    page.goto(f"/journal/{journal.year}/sections/health-and-wellbeing/")
    accessible(page)

    more = page.get_by_role("textbox", name="Tell us more (optional)")
    yes = page.get_by_role("radio", name="Yes", exact=True)
    expect(more).to_be_hidden()
    expect(yes).to_have_attribute("aria-expanded", "false")

    yes.check()
    expect(more).to_be_visible()
    expect(yes).to_have_attribute("aria-expanded", "true")
    accessible(page, screenshot="journal-tell-us-more-revealed")
    # The revealed box is the next stop after the radio.
    yes.focus()
    page.keyboard.press("Tab")
    expect(more).to_be_focused()

    page.keyboard.type("A later start on clinic days")

    # The autosave that carries the words (an earlier one, for choosing "Yes", may answer
    # later than the typing started).
    def carries_words(response):
        sent = response.request.post_data or ""
        return response.url.endswith("/autosave/") and response.ok and "clinic" in sent

    with page.expect_response(carries_words):
        page.get_by_role("heading", level=1).click()  # leaving the box saves it
    expect(page.locator(f"#status-{question.pk}")).to_contain_text("Saved at")
    answer = Answer.objects.get(journal=journal, question=question)
    assert (answer.choice, answer.text) == ("yes", "A later start on clinic days")

    page.reload()
    accessible(page)
    expect(page.get_by_role("radio", name="Yes", exact=True)).to_be_checked()
    expect(more).to_be_visible()
    expect(more).to_have_value("A later start on clinic days")

    # Choosing "No" hides the box again; the words stay in it.
    page.get_by_role("radio", name="No", exact=True).check()
    box = page.locator(f"textarea[name=q{question.pk}]")
    expect(box).to_be_hidden()
    expect(box).to_have_value("A later start on clinic days")
