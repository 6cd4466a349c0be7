"""Every URL pattern, every role: the answer each gets.

The patterns come from the resolver, so a new URL without a row here fails
`test_every_url_pattern_has_a_row`. Rows name the status each role gets:
200 (the page), 302 (sent to sign in, or onward), 403 (not your role),
404 (not yours to know about), 405 (wrong method).
"""

import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import URLPattern, URLResolver, get_resolver

from tests.matrix import ANON, ROLES, SIGNED_IN, Row, everyone, signed_in
from tests.matrix_appraisals import ROWS as APPRAISALS_ROWS
from tests.matrix_appraisals_appraisal import ROWS as APPRAISAL_ROWS
from tests.matrix_careers import ROWS as CAREERS_ROWS
from tests.matrix_frontend import ROWS as FRONTEND_ROWS
from tests.matrix_learning import ROWS as LEARNING_ROWS
from tests.matrix_people_sso import ROWS as PEOPLE_SSO_ROWS
from tests.matrix_privacy import ROWS as PRIVACY_ROWS

OWNER_ONLY_AND_CHAIN = {
    ANON: 302,
    "owner": 200,
    "other_staff": 404,
    "line_manager": 200,
    "other_manager": 404,
    "led": 404,
    "hr": 200,
    "administrator": 200,
}

PEOPLE_ROWS = {
    "": Row(signed_in(200)),
    "health/": Row(everyone(200)),
    "accessibility/": Row(everyone(200)),
    "sign-in/": Row({ANON: 200, **dict.fromkeys(SIGNED_IN, 302)}),
    # POST forms only. Sign-out answers a signed-out browser too: the timeout dialog's
    # sign-out may arrive just after the session ended (people.timeout).
    "sign-out/": Row(everyone(405)),
    "session/extend/": Row(everyone(405)),  # "Stay signed in" posts here
    "account/password/": Row(signed_in(200)),
    "account/password/done/": Row(signed_in(200)),
    "account/reset/": Row(everyone(200)),
    "account/reset/sent/": Row(everyone(200)),
    "account/reset/<uidb64>/<token>/": Row(
        everyone(200), lambda w: {"uidb64": "MQ", "token": "not-a-real-token"}
    ),
    "account/reset/complete/": Row(everyone(200)),
    "people/me/": Row(signed_in(200)),
    # Reads of your own records only: nobody reaches another person's list.
    "people/me/reads/": Row(signed_in(200)),
    # Your own equality monitoring answers only: there is no page for anyone else's.
    "people/me/equality/": Row(signed_in(200)),
    "people/me/equality/remove/": Row(signed_in(200)),  # asks first; a POST removes
    "people/<num:pk>/": Row(OWNER_ONLY_AND_CHAIN, lambda w: {"pk": w["owner"].pk}),
    "organisation/": Row(signed_in(200)),
    "organisation/<num:pk>/": Row(
        {**signed_in(404), ANON: 302, "hr": 200, "administrator": 200},
        lambda w: {"pk": w["team"].pk},
    ),
}
PEOPLE_ROWS.update(PEOPLE_SSO_ROWS)


# Admin pages that refuse even administrators: nobody adds audit rows, task results,
# evaluations or appraisal-cycle runs by hand, and the read audit, task results,
# evaluations and runs are never deleted there.
NO_ADD = ("axes/", "django_tasks_database/", "people/recordview/", "learning/evaluation/",
          "appraisals/cyclerun/", "appraisals/remindersent/",
          "people/equalityinformation/")  # fmt: skip
NO_DELETE = ("django_tasks_database/", "people/recordview/", "learning/evaluation/",
             "appraisals/cyclerun/", "people/equalityinformation/",
             "people/person/")  # fmt: skip
# The shipped question bank is published: journals were started on it.
PUBLISHED_READ_ONLY = ("careers/questionbank/", "careers/journalsection/")


TABLE = {**PEOPLE_ROWS, **CAREERS_ROWS, **LEARNING_ROWS, **FRONTEND_ROWS, **APPRAISALS_ROWS,
         **PRIVACY_ROWS}  # fmt: skip
TABLE.update(__import__("tests.matrix_people_esr_import", fromlist=["ROWS"]).ROWS)


# What LED may edit in the admin (reference data), through the LED group's permissions,
# and see there (where each follow-up email stands).
LED_ADMIN = ("admin/careers/", "admin/learning/evaluation/")


def admin_row(route, world):
    """The Django admin: administrators, and LED for reference data; everyone else is
    sent to its sign-in."""
    expect = admin_row_for_administrator(route, world)
    led = led_admin_answer(route, expect)
    return {ANON: 302, **dict.fromkeys(SIGNED_IN, 302), **expect, "led": led}


def led_admin_answer(route, expect):
    """LED may open the admin: the site pages answer as for administrators, model
    pages only for LED_ADMIN; for other models, a 403."""
    administrator = expect["administrator"]
    if "led" in expect:
        return expect["led"]
    if admin_model(route) is None or route.startswith(LED_ADMIN):
        return administrator
    if administrator == 302 and route.endswith("/history/"):
        return 302  # a missing object's history redirects before permissions are asked
    if re.fullmatch(r"admin/\w+/\w+/<path:object_id>/", route):
        return 302
    return 403


def admin_row_for_administrator(route, world):
    expect = {"administrator": 200}
    special = {
        "admin/login/": {**dict.fromkeys(SIGNED_IN, 200), ANON: 200, "administrator": 302,
                         "led": 302},
        "admin/logout/": {"administrator": 405},  # sign-out is POST only
        # The tree widget's translation catalogue: public text, any signed-in person.
        "admin/people/organisationunit/jsi18n/": signed_in(200),
        "admin/autocomplete/": {"administrator": 403},  # no field named
        "admin/r/<path:content_type_id>/<path:object_id>/": {"administrator": 302},
        "admin/(?P<url>.*)$": {"administrator": 404},
        "admin/people/organisationunit/move/": {"administrator": 400},

        # Nobody adds a bank by hand: new versions are copies of a published one.
        "admin/careers/questionbank/add/": {"administrator": 403},
    }  # fmt: skip
    if route.startswith("admin/^(?P<app_label>"):
        return {"administrator": 200, "led": 404}  # the people app: LED has no models there
    if route in special:
        return special[route]
    if re.fullmatch(r"admin/\w+/\w+/<path:object_id>/", route):
        return {"administrator": 302}  # a bare object URL redirects to its change page

    def under(prefixes):
        return any(route.startswith("admin/" + prefix) for prefix in prefixes)

    if (route.endswith("/add/") and under(NO_ADD)) or (
        route.endswith("/delete/") and under(NO_DELETE + PUBLISHED_READ_ONLY)
    ):
        return {"administrator": 403}
    if "<path:object_id>" in route and world.get("missing_admin_object"):
        return {"administrator": 302}  # no such object: back to the list
    return expect


def all_patterns(patterns=None, prefix=""):
    patterns = get_resolver().url_patterns if patterns is None else patterns
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from all_patterns(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            yield route


def admin_model(route):
    """The model an admin route belongs to, or None for the site's own pages."""
    from django.apps import apps

    match = re.match(r"admin/(\w+)/(\w+)/", route)
    if match and match.group(1) in {app.label for app in apps.get_app_configs()}:
        return apps.get_model(*match.groups())
    return None


def admin_kwargs(route, world):
    """Fill an admin route's parameters with a real object of its model."""
    kwargs = {}
    model = admin_model(route)
    obj = model.objects.first() if model else None
    world["missing_admin_object"] = obj is None
    if "<path:object_id>" in route:
        kwargs["object_id"] = obj.pk if obj else 0
    if "<path:content_type_id>" in route:
        kwargs["content_type_id"] = ContentType.objects.get_for_model(world["owner"]).pk
        kwargs["object_id"] = world["owner"].pk
    if "<str:parent_id>" in route:
        kwargs["parent_id"] = world["team"].pk
    if "<id>" in route:
        kwargs["id"] = obj.pk
    if "/history/([^/]+)/" in route:  # simple-history's positional groups
        kwargs["positional"] = [obj.pk, obj.history.first().history_id]
    if "app_label" in route:
        kwargs["app_label"] = "people"
    if "(?P<url>" in route:
        kwargs["url"] = "no-such-page/"
    return kwargs


def build_path(route, kwargs):
    path = route
    for value in kwargs.pop("positional", []):
        path = path.replace("([^/]+)", str(value), 1)
    for name, value in kwargs.items():
        path = re.sub(rf"\(\?P<{name}>[^)]*\)", str(value), path)
        path = re.sub(rf"<(?:\w+:)?{name}>", str(value), path)
    return "/" + path.replace("^", "").replace("$", "")


@pytest.fixture
def world(cast, organisation, matrix_world_extras):
    """The cast, their units, and whatever each app's rows need (see conftest)."""
    from people.services import record_read

    record_read(viewer=cast["line_manager"], subject=cast["owner"], record=cast["owner"])
    world = {**cast, **organisation}
    for extend in matrix_world_extras:
        world.update(extend(world))
    return world


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
            # A role refused with its own ids (403) may be refused before the lookup.
            allowed = {404, 403} if row.expect[role] == 403 else {404}
            if response.status_code not in allowed:
                wrong[f"{role} with {name} swapped"] = response.status_code
    assert wrong == {}, route
