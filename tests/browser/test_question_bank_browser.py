"""A published journal section in the admin, as LED reads it: its questions in one
table (docs/adr/0090), within the page at 1280 px, and scrolling in its own box, which
the keyboard can reach, in a window 800 px wide."""

from playwright.sync_api import expect

from careers.models import Question, QuestionBank
from tests.browser.conftest import accessible, sign_in
from tests.factories import PASSWORD, PersonFactory


def test_led_reads_a_published_sections_questions_in_one_table(page):
    led = PersonFactory(led=True)
    bank = QuestionBank.objects.get(version=1)
    question = Question.objects.filter(section__bank=bank, kind=Question.Kind.CHOICE).first()
    sign_in(page, led.email, PASSWORD)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"/admin/careers/journalsection/{question.section.pk}/change/")
    # Django's admin lays its tables out wider than 320 px: reflow is not asked of it.
    accessible(page, "admin-published-section", reflow=False)
    table = page.get_by_role("table", name="Questions")
    expect(table.get_by_role("rowheader")).to_have_count(question.section.questions.count())
    row = table.get_by_role("row").filter(has=page.get_by_role("rowheader", name=question.text))
    expect(row.get_by_role("listitem")).to_have_text(
        [f"{label} ({value})" for value, label in question.choices]
    )
    # Nothing sticks out sideways: the table, with the longest wording, fits the page.
    widths = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"the page scrolls sideways: {widths}"
    expect(page.get_by_role("textbox")).to_have_count(0)

    # Narrower, the page still does not scroll sideways: the table scrolls in its box.
    page.set_viewport_size({"width": 800, "height": 900})
    page.goto(f"/admin/careers/journalsection/{question.section.pk}/change/")
    accessible(page, "admin-published-section-800", reflow=False)
    widths = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"the page scrolls sideways at 800 px: {widths}"
    box = page.get_by_role("region", name="Questions")
    box.focus()
    page.keyboard.press("ArrowRight")
    expect(box).to_be_focused()
    assert box.evaluate("b => b.scrollLeft") > 0, "the arrow keys scroll the table"
