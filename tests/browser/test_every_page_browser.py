"""Every GET page of the resolver in a browser, checked with axe (WCAG 2.2 A and AA).

The same walk as the query counts' (tests/url_registry.py): each page fetched by the
role that uses it, with real ids, in a small generated organisation; the admin's pages
included. A page that no other browser test opens (an admin form with its choosers, an
old version of a record) is checked here. Downloads (PDF, CSV, XLSX, ZIP) are not pages.
Every violation of every page is listed in one failure, so one run shows them all.
"""

from django.conf import settings
from django.test import Client

from tests.browser.conftest import accessible
from tests.matrix import ANON
from tests.url_registry import generated_world, pages

KEPT = (" - Ensure ", "Target:", "Snippet:")  # the lines of axe's report that name a fault


def _signed_in_cookie(person, live_server):
    client = Client()
    client.force_login(person)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    return {"name": settings.SESSION_COOKIE_NAME, "value": key, "url": live_server.url}


def _named(report):
    """Each rule broken and each element breaking it, from axe's report."""
    lines = [line.strip() for line in report.splitlines()]
    return [line for line in lines if any(key in line for key in KEPT)]


def test_every_page_passes_axe(page, live_server):
    world = generated_world(30, reports=6)
    walk = [p for p in pages(world) if p.url]
    failures, checked = {}, 0
    role_now = None
    for one in walk:
        probe = Client()
        if one.role != ANON:
            probe.force_login(world[one.role])
        answer = probe.get(one.url, follow=True)  # as the browser will
        if answer.status_code != 200:
            failures[f"{one.route} ({one.role})"] = [f"answered {answer.status_code}"]
            continue
        if not answer["Content-Type"].startswith("text/html"):
            continue
        if one.role != role_now:
            page.context.clear_cookies()
            if one.role != ANON:
                page.context.add_cookies([_signed_in_cookie(world[one.role], live_server)])
            role_now = one.role
        page.goto(one.url)
        try:
            # Django's admin lays its tables out wider than 320 px: reflow is not asked of it.
            accessible(page, reflow=not one.route.startswith("admin/"))
        except AssertionError as failure:
            failures[f"{one.route} ({one.role})"] = _named(str(failure))
            page.trellis_checks.unchecked.clear()
        checked += 1
    assert checked > 150, f"only {checked} pages were checked"
    assert failures == {}, "\n\n".join(f"{k}:\n" + "\n".join(v) for k, v in failures.items())
