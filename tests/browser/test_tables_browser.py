"""Every page with a table in NHS.UK's scrolling box that these tests reach, at 320 px and
1280 px (WCAG 1.4.10 Reflow; 2.1.1 Keyboard): the page never scrolls sideways; at
1280 px no table scrolls at all; where a table does scroll (320 px), the end of its
last column's text is on show once scrolled to the end, not under the edge shadow;
and with JavaScript off each box still takes keyboard focus, so arrow keys scroll it.
Screenshots of each page at both widths go to test-artifacts/tables-*.png."""

from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse

from appraisals.booklet import services
from appraisals.management.commands.booklet_demo_certificate import make_pair
from tests.browser.conftest import (
    ARTIFACTS,
    CHROMIUM,
    CHROMIUM_ARGS,
    FRAMES,
    OVERFLOWING,
    WCAG_TAGS,
    accessible,
    sign_in,
)
from tests.browser.tables import focusable_boxes, scroll_boxes
from tests.factories import PASSWORD, PersonFactory
from tests.factories_booklet import appraisal_for, complete, cycle_for, fill
from tests.factories_careers import PlacementFactory
from tests.factories_learning import CPDEntryFactory, InitiativeFactory, vocabulary

AXE_OPTIONS = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}

SERVED_TABINDEX = """() => document.querySelectorAll(".nhsuk-scroll__content")
  .forEach((box) => box.setAttribute("tabindex", "0"))"""


def _measure(page, name, scrolled):
    """The page's boxes at 1280 px and at 320 px, as a list of faults a user would see;
    the caption of each table that scrolls at 320 px is added to `scrolled`."""
    faults = []
    for width in (1280, 320):
        page.set_viewport_size({"width": width, "height": 900})
        page.evaluate(FRAMES)
        sideways = page.evaluate(OVERFLOWING)
        if sideways["scrollWidth"] > sideways["width"]:
            faults.append(f"{name} at {width} px: the page scrolls sideways {sideways}")
        page.screenshot(path=ARTIFACTS / f"tables-{name}-{width}.png", full_page=True)
        boxes = scroll_boxes(page)
        assert boxes, f"{name}: no scrolling table on {page.url}"
        for box in boxes:
            where = f"{name} at {width} px, table {box['caption']!r}"
            if not box["labelled"]:
                faults.append(f"{where}: the region is not named by its caption")
            if width == 1280 and box["overflow"] > 0:
                faults.append(f"{where}: scrolls {box['overflow']} px on a desktop screen")
            if width == 1280 and box["shadowsAtRest"]:
                faults.append(f"{where}: an edge shadow shows, though nothing is hidden")
            if width == 320 and box["overflow"] > 0:
                scrolled.append(box["caption"])
            if box["covered"]:
                faults.append(f"{where}: last column hidden at end of scroll: {box['covered']}")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.evaluate(FRAMES)
    # The markup as served (every box focusable, none scrolling at 1280 px) is axe-clean
    # too: the page as it is without JavaScript, which axe itself needs to run.
    page.evaluate(SERVED_TABINDEX)
    violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
    faults += [f"{name} as served: axe {v['id']} {v['nodes'][0]['html']}" for v in violations]
    return faults


def _keyboard_without_javascript(playwright_instance, live_server, page, urls):
    """Each box on each page, opened with JavaScript off as the same signed-in user."""
    browser = playwright_instance.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
    )
    faults = []
    try:
        context = browser.new_context(
            java_script_enabled=False,
            base_url=live_server.url,
            viewport={"width": 320, "height": 900},
        )
        context.add_cookies(page.context.cookies())
        nojs = context.new_page()
        for url in urls:
            nojs.goto(url)
            boxes = focusable_boxes(nojs)
            assert boxes, f"no scrolling table on {url} without JavaScript"
            for box in boxes:
                if not box["focused"] or box["role"] != "region":
                    faults.append(f"{url} without JavaScript: box {box} takes no keyboard focus")
    finally:
        browser.close()
    return faults


def test_scrolling_tables_fit_and_take_focus_without_javascript(
    page, organisation, settings, tmp_path, playwright_instance, live_server
):
    key, cert, passphrase = make_pair(tmp_path / "seal", organisation="Demo Trust")
    settings.BOOKLET_SEAL_KEY, settings.BOOKLET_SEAL_CERT = str(key), str(cert)
    settings.BOOKLET_SEAL_PASSPHRASE = passphrase
    settings.MEDIA_ROOT = tmp_path / "media"
    team = organisation["team"]
    manager = PersonFactory(unit=team, job_title="Clinic Manager", led=True)
    person = PersonFactory(unit=team, line_manager=manager, given_name="Siân", family_name="Ng")
    others = [PersonFactory(unit=team, line_manager=manager) for _ in range(6)]
    hr = PersonFactory(unit=organisation["other_team"], hr=True)
    hr.hr_scopes.create(unit=organisation["org"])
    cycle = cycle_for(team)
    appraisal = fill(appraisal_for(person, cycle=cycle), objectives=3)
    for other in others:
        appraisal_for(other, cycle=cycle)
    PlacementFactory(person=person, year=appraisal.cycle.year, agreed=True)
    categories, _, _ = vocabulary()
    category = next(iter(categories.values()))
    initiative = InitiativeFactory(title="Quality improvement fundamentals", category=category)
    for other in others:
        CPDEntryFactory(person=other, initiative=initiative, category=category)

    faults, scrolled = [], []

    def visit(name, url=None):
        if url:
            page.goto(url)
        accessible(page)
        faults.extend(_measure(page, name, scrolled))

    sign_in(page, manager.email, PASSWORD)
    page.goto(f"/people/{person.pk}/")  # recorded: the person's "who has looked" lists it
    accessible(page)
    visit("management-information", reverse("learning:curate-insights"))
    manager_urls = [reverse("learning:curate-insights")]
    faults += _keyboard_without_javascript(playwright_instance, live_server, page, manager_urls)
    page.context.clear_cookies()

    sign_in(page, person.email, PASSWORD)
    visit("booklet-draft", f"/appraisals/{appraisal.pk}/booklet/")
    visit("who-has-looked", reverse("my-reads"))
    person_urls = [f"/appraisals/{appraisal.pk}/booklet/", reverse("my-reads")]
    faults += _keyboard_without_javascript(playwright_instance, live_server, page, person_urls)
    page.context.clear_cookies()

    complete(appraisal)
    services.seal_now(appraisal_id=appraisal.pk)
    sign_in(page, hr.email, PASSWORD)
    visit("cycle", reverse("appraisals:cycle-detail", args=[cycle.pk]))
    visit("cycles", reverse("appraisals:cycle-list"))
    visit("organisation", reverse("unit-list"))
    visit("booklet-sealed", f"/appraisals/{appraisal.pk}/booklet/")
    hr_urls = [
        reverse("appraisals:cycle-detail", args=[cycle.pk]),
        reverse("appraisals:cycle-list"),
        reverse("unit-list"),
    ]
    faults += _keyboard_without_javascript(playwright_instance, live_server, page, hr_urls)

    assert faults == [], "\n".join(faults)
    # The end-of-scroll check above had tables to scroll: these are wider than 320 px.
    assert "Cycles you run" in scrolled and "Who signed this appraisal, and when" in scrolled
