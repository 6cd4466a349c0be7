"""HR opens a cycle's management information from the cycle's page, reads the counts
and the chart beside their table, the placement heat map and the 70/20/10 mix, and drills
down from the cycle's unit to a team; every page passes axe at 1280 px and reflows at
320 px."""

from datetime import date

from playwright.sync_api import expect

from appraisals.models import Appraisal
from people.models import OrganisationUnit
from tests.browser.conftest import accessible, sign_in
from tests.browser.test_charts_browser import measure
from tests.factories import PASSWORD, PersonFactory
from tests.factories_appraisals import AppraisalCycleFactory, AppraisalFactory
from tests.factories_careers import PlacementFactory

S = Appraisal.Status


def test_hr_drills_from_the_cycle_to_a_team(page, organisation, cast, settings):
    settings.MI_SMALL_NUMBER_THRESHOLD = 1  # every count shown, so the heat map is shaded
    units = {name: OrganisationUnit.objects.get(pk=u.pk) for name, u in organisation.items()}
    cycle = AppraisalCycleFactory(name="Outpatients appraisals 2026", units=[units["department"]],
                          opens_on=date(2026, 4, 1), closes_on=date(2026, 6, 30))  # fmt: skip
    for unit, status in (("team", S.NOT_STARTED), ("team", S.COMPLETE),
                         ("other_team", S.PREPARING)):  # fmt: skip
        appraisal = AppraisalFactory(cycle=cycle, person=PersonFactory(unit=units[unit]),
                                     status=status, appraiser=cast["line_manager"])  # fmt: skip
        PlacementFactory(
            person=appraisal.person, year=cycle.year, agreed=True, proposed_by=appraisal.person
        )  # developing, depth

    sign_in(page, cast["hr"].email, PASSWORD)
    page.get_by_role("link", name="Appraisal cycles").first.click()
    accessible(page)
    page.get_by_role("link", name="Outpatients appraisals 2026").click()
    accessible(page)
    page.get_by_role("link", name="Management information").click()
    accessible(page, screenshot="reports-cycle")
    expect(page.get_by_role("heading", level=1)).to_have_text("Every unit in the cycle")
    status = page.get_by_role("table", name="Appraisals by status")
    expect(status.get_by_role("row", name="Complete 1 33%")).to_be_visible()
    expect(page.get_by_role("figure", name="Appraisals by how far they have got")).to_be_visible()
    # The heat map is a table with real headers; each shaded square has its count beside it.
    heat = page.get_by_role("table", name="Agreed placements by impact level and direction")
    expect(heat.get_by_role("columnheader", name="Depth")).to_be_visible()
    expect(heat.get_by_role("row", name="Developing 3 0 0")).to_be_visible()
    expect(heat.get_by_role("rowheader", name="Proven")).to_be_visible()
    expect(page.get_by_role("list", name="What each shade means")).to_contain_text("0")
    mix = page.get_by_role("table", name="Planned development by 70/20/10 category")
    expect(mix.get_by_role("row", name="All planned actions 0")).to_be_visible()

    # Both charts keep body-size text inside their box at both widths (docs/adr/0024).
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        found = measure(page, f"reports-charts-{width}")
        assert (found["charts"], found["problems"]) == (3, []), width
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_role("link", name="Outpatients", exact=True).click()
    accessible(page, screenshot="reports-department")
    expect(page.get_by_role("heading", level=1)).to_have_text("Outpatients")
    page.get_by_role("link", name="Clinic Admin", exact=True).click()
    accessible(page, screenshot="reports-team")
    expect(page.get_by_role("heading", level=1)).to_have_text("Clinic Admin")
    units_table = page.get_by_role("table", name="Appraisals by unit in Clinic Admin")
    expect(units_table.get_by_role("row", name="Total 2 1 0 0 1 1 50% 0")).to_be_visible()

    page.get_by_role("link", name="Overdue appraisals, with their appraisers").click()
    accessible(page, screenshot="reports-overdue")
    expect(page.get_by_role("table")).to_contain_text(cast["line_manager"].full_name)
    page.get_by_role("link", name="Back to the figures for Clinic Admin").click()
    accessible(page)
    page.get_by_role("link", name="Completion by appraiser").click()
    accessible(page, screenshot="reports-appraisers")
    expect(page.get_by_role("table")).to_contain_text(cast["line_manager"].full_name)
