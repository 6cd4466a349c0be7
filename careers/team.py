"""My team: each report's journal, conversation, placement and plan at a glance.

The page is read as plain values in one query (no model instances):
building a few hundred model objects, or building more queries, for a
40-person team cost more than running them.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, cached_property

from django.db import connection
from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_date

from learning.models import GrowthDirection, ImpactLevel
from people.models import Person
from people.navigation import url_for
from people.sql import Read, fetch

from .models import Conversation, DevelopmentPlan, Journal, Placement, SectionState

CONVERSATION_DUE_AFTER = timedelta(days=365)
CONVERSATION_DUE = "Career conversation due"
AWAITING_AGREEMENT = "Placement awaiting your agreement"

JOURNAL_STATUS = dict(Journal.Status.choices)
PLACEMENT_STATUS = dict(Placement.Status.choices)
PLAN_STATUS = dict(DevelopmentPlan.Status.choices)


@dataclass
class Placed:
    level: str
    direction: str
    status: str
    proposed_by_id: int


@dataclass
class Planned:
    status: str
    review_date: date | None


@dataclass
class TeamRow:
    """One report as My team shows them; the words are worked out here, once."""

    pk: int
    full_name: str
    family_name: str
    job_title: str = ""  # beside the name: two reports can share one
    journal_status: str | None = None
    shared_sections: int = 0
    last_conversation: date | None = None
    next_conversation: date | None = None
    placement: Placed | None = None
    plan: Planned | None = None
    overdue: tuple = ()
    record_url: str = ""
    shared_url: str = ""

    @property
    def is_overdue(self):
        return bool(self.overdue)

    @property
    def journal_text(self):
        if self.journal_status is None:
            return "Not started"
        status = JOURNAL_STATUS[self.journal_status]
        return f"{status}, " if self.shared_sections else f"{status}, nothing shared"

    @property
    def shared_text(self):
        n = self.shared_sections
        return f"{n} section{'s' if n != 1 else ''} shared" if n else ""

    @cached_property  # the table reads it twice: its first line and its second
    def conversations_text(self):
        last = _day(self.last_conversation) if self.last_conversation else "none"
        upcoming = _day(self.next_conversation) if self.next_conversation else "not booked"
        return f"Last: {last}", f"Next: {upcoming}"

    @property
    def placement_text(self):
        p = self.placement
        if p is None:
            return "None yet"
        return f"{p.level} / {p.direction} ({PLACEMENT_STATUS[p.status].lower()})"

    @property
    def plan_text(self):
        if self.plan is None:
            return "None yet"
        review = f", review {_day(self.plan.review_date)}" if self.plan.review_date else ""
        return f"{PLAN_STATUS[self.plan.status]}{review}"


# English month abbreviations, as "%b" gives them in the C locale: written out, so a
# date reads the same whatever the server's locale, and without strftime, which cost
# My team a twentieth of its time (three dates a row).
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _day(value):
    """`value` (a date) as "1 Mar 2027"."""
    return f"{value.day} {_MONTHS[value.month - 1]} {value.year}"


def team_overview(*, manager, year, today=None):
    """One row per active report of `manager`, overdue first; empty when they
    manage no one. One query, whatever the size of the team."""
    today = today or timezone.localdate()
    record_url, shared_url = url_for("career-record"), url_for("shared-journal")
    rows = []
    for (
        pk, given, family, email, title, journal, shared, last, upcoming,
        level, direction, placement_status, proposed_by_id, plan_status, review,
    ) in _read_team(manager.pk, year, today):  # fmt: skip
        row = TeamRow(
            pk=pk,
            full_name=f"{given} {family}".strip() or email,
            family_name=family,
            job_title=title,
            journal_status=journal,
            shared_sections=shared or 0,
            last_conversation=_date(last),
            next_conversation=_date(upcoming),
            placement=Placed(level, direction, placement_status, proposed_by_id)
            if level
            else None,
            plan=Planned(plan_status, _date(review)) if plan_status else None,
            record_url=record_url(pk),
            shared_url=shared_url(pk),
        )
        row.overdue = tuple(_overdue(row, manager, today))
        rows.append(row)
    return sorted(rows, key=lambda r: (not r.is_overdue, r.family_name, r.full_name))


def _read_team(manager_pk, year, today):
    """Each active report with this year's journal (and how many sections are
    shared with this manager), their latest past and first future conversation, this year's
    placement and plan. Each of those is at most one a year, so the joins add no
    rows. Plain SQL: My team is a manager's everyday page, and building the ORM
    queries for it cost several times more than running them (docs/adr/0008)."""
    return fetch(team_read(manager_pk, year, today))


def team_read(manager_pk, year, today):
    """The people.sql.Read of My team's rows (_read_team) for the manager's key (int),
    the appraisal year (int) and today (a date)."""
    return Read(_team_sql(), (today, today, year, year, year, manager_pk, True))


@cache
def _team_sql():
    q = connection.ops.quote_name
    person, journal, state, talk, placement, level, direction, plan = (
        q(model._meta.db_table)
        for model in (
            Person, Journal, SectionState, Conversation, Placement, ImpactLevel,
            GrowthDirection, DevelopmentPlan,
        )
    )  # fmt: skip
    return f"""
        SELECT p.id, p.given_name, p.family_name, p.email, p.job_title, j.status,
            (SELECT COUNT(*) FROM {state} s
                WHERE s.journal_id = j.id AND s.shared_at IS NOT NULL
                    AND s.shared_with_id = p.line_manager_id),  -- people.consent
            (SELECT MAX(c.held_on) FROM {talk} c WHERE c.person_id = p.id AND c.held_on <= %s
                AND c.cancelled_at IS NULL),
            (SELECT MIN(c.held_on) FROM {talk} c WHERE c.person_id = p.id AND c.held_on > %s
                AND c.cancelled_at IS NULL),
            lv.name, dr.name, pl.status, pl.proposed_by_id, dp.status, dp.review_date
        FROM {person} p
        LEFT JOIN {journal} j ON j.person_id = p.id AND j.year = %s
        LEFT JOIN {placement} pl ON pl.person_id = p.id AND pl.year = %s
        LEFT JOIN {level} lv ON lv.id = pl.level_id
        LEFT JOIN {direction} dr ON dr.id = pl.direction_id
        LEFT JOIN {plan} dp ON dp.person_id = p.id AND dp.year = %s
        WHERE p.line_manager_id = %s AND p.is_active = %s
    """  # the rule of people.access.direct_reports


def home_read(manager_pk, year, today):
    """The people.sql.Read of what a manager's home page asks of their team, for the
    manager's key (int), the appraisal year (int) and today (a date). Its rows are the
    active reports (people.access.direct_reports' rule) by name (family, given, key):
    (key, given name, family name, email, job title, whether they share a section of any
    journal with the manager (people.consent), whether a conversation is booked after
    today, the last held (a date or None), this year's placement's status and proposer).

    One statement for the next steps' two rules (conversation_due and
    awaiting_agreement, a part of My team's read, team_read) and the panel of who
    shares: as two, each went through the team (PostgreSQL 0.204 ms for both against
    0.179 at 2,000 people, prepared), and each statement sent cost the page about 0.02
    ms of Python."""
    return Read(_home_sql(), (manager_pk, today, today, year, manager_pk, True))


def due_steps(rows, manager_pk, today):
    """From home_read's rows: (the number of reports whose conversation is due, the keys
    of those whose placement awaits the manager), as My team's rows would say."""
    due, awaiting = 0, []
    for pk, _given, _family, _email, _title, _shares, booked, last, status, by in rows:
        due += conversation_due(_date(last), bool(booked), today)
        if awaiting_agreement(status, by, manager_pk):
            awaiting.append(pk)
    return due, awaiting


@cache
def _home_sql():
    q = connection.ops.quote_name
    person, journal, state, talk, placement = (
        q(m._meta.db_table) for m in (Person, Journal, SectionState, Conversation, Placement)
    )
    return f"""
        SELECT p.id, p.given_name, p.family_name, p.email, p.job_title,
            EXISTS (SELECT 1 FROM {state} s JOIN {journal} j ON j.id = s.journal_id
                WHERE j.person_id = p.id AND s.shared_at IS NOT NULL
                    AND s.shared_with_id = %s),  -- people.consent
            EXISTS (SELECT 1 FROM {talk} c WHERE c.person_id = p.id AND c.held_on > %s
                AND c.cancelled_at IS NULL),
            (SELECT MAX(c.held_on) FROM {talk} c WHERE c.person_id = p.id AND c.held_on <= %s
                AND c.cancelled_at IS NULL),
            pl.status, pl.proposed_by_id
        FROM {person} p
        LEFT JOIN {placement} pl ON pl.person_id = p.id AND pl.year = %s
        WHERE p.line_manager_id = %s AND p.is_active = %s
        ORDER BY p.family_name, p.given_name, p.id
    """  # the rule of people.access.direct_reports, as _team_sql


def _date(value):
    """SQLite gives a date computed in SQL (MAX, MIN) as text."""
    return parse_date(value) if isinstance(value, str) else value


def conversation_due(last, booked, today):
    """True when a report's career conversation is due: none booked (`booked`, a bool)
    and none held (`last`, a date or None) within CONVERSATION_DUE_AFTER of `today`."""
    return not booked and (last is None or today - last > CONVERSATION_DUE_AFTER)


def awaiting_agreement(status, proposed_by_id, manager_pk):
    """True when a placement (its `status`, and who proposed it, a key or None) waits
    for the manager `manager_pk` to agree it: proposed by someone else."""
    return status == Placement.Status.PROPOSED and proposed_by_id != manager_pk


def _overdue(row, manager, today):
    if conversation_due(row.last_conversation, row.next_conversation is not None, today):
        yield CONVERSATION_DUE
    placement = row.placement
    if placement and awaiting_agreement(placement.status, placement.proposed_by_id, manager.pk):
        yield AWAITING_AGREEMENT
    plan = row.plan
    if plan and plan.review_date and plan.review_date < today:
        yield f"Plan review was due {plan.review_date:%-d %B %Y}"


def self_and_reports(user, active=True):
    """The keys of `user` and their direct reports (only the active ones when
    `active`), as a subquery for `person__in=`. Run on every home page: the OR
    sits on one table, so PostgreSQL answers it from two indexes (the primary
    key and line_manager_id) and joins the plans or placements by person; the
    same OR across the join to people read every row of this year (docs/adr/0042)."""
    reports = Q(line_manager=user, is_active=True) if active else Q(line_manager=user)
    return Person.objects.filter(Q(pk=user.pk) | reports).values("pk")
