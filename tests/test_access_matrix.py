"""Every URL pattern, every role: the answer each gets.

The patterns come from the resolver, so a new URL without a row here fails
`test_every_url_pattern_has_a_row`. Rows name the status each role gets:
200 (the page), 302 (sent to sign in, or onward), 403 (not your role),
404 (not yours to know about), 405 (wrong method).
"""

import re

import pytest

from tests.matrix import ANON, ROLES, Row
from tests.matrix_appraisals_appraisal import ROWS as APPRAISAL_ROWS
from tests.matrix_careers import ROWS as CAREERS_ROWS
from tests.url_registry import (  # noqa: F401 (the registry's names, used here and by other walkers)
    TABLE,
    admin_kwargs,
    admin_row,
    all_patterns,
    build_path,
    build_world,
)


@pytest.fixture
def world(cast, organisation):
    """The cast, their units, and whatever each app's rows need (tests/url_registry.py)."""
    return build_world(cast, organisation)


def test_every_url_pattern_has_a_row():
    missing = [r for r in all_patterns() if r not in TABLE and not r.startswith("admin/")]
    assert missing == [], f"URL patterns with no access-matrix row: {missing}"


@pytest.mark.django_db
@pytest.mark.parametrize("route", list(all_patterns()))
def test_each_role_gets_the_expected_answer(client, world, route):
    if route.startswith("admin/"):
        kwargs = admin_kwargs(route, world)  # notes whether the admin object exists
        row = Row(admin_row(route, world))
    else:
        row = TABLE[route]
        kwargs = row.kwargs(world)
    expect = row.expect
    url = build_path(route, kwargs)
    answers = {}
    for role in ROLES:
        client.logout()
        if role != ANON:
            client.force_login(world[role])
        if row.method == "post":
            response = client.post(url, row.data(world))
        else:
            response = client.get(url)
        answers[role] = response.status_code
        if role == ANON and response.status_code == 302:
            assert "login" in response["Location"] or "sign-in" in response["Location"]
    wrong = {
        role: (answers[role], expect[role]) for role in ROLES if answers[role] != expect[role]
    }
    assert wrong == {}, f"{url}: role -> (got, expected)"


NOT_IDS = {"year", "key"}  # a journal's year and section are the signed-in person's own


# Routes whose ids are swapped, and the world's key holding the twins' ids.
SWAPPED = {
    **dict.fromkeys(CAREERS_ROWS, "twins"),
    **dict.fromkeys(APPRAISAL_ROWS, "appraisal_twins"),
}


def careers_routes_with_ids():
    return [r for r in SWAPPED if set(re.findall(r"<num:(\w+)>", r)) - NOT_IDS]


@pytest.mark.django_db
@pytest.mark.parametrize("route", careers_routes_with_ids())
def test_ids_swapped_between_people_of_the_same_role_find_nothing(client, world, route):
    """Each id in a careers URL is swapped, one at a time, for the id of the same
    kind of record of someone in the same role (other_staff for the owner, the
    other manager's report for the line manager): the owner and the line manager
    get a 404 every time (or the 403 their role gets anyway), never another
    person's record."""
    row, twins = TABLE[route], world[SWAPPED[route]]
    own = row.kwargs(world)
    ids = [name for name in own if name not in NOT_IDS]
    assert set(ids) <= set(twins), f"add a twin id for {route} to the world's {SWAPPED[route]}"
    wrong = {}
    for name in ids:
        url = build_path(route, {**own, name: twins[name]})
        for role in ("owner", "line_manager"):
            client.force_login(world[role])
            if row.method == "post":
                response = client.post(url, row.data(world))
            else:
                response = client.get(url)
                if response.status_code == 301:  # a moved address: where it sends to
                    response = client.get(response["Location"])
            # A role refused with its own ids (403) may be refused before the lookup.
            allowed = {404, 403} if row.expect[role] == 403 else {404}
            if response.status_code not in allowed:
                wrong[f"{role} with {name} swapped"] = response.status_code
    assert wrong == {}, route
