"""Pages are set in the NHS.UK font stack and long unbroken words wrap inside the page."""

from playwright.sync_api import expect

from tests.browser.conftest import accessible, sign_in
from tests.factories import PASSWORD, PersonFactory
from tests.factories_learning import BookmarkFactory, CPDEntryFactory

NHSUK_STACK = '"Frutiger W01", arial, "Liberation Sans", sans-serif'
SANS_FACES = {"Frutiger W01", "Arial", "Liberation Sans"}


def platform_fonts(page, selector):
    """The fonts Chromium actually drew the element's text with (DevTools protocol)."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    return {font["familyName"] for font in fonts}


def test_body_text_is_set_in_the_nhsuk_sans_serif_stack(page, organisation):
    person = PersonFactory(unit=organisation["team"])
    CPDEntryFactory(person=person, title="Handover training")
    sign_in(page, person.email, PASSWORD)
    page.goto("/learning/cpd/")
    accessible(page, screenshot="cpd-log-fonts")
    expect(page.get_by_role("heading", level=1)).to_be_visible()

    for selector in ["body", "main p", "main h1"]:
        family = page.eval_on_selector(selector, "e => getComputedStyle(e).fontFamily")
        assert family == NHSUK_STACK, selector
        used = platform_fonts(page, selector)
        assert used and used <= SANS_FACES, f"{selector} drawn in {used}"
    # The text is as wide as in a sans-serif face, not as in the browser's serif.
    widths = page.evaluate(
        """() => Object.fromEntries(["inherit", "serif", "sans-serif"].map(family => {
            const probe = document.createElement("span");
            probe.textContent = "Reflection journal and CPD log, 2026";
            probe.style.fontFamily = family;
            document.querySelector("main").append(probe);
            const width = probe.getBoundingClientRect().width;
            probe.remove();
            return [family, width];
        }))"""
    )
    assert widths["inherit"] != widths["serif"]
    assert page.evaluate("document.fonts.check('16px \"Liberation Sans\"')")


def test_a_long_unbroken_title_wraps_inside_the_page(page, organisation):
    person = PersonFactory(unit=organisation["team"])
    title = "Handover" + "x" * 192  # 200 characters, no space to break at
    entry = CPDEntryFactory(person=person, title=title)
    BookmarkFactory(person=person, initiative__title=title)  # shown in a table
    sign_in(page, person.email, PASSWORD)
    pages = {
        "log": "/learning/cpd/",
        "entry": f"/learning/cpd/{entry.pk}/",
        "saved": "/learning/saved/",
    }
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        for name, url in pages.items():
            page.goto(url)
            accessible(page, screenshot=f"long-title-{name}-{width}")
            expect(page.get_by_text(title).first).to_be_visible()
            scroll_width = page.evaluate("document.documentElement.scrollWidth")
            assert scroll_width <= page.evaluate("window.innerWidth"), (url, width)


def test_a_phones_table_labels_keep_whole_words(page, organisation):
    """On a phone My team stacks each row with its column names as labels: the labels
    ("Name", "Placement") keep whole words while long cell text may still wrap."""
    manager = PersonFactory(unit=organisation["team"], job_title="Team Leader")
    for _ in range(2):
        PersonFactory(unit=organisation["team"], line_manager=manager)
    page.set_viewport_size({"width": 320, "height": 800})
    sign_in(page, manager.email, PASSWORD)
    page.goto("/team/")
    accessible(page, screenshot="team-320")
    broken = page.evaluate(
        """() => [...document.querySelectorAll(".nhsuk-table-responsive__heading")]
            .filter(label => {
                const range = document.createRange();
                range.selectNodeContents(label);
                const words = label.textContent.trim().split(/\\s+/).length;
                return range.getClientRects().length > words;
            })
            .map(label => label.textContent.trim())"""
    )
    labels = page.locator(".nhsuk-table-responsive__heading").count()
    assert labels > 0
    assert broken == []
