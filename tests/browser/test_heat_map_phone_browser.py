"""The Scope for Growth heat map on a 375 px phone (an iPhone SE's width): the page does
not scroll sideways and the table fits its box, its "Stretch/complexity" heading broken
after the slash rather than pushed out of view; at 320 px it scrolls inside its own
focusable region, as every wide table does (accessible() measures that)."""

from datetime import date

from playwright.sync_api import expect

from appraisals.models import Appraisal
from people.models import OrganisationUnit
from tests.browser.conftest import FRAMES, OVERFLOWING, accessible, sign_in
from tests.factories import PASSWORD, PersonFactory
from tests.factories_appraisals import AppraisalCycleFactory, AppraisalFactory
from tests.factories_careers import PlacementFactory

PHONE = 375
REGION = """(region) => ({scrollWidth: region.scrollWidth, clientWidth: region.clientWidth,
  heading: region.querySelectorAll("thead th")[3].getBoundingClientRect().right,
  right: region.getBoundingClientRect().right})"""


def test_the_heat_map_fits_a_375_px_phone(page, organisation, cast, settings):
    settings.MI_SMALL_NUMBER_THRESHOLD = 1
    team = OrganisationUnit.objects.get(pk=organisation["team"].pk)
    cycle = AppraisalCycleFactory(
        name="Outpatients appraisals 2026", units=[team],
        opens_on=date(2026, 4, 1), closes_on=date(2026, 6, 30),
    )  # fmt: skip
    for _ in range(12):  # two-digit counts, as in a real team
        person = PersonFactory(unit=team)
        AppraisalFactory(cycle=cycle, person=person, status=Appraisal.Status.PREPARING,
                         appraiser=cast["line_manager"])  # fmt: skip
        PlacementFactory(person=person, year=cycle.year, agreed=True, proposed_by=person)

    sign_in(page, cast["hr"].email, PASSWORD)
    page.goto(f"/appraisals/cycles/{cycle.pk}/reports/")
    accessible(page, screenshot="heat-map")
    heat = page.get_by_role("region", name="Agreed placements by impact level and direction")
    expect(heat.get_by_role("columnheader", name="Stretch/complexity")).to_be_visible()

    page.set_viewport_size({"width": PHONE, "height": 900})
    page.evaluate(FRAMES)
    whole = page.evaluate(OVERFLOWING)
    box = heat.evaluate(REGION)
    assert whole["scrollWidth"] <= PHONE and not whole["widest"], whole
    assert box["scrollWidth"] <= box["clientWidth"], box  # the table fits: nothing to scroll to
    assert box["heading"] <= box["right"], box  # "Stretch/complexity" in view
