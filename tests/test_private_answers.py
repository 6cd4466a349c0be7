"""Over the URL access matrix (tests/test_access_matrix.py): no answer is kept by a
browser or proxy, and every read of the owner's records by someone else is recorded
and listed for the owner (docs/adr/0020-reads-recorded-no-store.md)."""

import tempfile
from pathlib import Path

import pytest
from django.test import Client, override_settings
from django.urls import reverse
from django.utils.html import escape

from people.audit import what_was_read
from people.models import RecordView
from tests import test_access_matrix
from tests.matrix import ANON, ROLES, SIGNED_IN
from tests.test_access_matrix import (
    TABLE,
    Row,
    admin_kwargs,
    admin_row,
    all_patterns,
    build_path,
)

world = test_access_matrix.world  # the matrix's cast and records, as a fixture here too


def _asks(client, world, route):
    """For each role, a function that signs them in and asks the matrix URL."""
    if route.startswith("admin/"):
        kwargs = admin_kwargs(route, world)
        row = Row(admin_row(route, world))
    else:
        row = TABLE[route]
        kwargs = row.kwargs(world)
    url = build_path(route, kwargs)

    def ask(role):
        client.logout()
        if role != ANON:
            client.force_login(world[role])
        if row.method == "post":
            return client.post(url, row.data(world))
        return client.get(url)

    for role in ROLES:
        yield role, lambda role=role: ask(role)


@pytest.mark.django_db
@pytest.mark.parametrize("route", list(all_patterns()))
def test_no_answer_is_kept_by_browsers_or_proxies(client, world, route):
    """Pages, PDFs, exports, files, redirects and refusals alike: `no-store`, and
    `Vary: Cookie`, since every answer depends on who is signed in."""
    kept = {}
    for role, ask in _asks(client, world, route):
        response = ask()
        cache = response.get("Cache-Control", "")
        if "no-store" not in cache or "Cookie" not in response.get("Vary", ""):
            kept[role] = (response.status_code, cache, response.get("Vary"))
    assert kept == {}, f"{route}: role -> (status, Cache-Control, Vary)"


@pytest.mark.django_db
def test_static_files_keep_their_long_cache_headers(cast):
    root = Path(tempfile.mkdtemp(prefix="trellis-static-"))
    (root / "site.css").write_text("body { margin: 0 }")
    with override_settings(STATIC_ROOT=root, WHITENOISE_AUTOREFRESH=False):
        browser = Client()
        browser.force_login(cast["owner"])
        response = browser.get("/static/site.css")
    assert response.status_code == 200
    assert "no-store" not in response["Cache-Control"]
    assert "max-age" in response["Cache-Control"]


# Routes where someone other than the owner gets a page that shows nothing of the
# owner's records, so no read of the owner is written.
NOT_THE_OWNERS = {
    "": "the home page: the signed-in person's own tasks and notices",
    "health/": "the database's state",
    "account/password/": "the signed-in person's own password",
    "account/password/done/": "the signed-in person's own password",
    "account/reset/": "a form",
    "account/reset/sent/": "a message",
    "account/reset/<uidb64>/<token>/": "a form",
    "account/reset/complete/": "a message",
    "people/me/": "the signed-in person's own record",
    "people/me/reads/": "reads of the signed-in person's own records",
    "organisation/": "units, no people",
    "organisation/<num:pk>/": "a directory of names, job titles and teams; each "
    "person's record behind it is recorded when opened",
    "organisation/<num:pk>/leavers/": "a directory of leavers' names, job titles, teams and "
    "dates of leaving; each person's record behind it is recorded when opened",
    "journal/": "the signed-in person's own journals",
    "team/": "a manager's list of their reports and the stage each is at; each "
    "record behind it is recorded when opened",
    "appraisals/yours/": "the signed-in person's own appraisal, or a page saying there is none",
    "appraisals/to-write/": "an appraiser's list of the appraisals they write and the state "
    "of each; each appraisal behind it is recorded when opened",
    "learning/catalogue/": "the catalogue",
    "learning/catalogue/<num:pk>/": "the catalogue",
    "learning/saved/": "the signed-in person's own list",
    "learning/cpd/": "the signed-in person's own log",
    "learning/cpd/new/": "the signed-in person's own log",
    "learning/cpd/export.csv": "the signed-in person's own log",
    "learning/cpd/export.pdf": "the signed-in person's own log",
    "accessibility/": "the accessibility statement, about no one",
    "appraisals/reminders/preferences/": "the signed-in person's own choice of reminders",
    "appraisals/<num:pk>/appraiser/": "HR's form to name an appraiser: the person's name "
    "and cycle, nothing they or their appraiser wrote",
    "appraisals/exports/<uuid:token>/": "the progress of HR's own export: counts, and the "
    "names of anyone whose booklet could not be made; each booklet is recorded when the "
    "ZIP is downloaded",
    "appraisals/booklets/check/": "HR's form to check a booklet file; a checked file that "
    "is one HR may see is recorded",
    "people/me/equality/": "the signed-in person's own equality monitoring answers",
    "people/me/equality/remove/": "asks the signed-in person before removing their own answers",
    "your-data/": "the signed-in person's own copies of their data",
    "people/<num:pk>/subject-access/": "HR's form to prepare a copy of a person's data: their "
    "name and the copies HR prepared; each copy's download is recorded",
    "people/esr-import/": "HR's upload form",
    "people/esr-import/<uuid:token>/": "an import's plan: what the file changes for people of "
    "the importer's scope, not their records; one read a person would be 20,000 reads a "
    "page (docs/adr/0035)",
    **dict.fromkeys(
        [r for r in TABLE if r.startswith("learning/curate/") and TABLE[r].method == "get"],
        "the catalogue and counts of its use, never names (docs/adr/0017)",
    ),
    **dict.fromkeys(
        [r for r in TABLE if r.startswith("appraisals/cycles/") and TABLE[r].method == "get"],
        "a cycle, its units, its figures, and lists of people with the status of their "
        "appraisal (never what anyone wrote); each appraisal behind them is recorded when "
        "opened, and each in a downloaded ESR file",
    ),
}


def _read_routes():
    return [route for route in TABLE if not route.startswith("admin/")]


@pytest.mark.django_db
@pytest.mark.parametrize("route", _read_routes())
def test_each_read_of_the_owners_record_is_recorded_and_shown_to_them(client, world, route):
    """Someone other than the owner who gets the page, file or export writes one read
    naming the owner; the owner reading their own writes none; a refusal writes none.
    The owner's "Who has looked at your records" page lists each read."""
    owner = world["owner"]
    wrong, written = {}, []
    for role, ask in _asks(client, world, route):
        last = RecordView.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        response = ask()
        list(getattr(response, "streaming_content", []))  # a file is read to its end
        new = list(RecordView.objects.filter(pk__gt=last, subject=owner))
        shows_owners_record = (
            role not in (ANON, "owner")
            and 200 <= response.status_code < 300
            and route not in NOT_THE_OWNERS
        )
        if shows_owners_record:
            if [(r.viewer, r.subject) for r in new] != [(world[role], owner)]:
                wrong[role] = (response.status_code, len(new))
            written += new
        elif new:
            wrong[role] = (response.status_code, len(new))
    assert wrong == {}, f"{route}: role -> (status, reads of the owner written)"

    client.force_login(owner)
    page = client.get(reverse("my-reads")).content.decode()
    for read in written:
        assert escape(read.viewer.full_name) in page and escape(what_was_read(read)) in page


def test_every_route_kept_from_the_audit_shows_a_page_to_someone_else():
    """An exemption for a route nobody else can open would hide a missing read."""
    needless = [
        route
        for route in NOT_THE_OWNERS
        if not any(200 <= TABLE[route].expect[role] < 300 for role in SIGNED_IN if role != "owner")
    ]
    assert needless == []
