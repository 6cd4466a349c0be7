"""Navigation, next steps and the home panel of the appraisal (registered in
AppConfig.ready()): "Your appraisal" for everyone, "Appraisals to write" for the
people who write them, and what waits for each of them."""

from functools import cache
from typing import NamedTuple

from django.db import connection

from people.access import is_line_manager, reader_flag, register_reader_flag
from people.models import Person
from people.navigation import (
    SHOWN,
    HomePanel,
    NavItem,
    NextStep,
    covering,
    link,
    register_home_panel,
    register_home_reads,
    register_nav,
    register_next_steps,
    url_for,
)
from people.sql import Read, fetch

from .models import Appraisal, AppraisalEvent
from .services import OPEN, Action, Status


def nav(request):
    # An appraisal's own pages (/appraisals/<pk>/…) are in the section of whoever reads
    # them: the person's "Your appraisal", the appraiser's "Appraisals to write".
    appraisals = covering("appraisals:yours")
    items = [NavItem("Your appraisal", link("appraisals:yours"), order=20,
                     covers=(appraisals,), own=True,
                     lands=getattr(request, _LANDS, ()))]  # fmt: skip
    if is_line_manager(request.user) or reader_flag(request.user, APPRAISER):
        items.append(NavItem("Appraisals to write", link("appraisals:to-write"), order=21,
                             covers=(appraisals,)))  # fmt: skip
    return items


_LANDS = "_trellis_your_appraisal_lands"


def lands_on_yours(request):
    """Note that `request` is the page "Your appraisal" goes on to (the reader's latest
    appraisal), so its menu item is marked aria-current="page" there, not "true"."""
    setattr(request, _LANDS, (request.path,))


_WAITING_CACHE = "_trellis_appraisals_waiting"
APPRAISER = "appraiser"  # the reader flag: writes someone's open appraisal as appraiser


def _waiting(user):
    """The open appraisals `user` writes (as the person or appraiser), and their own
    not yet started, with who last changed each after it was signed: one query per
    request object, read by both the next steps and the panel (docs/adr/0048)."""
    cached = getattr(user, _WAITING_CACHE, None)
    if cached is None:
        cached = list(_read_waiting(user))
        setattr(user, _WAITING_CACHE, cached)
    return cached


class Waiting(NamedTuple):
    """One appraisal as the home page shows it."""

    pk: int
    person_id: int
    appraiser_id: int | None
    status: str
    person_name: str
    person_title: str  # their job title: two appraisees can share a name
    # Read only where a step asks them, each for one status (the rest None): a
    # subquery a row cost the home page more than the rest of this read.
    # Awaiting the person: who cleared its signatures by changing it, when that is the
    # latest thing that happened to it (not a clearing an earlier round dealt with).
    cleared_by: int | None
    last_action: str | None  # the appraiser writing: its latest event's action

    def get_status_display(self):
        return Status(self.status).label


def _read_waiting(user):
    """Plain SQL: the home page of everyone asks, and building the two subqueries with
    the ORM cost several times more than running them (docs/adr/0008, 0048)."""
    return [
        Waiting(a, person, appraiser, status, f"{given} {family}".strip() or email,
                title, cleared, last)
        for a, person, appraiser, status, given, family, email, title, cleared, last
        in fetch(_waiting_read(user.pk))
    ]  # fmt: skip


def _waiting_read(pk):
    params = (Status.AWAITING_PERSON, Action.SIGNATURES_CLEARED, Status.MANAGER_WRITING,
              pk, *OPEN, Status.NOT_STARTED, pk, *OPEN)  # fmt: skip
    return Read(_waiting_sql(), params)


def home_reads(request):
    """What next_steps and to_write_panel fetch (people.navigation,
    register_home_reads)."""
    if getattr(request.user, _WAITING_CACHE, None) is not None:
        return []
    return [_waiting_read(request.user.pk)]


@cache
def _waiting_sql():
    q = connection.ops.quote_name
    appraisal, event, person = (q(m._meta.db_table) for m in (Appraisal, AppraisalEvent, Person))
    latest = f"FROM {event} e WHERE e.appraisal_id = a.id"
    marks = ", ".join(["%s"] * len(OPEN))
    return f"""
        SELECT a.id, a.person_id, a.appraiser_id, a.status,
            p.given_name, p.family_name, p.email, p.job_title,
            CASE WHEN a.status = %s THEN (SELECT CASE WHEN e.action = %s THEN e.actor_id END
                {latest} ORDER BY e.at DESC, e.id DESC LIMIT 1) END,
            CASE WHEN a.status = %s THEN (SELECT e.action {latest}
                ORDER BY e.at DESC, e.id DESC LIMIT 1) END
        FROM {appraisal} a JOIN {person} p ON p.id = a.person_id
        WHERE (a.person_id = %s AND a.status IN ({marks}, %s))
            OR (a.appraiser_id = %s AND a.status IN ({marks}))
        ORDER BY p.family_name, p.given_name, a.id
    """.strip()


def next_steps(request):
    """The person's own appraisal's step, and what their appraisees' wait for: each
    named while it is the only one of its kind, and past that one line counting them,
    linking to Appraisals to write (a team can be long, docs/adr/0048)."""
    user, steps = request.user, []
    not_started, appraisers = [], {}
    page = url_for("appraisals:appraisal")
    me = user.pk  # read once: the request's user is a lazy object, each read a call
    for a in _waiting(user):
        url = page(a.pk)
        changed_by_other = a.cleared_by is not None and a.cleared_by != me
        if a.status == Status.NOT_STARTED:
            not_started.append(NextStep("Start preparing for your appraisal", url, order=10))
        elif a.person_id == me:
            steps.extend(_person_steps(a, url, changed_by_other))
        else:
            for kind, step in _appraiser_steps(a, url, changed_by_other):
                appraisers.setdefault(kind, []).append(step)
    for kind, named in appraisers.items():
        if len(named) == 1:
            steps.extend(named)
        else:
            text = _MANY[kind].format(n=len(named))
            steps.append(NextStep(text, link("appraisals:to-write"), order=named[0].order))
    return steps + not_started


# What an appraiser's steps of one kind say when there are several.
_MANY = {
    "returned": "{n} people changed their appraisal after you submitted it: read and submit again",
    "write": "Write your part of {n} appraisals",
    "sign": "Sign {n} appraisals",
    "resign": "{n} people changed their appraisal after signing it: each waits to be signed again",
}


def _person_steps(a, url, changed_by_other):
    if a.status == Status.PREPARING:
        return [NextStep("Write and submit your appraisal self-assessment", url, order=10)]
    if a.status == Status.AWAITING_PERSON and changed_by_other:
        text = "Your appraisal was changed after it was signed: read it and sign it again"
        return [NextStep(text, url_for("appraisals:sign")(a.pk), order=4)]
    if a.status == Status.AWAITING_PERSON:
        return [NextStep("Read and sign your appraisal", url_for("appraisals:sign")(a.pk),
                         order=4)]  # fmt: skip
    return []


def _appraiser_steps(a, url, changed_by_other):
    """(kind, step) for an appraisal `a` the person writes as appraiser."""
    name = a.person_name
    if a.status == Status.MANAGER_WRITING and a.last_action == Action.RETURNED_TO_APPRAISER:
        text = f"{name} changed their appraisal after you submitted it: read it and submit again"
        return [("returned", NextStep(text, url, order=8))]
    if a.status == Status.MANAGER_WRITING:
        return [("write", NextStep(f"Write your part of {name}'s appraisal", url, order=9))]
    if a.status == Status.AWAITING_MANAGER:
        sign = url_for("appraisals:sign")(a.pk)
        return [("sign", NextStep(f"Sign {name}'s appraisal", sign, order=4))]
    if a.status == Status.AWAITING_PERSON and changed_by_other:
        text = f"{name} changed their appraisal after signing it: it waits for them to sign again"
        return [("resign", NextStep(text, url, order=12))]
    return []


def to_write_panel(request):
    user = request.user
    me = user.pk
    rows = [
        a
        for a in _waiting(user)
        if a.appraiser_id == me and a.person_id != me and a.status in OPEN
    ]
    if not rows:
        return None
    # The first few: Appraisals to write lists them all.
    url = url_for("appraisals:appraisal")
    shown = [
        {
            "url": url(a.pk),
            "person_name": a.person_name,
            "job_title": a.person_title,
            "status": a.get_status_display(),
        }
        for a in rows[:SHOWN]
    ]
    context = {"rows": shown, "more": len(rows) - len(shown)}
    return HomePanel("Appraisals to write", "appraisals/appraisal/panels/to_write.html",
                     context, order=24)  # fmt: skip


def _appraiser_sql():
    """Whether the reader writes someone else's open appraisal as appraiser (for the
    reader's round trip, people.access.register_reader_flag): HR can make someone who
    is not their line manager the appraiser."""
    q = connection.ops.quote_name
    marks = ", ".join(f"%(appraiser_open_{i})s" for i in range(len(OPEN)))
    return (
        f"SELECT 1 FROM {q(Appraisal._meta.db_table)} x WHERE x.appraiser_id = %(pk)s"
        f" AND x.person_id <> %(pk)s AND x.status IN ({marks})"
    )


def register():
    """Register this topic's navigation items, next steps and home panels."""
    register_reader_flag(
        APPRAISER, _appraiser_sql(), {f"appraiser_open_{i}": str(s) for i, s in enumerate(OPEN)}
    )
    register_nav(nav)
    register_next_steps(next_steps)
    register_home_panel(to_write_panel)
    register_home_reads(home_reads)
