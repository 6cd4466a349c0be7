"""The careers app's header link, next steps and home-page panels."""

from datetime import date, timedelta
from functools import cache
from typing import NamedTuple

from django.db import connection
from django.utils import timezone

from people.access import is_line_manager
from people.models import Person
from people.navigation import (
    SHOWN,
    CompiledOnce,
    HomePanel,
    NavItem,
    NextStep,
    covering,
    link,
    url_for,
)
from people.sql import Read, fetch

from . import team
from .journal import services
from .models import DevelopmentPlan, Journal, Placement, SectionState
from .plan import services as plans


def nav(request):
    talk = covering("conversation", 0)  # a conversation's pages: /conversations/
    items = [
        # journal-home goes on to this year's journal once it is started.
        NavItem("Your journal", link("journal-home"), order=10, own=True,
                lands=(url_for("journal-tasks")(services.appraisal_year()),)),
        NavItem("Your career", url_for("career-record")(request.user.pk), order=15,
                covers=(talk,), own=True),
    ]  # fmt: skip
    if is_line_manager(request.user):
        # A report's CPD, under Learning's addresses, is one of their records.
        cpd = covering("learning:cpd-team", 0, segments=3)
        items.append(NavItem("My team", link("my-team"), order=5, covers=(cpd,), team=True))
    return items


def career_steps(request):
    """Placements and plans waiting for this person's agreement, and plan reviews
    that are due. A manager's reports' placements and plans are one summary line each,
    linking to My team, not a step per report: a team can be long (docs/adr/0048).
    Two queries (one shared with next_steps), and for a line manager one of their
    team (team.home_read, shared with shared_with_me_panel)."""
    user, (year, today) = request.user, _when(request)
    own = _own_record(user, year)
    placements = [user.pk] if own.placement_waiting else []
    steps = []
    if is_line_manager(user):
        due, awaiting = team.due_steps(_team(user, year, today), user.pk, today)
        placements += awaiting
        steps.extend(_conversation_steps(due))
    steps.extend(_agreement_steps(user, placements, _PLACEMENT_STEPS, order=5))
    steps.extend(_agreement_steps(user, _plans_awaiting(user, year), _PLAN_STEPS, order=6))
    review = own.review
    if review and review <= today + timedelta(days=30):
        steps.append(
            NextStep(
                "Review your development plan with your line manager",
                url_for("plan")(user.pk),
                due=review.strftime("%-d %B %Y"),
                order=15,
            )
        )
    return steps


def _when(request):
    """(the appraisal year, today's date) for `request`, worked out once: the reads sent
    ahead (home_reads) are then the ones the panels make, even across midnight."""
    when = getattr(request, "_trellis_careers_when", None)
    if when is None:
        when = request._trellis_careers_when = (services.appraisal_year(), timezone.localdate())
    return when


class OwnRecord(NamedTuple):
    """What the home page asks of a person's own career record this year."""

    journal: str | None  # the journal's status, None before it is started
    done: int  # its sections completed
    sections: int  # and all its sections
    placement_waiting: bool  # proposed by someone else, awaiting the person
    review: date | None  # the plan's review date


_OWN_CACHE = "_trellis_own_career_record"


def _own_record(user, year):
    """`user`'s OwnRecord: one query per request object, read by both of this app's
    next-step providers. Plain SQL, as building it with the ORM cost several times more
    than running it (docs/adr/0008, 0048)."""
    cached = getattr(user, _OWN_CACHE, None)
    if cached is None or cached[0] != year:
        [(journal, done, sections, waiting, review)] = fetch(_own_read(user.pk, year))
        cached = (year, OwnRecord(journal, done, sections, bool(waiting), team._date(review)))
        setattr(user, _OWN_CACHE, cached)
    return cached[1]


def _own_read(pk, year):
    params = (
        pk, year, pk, year, SectionState.Status.COMPLETED, pk, year,
        pk, year, Placement.Status.PROPOSED, pk, pk, year,
    )  # fmt: skip
    return Read(_own_sql(), params)


@cache
def _own_sql():
    q = connection.ops.quote_name
    journal, state, placement, plan = (
        q(m._meta.db_table) for m in (Journal, SectionState, Placement, DevelopmentPlan)
    )
    return f"""
        SELECT
            (SELECT j.status FROM {journal} j WHERE j.person_id = %s AND j.year = %s),
            (SELECT COUNT(*) FROM {state} s JOIN {journal} j ON j.id = s.journal_id
                WHERE j.person_id = %s AND j.year = %s AND s.status = %s),
            (SELECT COUNT(*) FROM {state} s JOIN {journal} j ON j.id = s.journal_id
                WHERE j.person_id = %s AND j.year = %s),
            (SELECT COUNT(*) FROM {placement} pl WHERE pl.person_id = %s AND pl.year = %s
                AND pl.status = %s
                AND (pl.proposed_by_id IS NULL OR pl.proposed_by_id <> %s)),
            (SELECT dp.review_date FROM {plan} dp WHERE dp.person_id = %s AND dp.year = %s)
    """.strip()


_TEAM_CACHE = "_trellis_careers_team"


def _team(user, year, today):
    """team.home_read's rows for the manager `user`: one query per request object, read by
    career_steps and shared_with_me_panel."""
    cached = getattr(user, _TEAM_CACHE, None)
    if cached is None or cached[0] != (year, today):
        cached = ((year, today), fetch(team.home_read(user.pk, year, today)))
        setattr(user, _TEAM_CACHE, cached)
    return cached[1]


def _plans_awaiting(user, year):
    """Whose plans wait for `user`'s agreement (plans.awaiting_agreement_of), as keys."""
    return [pk for (pk,) in _awaiting(year).rows(user.pk)]


def _awaiting(year):
    """The rule's query, with its subqueries, compiled once a year (people.navigation)."""
    compiled = _awaiting_by_year.get(year)
    if compiled is None:
        compiled = _awaiting_by_year[year] = CompiledOnce(
            lambda pk: plans.awaiting_agreement_of(Person(pk=pk), year).values_list("person_id")
        )
    return compiled


_awaiting_by_year = {}


# (own step, the team's summary in the singular and plural, own page's URL name)
_PLACEMENT_STEPS = (
    "Agree or disagree your Scope for Growth placement",
    "{n} Scope for Growth placement to agree in your team",
    "{n} Scope for Growth placements to agree in your team",
    "career-record",
)
_PLAN_STEPS = (
    "Agree your development plan",
    "{n} development plan to agree in your team",
    "{n} development plans to agree in your team",
    "plan",
)


def _agreement_steps(user, person_ids, wording, order):
    """`user`'s own item as a step to their page; their reports' items as one line
    counting them, linking to My team (where each report's row says what waits)."""
    own, one, many, url_name = wording
    steps = []
    me = user.pk
    if me in person_ids:
        steps.append(NextStep(own, url_for(url_name)(me), order=order))
    others = sum(pk != me for pk in person_ids)
    if others:
        text = (one if others == 1 else many).format(n=others)
        steps.append(NextStep(text, link("my-team"), order=order))
    return steps


def next_steps(request):
    year, _ = _when(request)
    own = _own_record(request.user, year)
    if own.journal is None:
        return [NextStep("Start your reflection journal", link("journal-home"), order=20)]
    if own.journal == Journal.Status.READY:
        return []
    text = f"Continue your reflection journal ({own.done} of {own.sections} sections completed)"
    return [NextStep(text, url_for("journal-tasks")(year), order=20)]


def shared_with_me_panel(request):
    # Only a line manager of active reports can be shared with (people.consent).
    if not is_line_manager(request.user):
        return None
    year, today = _when(request)
    rows = [row[:5] for row in _team(request.user, year, today) if row[5]]  # shares
    if not rows:
        return None
    # Each link from the URL's pattern, worked out once (people.navigation.url_for): a
    # manager of forty who all share drew forty reverses, more than the rest of the panel.
    url = url_for("shared-journal")
    # The first few, each with their job title (two reports can share a name); My team
    # says of everyone what they share (docs/adr/0048).
    people = [
        {"url": url(pk), "full_name": f"{given} {family}".strip() or email, "job_title": title}
        for pk, given, family, email, title in rows[:SHOWN]
    ]
    context = {"people": people, "more": len(rows) - len(people), "team_url": link("my-team")}
    return HomePanel("Journals shared with you", "careers/panels/shared.html", context, order=25)


def home_reads(request):
    """What career_steps, next_steps and shared_with_me_panel fetch (people.navigation,
    register_home_reads): the person's own record and the plans awaiting them; for a
    line manager, their team (team.home_read: conversations, placements and who shares
    a journal with them)."""
    user, (year, today) = request.user, _when(request)
    reads = [_awaiting(year).read(user.pk)]
    if getattr(user, _OWN_CACHE, (None,))[0] != year:
        reads.append(_own_read(user.pk, year))
    if is_line_manager(user) and getattr(user, _TEAM_CACHE, (None,))[0] != (year, today):
        reads.append(team.home_read(user.pk, year, today))
    return reads


def _conversation_steps(due):
    """For line managers: how many career conversations are due (`due`, an int)."""
    if not due:
        return []
    text = f"{due} career conversation{'s are' if due > 1 else ' is'} due in your team"
    return [NextStep(text, link("my-team"), order=8)]
