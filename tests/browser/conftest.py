"""Browser tests: Debian's Chromium driven by Playwright, axe on every page.

Every page a test loads must be checked with `accessible(page)` before the
next navigation; the `page` fixture fails a test that skipped one, and any
Content-Security-Policy violation or JavaScript error fails it too.
Without Chromium these tests skip, unless REQUIRE_BROWSER=1 (as in CI).
"""

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
# WCAG 1.4.10 Reflow: content fits 320 CSS px (1280 px at 400% zoom) without
# scrolling sideways; a table may scroll only inside its own container.
REFLOW_WIDTH = 320

# The header's script moves menu items that no longer fit into "More" on the
# next animation frame after a resize, so the measure waits two frames first.
# The widest elements that reach past the window's right edge and are not
# clipped by a scrolling (or hidden-overflow) ancestor, as "tag.class#id: right px".
FRAMES = "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"
OVERFLOWING = """async () => {
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  const width = window.innerWidth;
  const clipped = (el) => {
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      if (getComputedStyle(up).overflowX !== "visible") return true;
    }
    return false;
  };
  const out = [];
  for (const el of document.body.querySelectorAll("*")) {
    const right = el.getBoundingClientRect().right;
    if (right > width + 0.5 && !clipped(el)) {
      const name = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
        (el.classList.length ? "." + [...el.classList].join(".") : "");
      out.push([right, `${name}: right edge at ${Math.round(right)} px`]);
    }
  }
  out.sort((a, b) => b[0] - a[0]);
  return {scrollWidth: document.documentElement.scrollWidth, width,
          widest: out.slice(0, 5).map((o) => o[1])};
}"""

CSP_REPORTER = """
document.addEventListener("securitypolicyviolation", (e) => console.error(
  `CSP ${e.effectiveDirective} blocked ${e.blockedURI} "${e.sample}" at ` +
  `${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`));
"""

# Playwright's sync API runs an event loop in the test thread; the ORM calls
# that tests make to set up data are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


def _require_browser():
    if Path(CHROMIUM).exists():
        return
    reason = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    if os.environ.get("REQUIRE_BROWSER") == "1":
        pytest.fail(reason + "; REQUIRE_BROWSER=1 asks for the browser tests to run")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def playwright_instance():
    _require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


class PageChecks:
    """What a test must leave clean: every loaded page checked, no console errors."""

    def __init__(self):
        self.unchecked = []
        self.errors = []
        self.expected = []

    def expect_error(self, text):
        """Allow one console error containing `text` (e.g. a page served as 429)."""
        self.expected.append(text)

    def loaded(self, url):
        self.unchecked.append(url)

    def console(self, message):
        if message.type != "error":
            return
        for text in self.expected:
            if text in message.text:
                self.expected.remove(text)
                return
        self.errors.append(f"{message.text} at {message.location.get('url', '')}")


def restore_shipped_data():
    """Put back what the data migrations ship (role groups, the question bank,
    the catalogue) after an earlier browser test's flush emptied the tables.

    The data migrations' own functions do it, so the rows are the same."""
    from importlib import import_module
    from types import SimpleNamespace

    from django.apps import apps
    from django.db import connection

    from careers.models import QuestionBank
    from learning.models import LearningCategory

    if QuestionBank.objects.exists() and LearningCategory.objects.exists():
        return
    editor = SimpleNamespace(connection=connection)
    for migration in [
        "people.migrations.0002_role_groups",
        "careers.migrations.0002_ship_question_bank",
        "careers.migrations.0003_led_edits_question_bank",
        "learning.migrations.0003_shipped_content",
    ]:
        for operation in import_module(migration).Migration.operations:
            operation.code(apps, editor)  # each is a RunPython


@contextmanager
def checked_window(playwright_instance, live_server, prefix="trellis-chromium-"):
    """A browser window with a fresh Chromium profile on the live server; on leaving,
    fails on any console error, CSP violation or page not checked with axe."""
    profile = tempfile.mkdtemp(prefix=prefix)
    context = playwright_instance.chromium.launch_persistent_context(
        profile,
        executable_path=CHROMIUM,
        headless=True,
        args=CHROMIUM_ARGS,
        base_url=live_server.url,
        viewport={"width": 1280, "height": 900},
    )
    # Name each Content-Security-Policy violation's source, to make it easy to fix.
    context.add_init_script(CSP_REPORTER)
    checks = PageChecks()
    window = context.pages[0] if context.pages else context.new_page()
    window.on("load", lambda p: checks.loaded(p.url))
    window.on("console", checks.console)
    window.on("pageerror", lambda error: checks.errors.append(str(error)))
    window.trellis_checks = checks
    window.set_default_timeout(15_000)
    try:
        yield window
        assert checks.errors == [], f"Browser console errors: {checks.errors}"
        assert checks.unchecked == [], f"Pages loaded but not checked with axe: {checks.unchecked}"
    finally:
        context.close()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def page(playwright_instance, django_db_serialized_rollback, live_server, transactional_db):
    """A fresh Chromium profile on the live server, with the shipped data in place."""
    restore_shipped_data()
    with checked_window(playwright_instance, live_server) as window:
        yield window


def _expanded_radio(node):
    """True for an axe node that is a radio failing only on its aria-expanded."""
    failed = [check for key in ("any", "all", "none") for check in node.get(key, [])]
    data = [str(item) for check in failed for item in (check.get("data") or [])]
    return (
        'type="radio"' in node["html"]
        and bool(data)
        and all(item.startswith("aria-expanded=") for item in data)
    )


def accessible(page, screenshot=None, reflow=True):
    """Run axe (WCAG 2.2 A and AA) on the page; fail on any violation but one.

    The one: nhsuk-frontend's script (as GOV.UK Frontend's) sets aria-expanded on a radio
    that reveals a question. ARIA 1.2 allows it on checkboxes, not radios, so axe reports
    it; both design systems keep it on purpose because screen readers announce it
    (alphagov/govuk-frontend#979, #2823; w3c/aria#1404; docs/adr/0023). Only a radio
    whose sole fault is its aria-expanded is let through; that rule still runs on all else.

    The page is also measured 320 px wide (WCAG 1.4.10). ``reflow=False`` skips that, for
    a page under Playwright's fake clock, which stops the header's own layout script.
    """
    from axe_playwright_python.sync_playwright import Axe

    page.wait_for_load_state("load")
    results = Axe().run(
        page,
        options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]},
    )
    if screenshot:
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=ARTIFACTS / f"{screenshot}.png", full_page=True)
    measured = _reflow(page, screenshot) if reflow else None
    page.trellis_checks.unchecked.clear()
    left = []
    for violation in results.response["violations"]:
        nodes = violation["nodes"]
        if violation["id"] == "aria-allowed-attr":
            nodes = [n for n in nodes if not _expanded_radio(n)]
        if nodes:
            left.append((violation["id"], [n["html"] for n in nodes]))
    assert left == [], f"{page.url}\n{results.generate_report()}"
    if measured is None:
        return page
    assert measured["scrollWidth"] <= measured["width"] and not measured["widest"], (
        f"{page.url} scrolls sideways at {REFLOW_WIDTH} px (WCAG 1.4.10): page "
        f"{measured['scrollWidth']} px wide; widest overflowing: {measured['widest']}"
    )
    return page


def _reflow(page, screenshot=None):
    """Lay the page out 320 px (REFLOW_WIDTH) wide and measure it, then put the window back.

    In: a loaded page; a screenshot name to also save `<name>-320.png`. Out: the
    document's scrollWidth, the window's width and the widest elements sticking out."""
    before = page.viewport_size
    page.set_viewport_size({"width": REFLOW_WIDTH, "height": before["height"]})
    try:
        measured = page.evaluate(OVERFLOWING)
        if screenshot:
            page.screenshot(path=ARTIFACTS / f"{screenshot}-{REFLOW_WIDTH}.png", full_page=True)
    finally:
        page.set_viewport_size(before)
        page.evaluate(FRAMES)  # the header lays its menu out again for the wide window
    return measured


def sign_in(page, email, password, reflow=True):
    page.goto("/sign-in/")
    accessible(page, reflow=reflow)
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    return accessible(page, reflow=reflow)
