"""Which role uses each URL, and its real arguments: one registry for the access
matrix (tests/test_access_matrix.py), the query-count pins (tests/test_query_counts.py)
and the page report (`make bench`, bench/pages.py).

The rows live in tests/matrix_<app>.py (see tests/matrix.py); this module gathers
them into TABLE, walks the resolver, fills the Django admin's routes with real
objects, and builds the world the rows' arguments come from: a cast of one person
for each role, placed in whatever units it is given (the tests' five factory units,
or a generated organisation's, bench/data.py), plus what each app's rows need.
"""

import datetime
import itertools
import re
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver

from tests.matrix import ANON, SIGNED_IN, Row, everyone, signed_in
from tests.matrix_appraisals import ROWS as APPRAISALS_ROWS
from tests.matrix_careers import ROWS as CAREERS_ROWS
from tests.matrix_frontend import ROWS as FRONTEND_ROWS
from tests.matrix_learning import ROWS as LEARNING_ROWS
from tests.matrix_people_esr_import import ROWS as PEOPLE_ESR_IMPORT_ROWS
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
    # The people who have left a unit: as the unit's page (HR's scope, administrators).
    "organisation/<num:pk>/leavers/": Row(
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
         **PRIVACY_ROWS, **PEOPLE_ESR_IMPORT_ROWS}  # fmt: skip


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
    """Every route the resolver knows, namespaces included, as it prints them."""
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
    """Fill an admin route's parameters with a real object of its model (the first
    by the model's ordering; for a person, the cast's owner) and note in the world
    whether one exists. Raises LookupError for a history page when no object of the
    model has a history row."""
    from people.models import Person

    kwargs = {}
    model = admin_model(route)
    obj = model.objects.first() if model else None
    if model is Person:
        # Another person's record, whoever sorts first: reading one's own records none.
        obj = world["owner"]
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
        # Generated rows have no history (docs/adr/0039): then any row that has one.
        record = obj.history.first() or model.history.order_by("history_id").first()
        if record is None:
            raise LookupError(f"no {model._meta.verbose_name} has a history row")
        kwargs["positional"] = [getattr(record, model._meta.pk.attname), record.history_id]
    if "app_label" in route:
        kwargs["app_label"] = "people"
    if "(?P<url>" in route:
        kwargs["url"] = "no-such-page/"
    return kwargs


def build_path(route, kwargs):
    """The URL path of `route` with `kwargs` filled in (a "positional" list fills
    unnamed groups in order)."""
    path = route
    for value in kwargs.pop("positional", []):
        path = path.replace("([^/]+)", str(value), 1)
    for name, value in kwargs.items():
        path = re.sub(rf"\(\?P<{name}>[^)]*\)", str(value), path)
        path = re.sub(rf"<(?:\w+:)?{name}>", str(value), path)
    return "/" + path.replace("^", "").replace("$", "")


def make_cast(units):
    """One person for every role the access matrix checks, placed in `units` (a dict
    with "org", "team" and "other_team"): the owner reports to the team's leader,
    other_staff, LED and HR to the other team's; HR is scoped to the whole
    organisation. Returns {role: Person}."""
    from tests.factories import PersonFactory

    team, other_team = units["team"], units["other_team"]
    manager = PersonFactory(unit=team, job_title="Team Leader")
    owner = PersonFactory(unit=team, line_manager=manager)
    other_manager = PersonFactory(unit=other_team, job_title="Team Leader")
    other_staff = PersonFactory(unit=other_team, line_manager=other_manager)
    led = PersonFactory(unit=other_team, led=True, line_manager=other_manager)
    hr = PersonFactory(unit=other_team, hr=True, line_manager=other_manager)
    hr.hr_scopes.create(unit=units["org"])
    administrator = PersonFactory(administrator=True, unit=units["org"])
    return {
        "owner": owner,
        "other_staff": other_staff,
        "line_manager": manager,
        "other_manager": other_manager,
        "led": led,
        "hr": hr,
        "administrator": administrator,
    }


def world_extras():
    """Each app's additions to the world, in dependency order: functions of the world
    returning the objects (owned by the cast's owner) that its rows' arguments name."""
    from tests import (
        matrix_appraisals,
        matrix_careers,
        matrix_frontend,
        matrix_learning,
        matrix_privacy,
    )

    return [
        matrix_learning.world_extras,
        matrix_careers.world_extras,
        matrix_frontend.world_extras,
        *matrix_appraisals.WORLD_EXTRAS,
        *matrix_privacy.WORLD_EXTRAS,
    ]


def build_world(cast, units):
    """The world every row's arguments come from: the cast, their units, a read of the
    owner's record by their manager, and each app's extras (world_extras())."""
    from people.services import record_read

    record_read(viewer=cast["line_manager"], subject=cast["owner"], record=cast["owner"])
    world = {**cast, **units}
    for extend in world_extras():
        world.update(extend(world))
    return world


# Who uses a page, first choice first: a member of staff, their manager, HR, LED, an
# administrator, then anyone else the page answers.
USERS = ["owner", "line_manager", "hr", "led", "administrator", "other_staff",
         "other_manager", ANON]  # fmt: skip


@dataclass
class Page:
    """One route of the resolver: the `role` that uses it and its `url` with real ids,
    or, for a route no role reads with a GET, `missing` saying why."""

    route: str
    role: str = ""
    url: str = ""
    missing: str = ""


def pages(world):
    """A Page for every route the resolver knows, the admin's included, in its order.
    A page is read by the first role in USERS the registry says gets a 200 from it."""
    for route in all_patterns():
        if route.startswith("admin/"):
            try:
                kwargs = admin_kwargs(route, world)
            except LookupError as error:
                yield Page(route, missing=str(error))
                continue
            row = Row(admin_row(route, world))
        elif route in TABLE:
            row = TABLE[route]
            kwargs = row.kwargs(world)
        else:
            yield Page(route, missing="no row in the registry")
            continue
        if row.method != "get":
            yield Page(route, missing="a form's POST only")
            continue
        role = next((r for r in USERS if row.expect[r] == 200), None)
        if role is None:
            answers = sorted(set(row.expect.values()))
            yield Page(route, missing=f"no role gets a page (answers {answers})")
            continue
        yield Page(route, role, build_path(route, kwargs))


@transaction.atomic
def generated_world(people, reports=40, years=1, seed=1):
    """The generated organisation (trial/generate.py) of `people` people over `years`
    with the world placed in it: the cast in the first team and a sibling team (HR
    scoped to the whole organisation), the objects each row names, and the cast's line
    manager given `reports` reports in all, taken from the teams nearest and saved one
    by one, as any change of line manager is. Returns the world, as build_world."""
    from people.models import OrganisationUnit, Person
    from trial.generate import generate

    generate(people=people, years=years, seed=seed)
    tree = OrganisationUnit.objects
    team = tree.filter(kind=OrganisationUnit.Kind.TEAM).order_by("path")[0]
    department = tree.get_parent(team)
    units = {
        "org": tree.get_first_root_node(),
        "directorate": tree.get_ancestors(team).get(depth=2),
        "department": department,
        "team": team,
        "other_team": tree.get_children(department).exclude(pk=team.pk).first() or team,
    }
    _leave_out_of_open_cycle(team)
    world = build_world(make_cast(units), units)
    manager = world["line_manager"]
    others = (
        Person.objects.filter(direct_reports__isnull=True, groups__isnull=True)
        .exclude(pk__in=[p.pk for p in world.values() if isinstance(p, Person)])
        .exclude(line_manager=manager)
        .filter(unit__path__gte=team.path)
        .order_by("unit__path", "pk")
    )
    for person in others[: max(0, reports - manager.direct_reports.count())]:
        person.line_manager = manager
        person.save()
    return world


def _leave_out_of_open_cycle(team):
    """The generated cycle open now covers the whole organisation, and the world's own
    cycles for `team` may not overlap it (appraisals/cycles/services.py): the open
    cycle is given, instead of the root, every unit but those on the path to `team`,
    so it covers everyone outside that one team, as before."""
    from appraisals.models import AppraisalCycle
    from people.models import OrganisationUnit

    tree = OrganisationUnit.objects
    root = tree.get_first_root_node()
    path = [*tree.get_ancestors(team), team]
    units = [
        child for above, below in itertools.pairwise(path)
        for child in tree.get_children(above).exclude(pk=below.pk)
    ]  # fmt: skip
    for cycle in AppraisalCycle.objects.filter(units=root, closes_on__gte=datetime.date.today()):
        cycle.units.set(units)
