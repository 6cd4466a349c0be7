"""My team: each report's journal, conversation, placement and plan at a glance.

The page is read as plain values in three queries (no model instances):
building a few hundred model objects, or building more queries, for a
40-person team cost more than running them.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Count, FilteredRelation, Q
from django.urls import reverse
from django.utils import timezone

from people.access import direct_reports

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

    @property
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


def _day(value):
    return value.strftime("%-d %b %Y")


def team_overview(*, manager, year, today=None):
    """One row per active report of `manager`, overdue first; empty when they
    manage no one. Three queries, whatever the size of the team."""
    today = today or timezone.localdate()
    rows = {}
    for pk, given, family, email, journal, *placed, plan, review in _this_year(manager, year):
        row = rows[pk] = TeamRow(pk, f"{given} {family}".strip() or email, family, journal)
        row.placement = Placed(*placed) if placed[0] else None
        row.plan = Planned(plan, review) if plan else None
    if not rows:
        return []
    ids = list(rows)
    shared = SectionState.objects.filter(
        journal__person_id__in=ids, journal__year=year, shared_at__isnull=False
    )
    for person_id, n in (
        shared.values_list("journal__person_id").annotate(n=Count("pk")).order_by()
    ):
        rows[person_id].shared_sections = n
    held = Conversation.objects.filter(person_id__in=ids).order_by("held_on")
    for person_id, held_on in held.values_list("person_id", "held_on"):
        _note_conversation(rows[person_id], held_on, today)
    record_url, shared_url = _url_for("career-record"), _url_for("shared-journal")
    for row in rows.values():
        row.overdue = tuple(_overdue(row, manager, today))
        row.record_url, row.shared_url = record_url(row.pk), shared_url(row.pk)
    return sorted(rows.values(), key=lambda r: (not r.is_overdue, r.family_name, r.full_name))


def _this_year(manager, year):
    """Each report with this year's journal status, placement and plan (each at
    most one a year, so the joins add no rows)."""
    return (
        direct_reports(manager)
        .annotate(
            journal=FilteredRelation("journals", condition=Q(journals__year=year)),
            placement=FilteredRelation("placements", condition=Q(placements__year=year)),
            plan=FilteredRelation("development_plans", condition=Q(development_plans__year=year)),
        )
        .values_list(
            "pk",
            "given_name",
            "family_name",
            "email",
            "journal__status",
            "placement__level__name",
            "placement__direction__name",
            "placement__status",
            "placement__proposed_by_id",
            "plan__status",
            "plan__review_date",
        )  # fmt: skip
        .order_by()
    )


def _url_for(name):
    """reverse() once for the whole team: the links differ only in the person's id."""
    marker = 9876543210
    return reverse(name, args=[marker]).replace(str(marker), "{}").format


def _note_conversation(row, held_on, today):
    """Conversations arrive oldest first: keep the latest past and the first future one."""
    if held_on <= today:
        row.last_conversation = held_on
    elif row.next_conversation is None:
        row.next_conversation = held_on


def _overdue(row, manager, today):
    last = row.last_conversation
    if row.next_conversation is None and (last is None or today - last > CONVERSATION_DUE_AFTER):
        yield CONVERSATION_DUE
    placement = row.placement
    if (
        placement
        and placement.status == Placement.Status.PROPOSED
        and placement.proposed_by_id != manager.pk
    ):
        yield AWAITING_AGREEMENT
    plan = row.plan
    if plan and plan.review_date and plan.review_date < today:
        yield f"Plan review was due {plan.review_date:%-d %B %Y}"
