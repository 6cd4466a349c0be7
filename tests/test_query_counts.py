"""Every page reads the same number of queries whatever the size of the organisation.

One walk of the resolver through the access matrix's registry (tests/url_registry.py):
each GET page, fetched by the role that uses it with real ids, in a generated
organisation of SMALL and then LARGE people (the cast's manager given a tenth as many
reports), counts its queries. Each count must be the same at both sizes, bar the
pages in GROWS, and equal to its pin in QUERIES; a page without a pin fails. The page
report (`make bench`, bench/pages.py) times the same pages at 20,000 people.

After a change that alters a page's queries on purpose, run this test: its failure
prints every count, to be pinned afresh.
"""

import re
import sys

import factory.random
import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.url_registry import generated_world, pages

SMALL, LARGE = 42, 126  # people generated: 2 teams (the cast's two) and 6

# Pages whose count follows the size, and why.
GROWS = {
    # The world's initiative is the first published one, a different one at each size
    # (the generated catalogue grows with the organisation), with its own records.
    # More queries for some initiatives on the first page than others: which fill it
    # depends on the data (left for the learning app's admin; see docs/adr/0045).
    "admin/learning/initiative/": "the initiatives on the first page differ",
    "learning/curate/<num:pk>/results.csv": "a different initiative at each size",
    "learning/curate/<num:pk>/results.xlsx": "a different initiative at each size",
}

# The admin's model lists read 3 more queries in some runs than in others at the same
# size (seen for initiatives and organisation values; the cause is not yet found), so
# their counts are neither compared nor pinned.
UNSTABLE = re.compile(r"admin/\w+/\w+/")

# Pages the registry's role does not get a 200 from in a generated organisation, and why.
NOT_ANSWERED = {}

# Queries of each page at SMALL people, pinned from a run of this test.
QUERIES = {
    "": 10,
    "health/": 1,
    "sign-in/": 0,
    "account/password/": 3,
    "account/password/done/": 3,
    "account/reset/": 3,
    "account/reset/sent/": 3,
    "account/reset/<uidb64>/<token>/": 4,
    "account/reset/complete/": 3,
    "people/me/": 5,
    "people/me/reads/": 5,
    "people/me/equality/": 4,
    "people/me/equality/remove/": 4,
    "people/<num:pk>/": 5,
    "organisation/": 3,
    "organisation/<num:pk>/": 6,
    "organisation/<num:pk>/leavers/": 5,
    "people/esr-import/": 7,
    "people/esr-import/<uuid:token>/": 5,
    "journal/": 6,
    "journal/<num:year>/": 6,
    "journal/<num:year>/check/": 7,
    "journal/<num:year>/pdf/": 9,
    "journal/<num:year>/sections/<slug:key>/": 7,
    "journal/<num:year>/sections/<slug:key>/share/": 5,
    "team/<num:person_pk>/journal/": 5,
    "team/<num:person_pk>/journal/<num:year>/<slug:key>/": 7,
    "team/": 4,
    "career/<num:person_pk>/": 9,
    "conversations/<num:pk>/": 6,
    "conversations/<num:pk>/cancel/": 5,
    "conversations/<num:pk>/preparation/": 5,
    "career/<num:person_pk>/placement/": 7,
    "career/<num:person_pk>/plan/": 11,
    "career/<num:person_pk>/plan/objectives/new/": 7,
    "career/<num:person_pk>/plan/objectives/<num:objective_pk>/": 8,
    "career/<num:person_pk>/plan/objectives/<num:objective_pk>/actions/<num:action_pk>/": 7,
    "career/<num:person_pk>/plan/objectives/<num:objective_pk>/progress/": 6,
    "learning/catalogue/": 5,
    "learning/catalogue/<num:pk>/": 8,
    "learning/saved/": 5,
    "learning/curate/": 5,
    "learning/curate/new/": 8,
    "learning/curate/insights/": 4,
    "learning/curate/insights.csv": 4,
    "learning/curate/import/": 3,
    "learning/curate/export.csv": 4,
    "learning/curate/export.xlsx": 4,
    "learning/curate/<num:pk>/": 7,
    "learning/curate/<num:pk>/edit/": 11,
    "learning/curate/<num:pk>/results/": 11,
    "learning/curate/<num:pk>/results.csv": 6,
    "learning/curate/<num:pk>/results.xlsx": 6,
    "learning/cpd/": 10,
    "learning/cpd/new/": 4,
    "learning/cpd/export.csv": 4,
    "learning/cpd/export.pdf": 7,
    "learning/cpd/<num:pk>/": 5,
    "learning/cpd/<num:pk>/edit/": 5,
    "learning/cpd/<num:pk>/evaluate/": 5,
    "learning/cpd/<num:pk>/follow-up/": 4,
    "learning/cpd/evidence/<num:pk>/": 3,
    "learning/cpd/team/<num:person_pk>/": 8,
    "appraisals/cycles/": 5,
    "appraisals/cycles/new/": 4,
    "appraisals/cycles/<num:pk>/": 6,
    "appraisals/cycles/<num:pk>/change/": 6,
    "appraisals/cycles/<num:pk>/runs/<num:run_pk>/": 4,
    "appraisals/yours/": 4,
    "appraisals/to-write/": 4,
    "appraisals/<num:pk>/": 9,
    "appraisals/<num:pk>/assessment/": 5,
    "appraisals/<num:pk>/values/<num:discussion_pk>/": 5,
    "appraisals/<num:pk>/reviews/<num:review_pk>/": 5,
    "appraisals/<num:pk>/objectives/new/": 4,
    "appraisals/<num:pk>/objectives/<num:objective_pk>/": 5,
    "appraisals/<num:pk>/objectives/<num:objective_pk>/remove/": 5,
    "appraisals/<num:pk>/wellbeing/": 4,
    "appraisals/<num:pk>/pay-progression/": 4,
    "appraisals/<num:pk>/dates/": 4,
    "appraisals/<num:pk>/check/": 13,
    "appraisals/<num:pk>/reopen/": 6,
    "appraisals/<num:pk>/appraiser/": 6,
    "appraisals/<num:pk>/booklet/": 20,
    "appraisals/<num:pk>/booklet/download/": 5,
    "appraisals/<num:pk>/booklet/sealed/<num:sealed_pk>/": 5,
    "appraisals/booklets/check/": 3,
    "appraisals/cycles/<num:pk>/esr/": 8,
    "appraisals/cycles/<num:pk>/esr/download/": 8,
    "appraisals/reminders/preferences/": 4,
    "appraisals/cycles/<num:pk>/reports/": 4,
    "appraisals/cycles/<num:pk>/reports/overdue/": 8,
    "appraisals/cycles/<num:pk>/reports/appraisers/": 6,
    "appraisals/cycles/<num:pk>/reports/equality/": 4,
    "appraisals/cycles/<num:pk>/reports/equality/<slug:table>.<slug:fmt>": 4,
    "appraisals/cycles/<num:pk>/reports/<slug:table>.<slug:fmt>": 5,
    "appraisals/cycles/<num:pk>/booklets/": 7,
    "appraisals/exports/<uuid:token>/": 5,
    "your-data/": 5,
    "your-data/<uuid:token>/": 4,
    "your-data/<uuid:token>/download/": 6,
    "people/<num:pk>/subject-access/": 7,
    "people/<num:pk>/erase/": 9,
    "accessibility/": 3,
    "downloads/<uuid:token>/": 4,
    "downloads/<uuid:token>/pdf": 3,
    "admin/": 4,
    "admin/login/": 3,
    "admin/password_change/": 3,
    "admin/jsi18n/": 3,
    "admin/auth/group/add/": 3,
    "admin/auth/group/<path:object_id>/history/": 4,
    "admin/auth/group/<path:object_id>/delete/": 5,
    "admin/auth/group/<path:object_id>/change/": 5,
    "admin/axes/accesslog/<path:object_id>/history/": 4,
    "admin/axes/accesslog/<path:object_id>/delete/": 3,
    "admin/axes/accesslog/<path:object_id>/change/": 3,
    "admin/people/person/^([^/]+)/history/([^/]+)/$": 10,
    "admin/people/person/<id>/password/": 4,
    "admin/people/person/add/": 2,
    "admin/people/person/<path:object_id>/history/": 7,
    "admin/people/person/<path:object_id>/change/": 7,
    "admin/people/organisationunit/children/<str:parent_id>/": 3,
    "admin/people/organisationunit/jsi18n/": 2,
    "admin/people/organisationunit/add/": 2,
    "admin/people/organisationunit/<path:object_id>/history/": 4,
    "admin/people/organisationunit/<path:object_id>/delete/": 9,
    "admin/people/organisationunit/<path:object_id>/change/": 3,
    "admin/people/recordview/<path:object_id>/history/": 4,
    "admin/people/recordview/<path:object_id>/change/": 3,
    "admin/people/equalityinformation/<path:object_id>/history/": 6,
    "admin/people/equalityinformation/<path:object_id>/change/": 5,
    "admin/people/esrcolumnmapping/add/": 2,
    "admin/learning/learningcategory/^([^/]+)/history/([^/]+)/$": 3,
    "admin/learning/learningcategory/add/": 2,
    "admin/learning/learningcategory/<path:object_id>/history/": 5,
    "admin/learning/learningcategory/<path:object_id>/delete/": 7,
    "admin/learning/learningcategory/<path:object_id>/change/": 3,
    "admin/learning/growthdirection/^([^/]+)/history/([^/]+)/$": 3,
    "admin/learning/growthdirection/add/": 2,
    "admin/learning/growthdirection/<path:object_id>/history/": 5,
    "admin/learning/growthdirection/<path:object_id>/delete/": 7,
    "admin/learning/growthdirection/<path:object_id>/change/": 3,
    "admin/learning/impactlevel/^([^/]+)/history/([^/]+)/$": 3,
    "admin/learning/impactlevel/add/": 2,
    "admin/learning/impactlevel/<path:object_id>/history/": 5,
    "admin/learning/impactlevel/<path:object_id>/delete/": 6,
    "admin/learning/impactlevel/<path:object_id>/change/": 3,
    "admin/learning/initiative/^([^/]+)/history/([^/]+)/$": 10,
    "admin/learning/initiative/add/": 5,
    "admin/learning/initiative/<path:object_id>/history/": 5,
    "admin/learning/initiative/<path:object_id>/delete/": 8,
    "admin/learning/initiative/<path:object_id>/change/": 9,
    "admin/learning/evaluation/<path:object_id>/history/": 5,
    "admin/learning/evaluation/<path:object_id>/change/": 4,
    "admin/careers/questionbank/<path:object_id>/history/": 5,
    "admin/careers/questionbank/<path:object_id>/change/": 5,
    "admin/careers/journalsection/add/": 4,
    "admin/careers/journalsection/<path:object_id>/history/": 5,
    "admin/careers/journalsection/<path:object_id>/change/": 5,
    "admin/appraisals/organisationvalue/add/": 2,
    "admin/appraisals/organisationvalue/<path:object_id>/history/": 4,
    "admin/appraisals/organisationvalue/<path:object_id>/delete/": 5,
    "admin/appraisals/organisationvalue/<path:object_id>/change/": 3,
    "admin/appraisals/ratinglevel/add/": 2,
    "admin/appraisals/ratinglevel/<path:object_id>/history/": 4,
    "admin/appraisals/ratinglevel/<path:object_id>/delete/": 5,
    "admin/appraisals/ratinglevel/<path:object_id>/change/": 3,
    "admin/appraisals/appraisalcycle/add/": 2,
    "admin/appraisals/appraisalcycle/<path:object_id>/history/": 4,
    "admin/appraisals/appraisalcycle/<path:object_id>/delete/": 8,
    "admin/appraisals/appraisalcycle/<path:object_id>/change/": 6,
    "admin/appraisals/cyclerun/<path:object_id>/history/": 4,
    "admin/appraisals/cyclerun/<path:object_id>/change/": 3,
    "admin/appraisals/reminderpreference/add/": 2,
    "admin/^(?P<app_label>auth|axes|django_tasks_database|people|learning|careers|appraisals)/$": 2,  # noqa: E501
}


# Pages that read rows through a server-side cursor (queryset.iterator() on PostgreSQL),
# and why. Elsewhere a few rows are read with one query (a model's choices:
# frontend.model_choices, docs/adr/0070). A streamed download's body is not read here,
# so the rows it reads as it goes are not seen.
SERVER_SIDE_CURSOR = {
    "people/<num:pk>/erase/": "decodes every session to find the person's, a chunk at a time",
    "learning/curate/<num:pk>/results.csv": "a download: the evaluations, a chunk at a time",
    "learning/curate/<num:pk>/results.xlsx": "a download: the evaluations, a chunk at a time",
}


# Pages that read one related row on its own (an object's foreign key followed
# unread), and why. Any other such read is a query the page could have joined: the
# person page read its unit and line manager so, the CSV of the CPD log each shared
# entry's owner (issue 18).
LAZY = {
    "journal/<num:year>/sections/<slug:key>/share/": "names the line manager it will share "
    "with: the signed-in person's own line manager, read only on this page",
    "admin/people/equalityinformation/<path:object_id>/change/": "the admin's get_object "
    "reads the person whose equality information it is, to record the read of it",
    "admin/people/equalityinformation/<path:object_id>/history/": "as its change page",
}


def counts(people, streamed=None, lazy=None):
    """{route: queries} of every GET page answered with a 200, in a world of `people`
    people written inside a savepoint and rolled back; the status for any other. The
    routes that read through a server-side cursor are added to `streamed` (a set), and
    those that follow a foreign key unread to `lazy` (a set)."""
    found = {}
    streamed = set() if streamed is None else streamed
    lazy = set() if lazy is None else lazy
    with transaction.atomic():
        cache.clear()
        factory.random.reseed_random("trellis")  # the same names, so the same first person
        world = generated_world(people, reports=people // 10)
        clients = {}
        for page in pages(world):
            if page.missing:
                continue
            if page.role not in clients:
                clients[page.role] = Client()
                if page.role in world:
                    clients[page.role].force_login(world[page.role])
            client = clients[page.role]
            client.get(page.url)  # the first read fills caches and records reads
            note = _noting_server_side_cursors(streamed, page.route)
            unread = _noting_related_reads(lazy, page.route)
            with (
                CaptureQueriesContext(connection) as queries,
                connection.execute_wrapper(note),
                connection.execute_wrapper(unread),
            ):
                response = client.get(page.url)
            found[page.route] = len(queries) if response.status_code == 200 else response
        transaction.set_rollback(True)
    return found


def _noting_server_side_cursors(streamed, route):
    def note(execute, sql, params, many, context):
        if getattr(context["cursor"].cursor, "name", None):  # psycopg's ServerCursor
            streamed.add(route)
        return execute(sql, params, many, context)

    return note


def _noting_related_reads(lazy, route):
    """Notes `route` when a query runs for a foreign key (or one-to-one) followed on
    an object that did not read it: Django's related descriptor fetching one row."""

    def note(execute, sql, params, many, context):
        frame = sys._getframe(1)
        while frame is not None:
            code = frame.f_code
            if (
                code.co_filename.endswith("related_descriptors.py")
                and code.co_name == "get_object"
            ):
                lazy.add(route)
                break
            frame = frame.f_back
        return execute(sql, params, many, context)

    return note


@pytest.mark.django_db
def test_every_page_reads_as_many_queries_at_both_sizes():
    streamed, lazy = set(), set()
    small, large = counts(SMALL, streamed, lazy), counts(LARGE, streamed, lazy)
    assert lazy == set(LAZY), "a related row read on its own: join it (select_related)"
    if connection.vendor == "postgresql":  # only PostgreSQL's iterator() declares a cursor
        assert streamed == set(SERVER_SIDE_CURSOR), "a few rows are read with one query"
    refused = {r for r, c in {**small, **large}.items() if not isinstance(c, int)}
    assert refused == set(NOT_ANSWERED), "pages the registry says answer 200"
    small, large = (
        {r: c for r, c in found.items() if r not in NOT_ANSWERED and not UNSTABLE.fullmatch(r)}
        for found in (small, large)
    )
    grew = {r: (small[r], large[r]) for r in small if small[r] != large.get(r)}
    unexplained = {r: grew[r] for r in grew if r not in GROWS}
    assert unexplained == {}, f"route: (queries at {SMALL}, at {LARGE} people): {unexplained}"
    unpinned = {r: small[r] for r in small if r not in QUERIES}
    changed = {r: (QUERIES[r], small[r]) for r in small if r in QUERIES and QUERIES[r] != small[r]}
    assert (unpinned, changed) == ({}, {}), f"pin these: {small}"
