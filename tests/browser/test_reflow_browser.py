"""The four pages whose tables pushed the page sideways at 320 px (WCAG 1.4.10).

`accessible()` measures every page at 320 px; here each page has rows long enough to
have overflowed, and a 320 px screenshot of each goes to test-artifacts/."""

from django.urls import reverse
from playwright.sync_api import expect

from tests.browser.conftest import accessible, sign_in
from tests.factories import PASSWORD, PersonFactory
from tests.factories_learning import (
    BookmarkFactory,
    CPDEntryFactory,
    InitiativeFactory,
    vocabulary,
)

TITLES = [
    "Reverse mentoring for leaders in outpatient and community services",
    "Quality improvement fundamentals for multidisciplinary teams",
    "Leading through organisational change: a practical programme",
]


def test_tables_scroll_in_their_own_box_not_the_page_at_320_px(page, organisation):
    categories, _, _ = vocabulary()
    category = next(iter(categories.values()))
    initiatives = [InitiativeFactory(title=title, category=category) for title in TITLES]
    staff = PersonFactory(unit=organisation["team"], given_name="Sam", job_title="Booking clerk")
    for initiative in initiatives:
        BookmarkFactory(person=staff, initiative=initiative)
    for n in range(6):  # enough people that management information shows its counts
        person = PersonFactory(unit=organisation["team"], job_title="Healthcare assistant")
        CPDEntryFactory(person=person, initiative=initiatives[n % 2], category=category)
    led = PersonFactory(unit=organisation["team"], led=True)
    hr = PersonFactory(unit=organisation["other_team"], hr=True)
    hr.hr_scopes.create(unit=organisation["org"])

    sign_in(page, staff.email, PASSWORD)
    page.goto(reverse("learning:saved"))
    accessible(page, screenshot="reflow-saved-initiatives")
    page.context.clear_cookies()

    sign_in(page, led.email, PASSWORD)
    page.goto(reverse("learning:curate-list"))
    accessible(page, screenshot="reflow-curation-list")
    page.goto(reverse("learning:curate-insights"))
    accessible(page, screenshot="reflow-management-information")
    most_used = page.get_by_role("region", name="The 2 initiatives with the most CPD entries")
    expect(most_used.get_by_role("table")).to_be_visible()
    page.set_viewport_size({"width": 320, "height": 900})
    # nhsuk-frontend's Scroll lets the keyboard in once the table is wider than its box.
    expect(most_used).to_have_attribute("tabindex", "0")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.context.clear_cookies()

    sign_in(page, hr.email, PASSWORD)
    page.goto(reverse("unit-detail", args=[organisation["org"].pk]))
    accessible(page, screenshot="reflow-organisation-unit")
