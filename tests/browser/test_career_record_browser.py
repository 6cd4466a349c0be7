"""The career record's form to start a conversation record, as a line manager sees it
beside the placement: the date's day, month and year on one line at 1280 px, as the
NHS.UK date input is drawn (https://service-manual.nhs.uk/design-system/components/date-input).
Screenshots go to test-artifacts/career-record-manager.png (and -320) and
career-record-start-form.png."""

from django.urls import reverse

from tests.browser.conftest import ARTIFACTS, accessible, sign_in
from tests.factories import PASSWORD, OrganisationUnitFactory, PersonFactory

# The top edge of each of the date's three boxes, in page pixels.
TOPS = """() => [...document.querySelectorAll(
  "form[action$='/conversations/new/'] .nhsuk-date-input__input")]
  .map((box) => Math.round(box.getBoundingClientRect().top))"""


def test_the_date_to_start_a_conversation_is_on_one_line(page):
    unit = OrganisationUnitFactory(name="Ward 7", kind="team")
    manager = PersonFactory(unit=unit, job_title="Team Leader")
    report = PersonFactory(unit=unit, line_manager=manager)
    sign_in(page, manager.email, PASSWORD)
    page.goto(reverse("career-record", args=[report.pk]))
    accessible(page, screenshot="career-record-manager")
    tops = page.evaluate(TOPS)
    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("form:has(.nhsuk-date-input)").screenshot(
        path=ARTIFACTS / "career-record-start-form.png"
    )
    assert len(tops) == 3, tops
    assert len(set(tops)) == 1, f"day, month and year on separate lines: tops {tops}"
