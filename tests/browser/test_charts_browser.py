"""Every chart Trellis draws is readable at every width (WCAG 1.4.4, 1.4.10): it lays
itself out again in a narrow window rather than shrinking, so its text stays at the
size of the body text, nothing is cut off and the page never scrolls sideways.

The charts: the CPD log's 70/20/10 mix, management information's three bar charts, an
initiative's ratings and the Scope for Growth placement picture. Each is measured
1280 px and 320 px wide; a screenshot of each page at each width goes to
test-artifacts/charts-<page>-<width>.png."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from careers.conversation import services as talk
from careers.journal import services
from learning import cpd
from learning.models import GrowthDirection, ImpactLevel
from tests.browser.conftest import ARTIFACTS, FRAMES, accessible, sign_in
from tests.factories import PASSWORD, OrganisationUnitFactory, PersonFactory
from tests.factories_learning import (
    CPDEntryFactory,
    EvaluationFactory,
    InitiativeFactory,
    vocabulary,
)

WIDTHS = (1280, 320)
PICTURE_IN_WORDS = "Now: Consolidating experience in current role (green area), growing in depth."
LONG_UNIT = "Emergency Department and Acute Medical Unit, Northern General Hospital"
LONG_TITLE = "Leading through organisational change: a practical programme for team leaders"

# The body text's size (a paragraph added to <main>), then for every chart: each drawn
# piece of text, its size as drawn (an SVG's scale included) and whether it lies inside
# its chart (and its own SVG); every HTML box inside a chart whose content is wider than
# it. Text only for assistive technology (an SVG <title> or <desc>, a visually hidden
# span) is not drawn, so it is not measured.
MEASURE = """(selector) => {
  const probe = document.createElement("p");
  probe.textContent = "Body text";
  document.querySelector("main").append(probe);
  const body = parseFloat(getComputedStyle(probe).fontSize);
  probe.remove();
  const notDrawn = (el, chart) => {
    if (el.closest("title, desc")) return true;
    for (let up = el; up && up !== chart.parentElement; up = up.parentElement) {
      const style = getComputedStyle(up);
      if (style.display === "none" || style.visibility === "hidden" ||
          style.clipPath !== "none" || style.clip !== "auto") return true;
    }
    return false;
  };
  const outside = (r, box) => r.left < box.left - 0.5 || r.right > box.right + 0.5 ||
    r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5;
  const name = (el) => el.tagName.toLowerCase() +
    (el.classList.length ? "." + [...el.classList].join(".") : "");
  const problems = [];
  const charts = [...document.querySelectorAll(selector)];
  let texts = 0;
  for (const chart of charts) {
    const box = chart.getBoundingClientRect();
    const walker = document.createTreeWalker(chart, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent.trim();
      const el = node.parentElement;
      if (!text || notDrawn(el, chart)) continue;
      texts += 1;
      let size = parseFloat(getComputedStyle(el).fontSize);
      let rects;
      if (el instanceof SVGGraphicsElement) {
        const m = el.getScreenCTM();
        size *= Math.hypot(m.a, m.b);
        rects = [el.getBoundingClientRect()];
        if (outside(rects[0], el.ownerSVGElement.getBoundingClientRect())) {
          problems.push(`"${text}" is cut off by its SVG's edge`);
        }
      } else {
        const range = document.createRange();
        range.selectNodeContents(node);
        rects = [...range.getClientRects()];
      }
      if (size < body - 0.05) {
        problems.push(`"${text}" is ${size.toFixed(1)} px, smaller than the body's ${body} px`);
      }
      if (rects.some((r) => outside(r, box))) problems.push(`"${text}" reaches outside its chart`);
    }
    for (const el of [chart, ...chart.querySelectorAll("*")]) {
      if (el instanceof SVGElement || !el.clientWidth) continue;
      if (el.scrollWidth > el.clientWidth) {
        problems.push(`${name(el)} is cut off: ${el.scrollWidth} px of content in ` +
                      `${el.clientWidth} px`);
      }
    }
  }
  return {body, charts: charts.length, texts, problems,
          scrollWidth: document.documentElement.scrollWidth, width: window.innerWidth};
}"""


def this_year_day():
    first, _ = cpd.year_bounds(cpd.appraisal_year())
    return max(first, date.today() - timedelta(days=1))


@pytest.fixture
def world(organisation, settings):
    """An LED member with their own CPD log and placement, and a year of everyone's
    learning: long unit and initiative names, and one category holding every hour so
    that its value reads "100% (guide 70%)", the longest a chart shows."""
    settings.MI_SMALL_NUMBER_THRESHOLD = 1  # every count shown, so every chart drawn
    categories, _, _ = vocabulary()
    experience = categories["experience"]
    manager = PersonFactory(unit=organisation["team"], job_title="Team Leader")
    led = PersonFactory(
        unit=organisation["team"], led=True, line_manager=manager, given_name="Lena"
    )
    ward = OrganisationUnitFactory(name=LONG_UNIT, kind="team", parent=organisation["org"])
    course = InitiativeFactory(title=LONG_TITLE, category=experience)
    day = this_year_day()
    CPDEntryFactory(person=led, category=experience, hours=12, started_on=day)
    for n, rating in enumerate([5, 5, 4, 3, 1]):
        person = PersonFactory(unit=ward if n % 2 else organisation["team"])
        entry = CPDEntryFactory(
            person=person, initiative=course, category=experience, hours=2, started_on=day
        )
        EvaluationFactory(entry=entry, rating=rating)
    talk.propose_placement(
        person=led,
        by=manager,
        year=services.appraisal_year(),
        level=ImpactLevel.objects.get(slug=ImpactLevel.CONSOLIDATING),
        direction=GrowthDirection.objects.get(slug=GrowthDirection.DEPTH),
        evidence="Strong one-to-ones",
        evidence_kinds=["360"],
        target_level=ImpactLevel.objects.get(slug=ImpactLevel.PROVEN),
        target_direction=GrowthDirection.objects.get(slug=GrowthDirection.STRETCH),
        target_reason="To lead the service",
    )
    return {"led": led, "course": course, "org": organisation["org"]}


def measure(page, shot):
    """The charts on the page, measured at the window's width; a screenshot saved."""
    page.evaluate(FRAMES)  # the header lays its menu out for the new width first
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"{shot}.png", full_page=True)
    return page.evaluate(MEASURE, ".trellis-chart")


def test_every_chart_keeps_body_size_text_inside_its_box_at_320_and_1280_px(page, world):
    course = world["course"]
    year = cpd.year_label(cpd.appraisal_year())
    # Each page: its charts, by role and accessible name, and the captions of the tables
    # beside them (the placement picture's text alternative is its caption).
    pages = {
        "cpd-log": (
            reverse("learning:cpd-log"),
            [("figure", f"Your 70/20/10 mix, {year}")],
            ["Hours by 70/20/10 category"],
        ),
        "insights": (
            reverse("learning:curate-insights"),
            [
                ("figure", "Share of hours by 70/20/10 category"),
                ("figure", f"CPD entries by organisation unit in {world['org'].name}"),
                ("figure", "Most used initiatives by CPD entries"),
            ],
            [
                "Learning by 70/20/10 category",
                f"Learning by the unit people belong to in {world['org'].name}, each with the "
                "units below it, most entries first",
                "The 1 initiative with the most CPD entries",
            ],
        ),
        "results": (
            reverse("learning:curate-results", args=[course.pk]),
            [("figure", f"Ratings of {course.title}")],
            ["Ratings given"],
        ),
        "career": (
            reverse("career-record", args=[world["led"].pk]),
            [("img", "Scope for Growth placement")],
            [],
        ),
    }
    problems = []
    sign_in(page, world["led"].email, PASSWORD)
    for name, (url, charts, tables) in pages.items():
        page.set_viewport_size({"width": 1280, "height": 900})
        page.goto(url)
        accessible(page)  # axe finds nothing, and the page fits 320 px
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            found = measure(page, f"charts-{name}-{width}")
            where = f"{url} at {width} px"
            assert found["body"] == (16 if width == 320 else 19), where  # NHS.UK body text
            if found["charts"] != len(charts):
                problems.append(f"{where}: {found['charts']} charts, not {len(charts)}")
            if found["texts"] <= len(charts):
                problems.append(f"{where}: the charts draw next to no text")
            problems += [f"{where}: {problem}" for problem in found["problems"]]
            if found["scrollWidth"] > found["width"]:
                problems.append(f"{where}: the page scrolls sideways")
        for role, title in charts:
            if not page.get_by_role(role, name=title, exact=True).is_visible():
                problems.append(f"{url}: no {role} named {title!r}")
        for caption in tables:
            if not page.get_by_role("table", name=caption, exact=True).is_visible():
                problems.append(f"{url}: no table {caption!r} beside the chart")
        if (
            name == "career"
            and not page.get_by_text(PICTURE_IN_WORDS).filter(visible=True).count()
        ):
            problems.append(f"{url}: the placement is not described in words")
    assert problems == [], "\n".join(problems)
