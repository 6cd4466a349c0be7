"""HR creates an appraisal cycle for a unit, opens it and sees the appraisals counted by
status; a larger one opens in the background, on a progress page that updates itself."""

from playwright.sync_api import expect

from appraisals.appraisal.dates import year_label
from appraisals.cycles.services import default_year
from appraisals.models import Appraisal, CycleRun
from tests.browser.conftest import accessible, sign_in
from tests.factories import PASSWORD, PersonFactory
from tests.test_pdf_downloads import run_db_worker

# The form offers the appraisal years either side of today's.
YEAR = default_year()


def create_cycle(page, name, search_button=False):
    """The team is below the top two levels the form lists: HR finds it by name, as they
    type (htmx) or with the Search button (as without JavaScript)."""
    page.get_by_role("link", name="Appraisal cycles").first.click()
    accessible(page, screenshot="cycles-list")
    page.get_by_role("link", name="Create a cycle").click()
    accessible(page)
    page.get_by_label("Name of the cycle").fill(name)
    page.get_by_label(year_label(YEAR)).check()
    for group, (day, month, year) in (("Opening date", ("1", "4", str(YEAR))),
                                      ("Closing date", ("30", "6", str(YEAR)))):  # fmt: skip
        fieldset = page.get_by_role("group", name=group)
        fieldset.get_by_label("Day").fill(day)
        fieldset.get_by_label("Month").fill(month)
        fieldset.get_by_label("Year").fill(year)
    expect(page.get_by_label("Clinic Admin (team)")).to_have_count(0)
    page.get_by_label("Find a unit").fill("clinic")
    if search_button:
        page.get_by_role("button", name="Search").click()
        expect(page.get_by_label("Name of the cycle")).to_have_value(name)  # kept
    page.get_by_label("Clinic Admin (team)").check()
    accessible(page, screenshot="cycle-unit-found")
    page.get_by_role("button", name="Create the cycle").click()
    accessible(page, screenshot="cycle-created")
    expect(page.get_by_role("heading", level=1)).to_have_text(name)


def test_hr_creates_and_opens_a_cycle_and_sees_the_counts(page, cast):
    sign_in(page, cast["hr"].email, PASSWORD)
    create_cycle(page, "Clinic Admin appraisals 2026")
    page.get_by_role("button", name="Open the cycle").click()
    accessible(page, screenshot="cycle-opened")
    expect(page.get_by_role("alert")).to_contain_text("2 people given an appraisal.")
    table = page.get_by_role("table", name="Appraisals by status (2 in all)")
    expect(table.get_by_role("row", name="Not started 2")).to_be_visible()
    assert Appraisal.objects.filter(person=cast["owner"], appraiser=cast["line_manager"]).exists()
    page.get_by_role("link", name="Back to appraisal cycles").click()
    accessible(page)
    expect(page.get_by_role("table")).to_contain_text("Not started: 2")


def test_a_large_cycle_opens_in_the_background_on_a_progress_page(
    page, cast, organisation, settings
):
    settings.APPRAISAL_CYCLE_INLINE_MAX = 2
    PersonFactory(unit=organisation["team"], line_manager=cast["line_manager"])
    sign_in(page, cast["hr"].email, PASSWORD)
    create_cycle(page, "Clinic Admin, background", search_button=True)
    page.get_by_role("button", name="Open the cycle").click()
    accessible(page, screenshot="cycle-progress")
    status = page.get_by_role("status")
    expect(status).to_contain_text("0 of 3 people done (0%)")
    assert CycleRun.objects.get().status == CycleRun.Status.QUEUED

    run_db_worker(settings.MEDIA_ROOT)

    expect(status).to_contain_text("3 people given an appraisal.", timeout=10_000)  # no reload
    accessible(page, screenshot="cycle-progress-done")
    assert Appraisal.objects.count() == 3
