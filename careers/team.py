"""My team: each report's journal, conversation, placement and plan at a glance."""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from .models import Conversation, DevelopmentPlan, Journal, Placement

CONVERSATION_DUE_AFTER = timedelta(days=365)


@dataclass
class TeamRow:
    person: object
    journal: object = None
    shared_sections: int = 0
    last_conversation: object = None
    next_conversation: object = None
    placement: object = None
    plan: object = None
    overdue: tuple = ()
    record_url: str = ""
    shared_url: str = ""

    @property
    def is_overdue(self):
        return bool(self.overdue)

    # What the row says, worked out once here rather than in the template.

    @property
    def journal_text(self):
        if self.journal is None:
            return "Not started"
        status = self.journal.get_status_display()
        if not self.shared_sections:
            return f"{status}, nothing shared"
        return f"{status}, "

    @property
    def shared_text(self):
        n = self.shared_sections
        return f"{n} section{'s' if n != 1 else ''} shared" if self.journal and n else ""

    @property
    def conversations_text(self):
        last = _day(self.last_conversation.held_on) if self.last_conversation else "none"
        upcoming = self.next_conversation
        return f"Last: {last}", f"Next: {_day(upcoming.held_on) if upcoming else 'not booked'}"

    @property
    def placement_text(self):
        p = self.placement
        if p is None:
            return "None yet"
        return f"{p.level} / {p.direction} ({p.get_status_display().lower()})"

    @property
    def plan_text(self):
        if self.plan is None:
            return "None yet"
        review = f", review {_day(self.plan.review_date)}" if self.plan.review_date else ""
        return f"{self.plan.get_status_display()}{review}"


def _day(value):
    return value.strftime("%-d %b %Y")


def team_overview(*, manager, reports, year, today=None):
    """One row per report, overdue first. A fixed number of queries, any team size."""
    today = today or timezone.localdate()
    reports = list(reports)
    ids = [p.pk for p in reports]
    rows = {p.pk: TeamRow(p) for p in reports}
    journals = Journal.objects.filter(person_id__in=ids, year=year).annotate(
        shared=Count("section_states", filter=Q(section_states__shared_at__isnull=False))
    )
    for journal in journals:
        rows[journal.person_id].journal = journal
        rows[journal.person_id].shared_sections = journal.shared
    for conversation in Conversation.objects.filter(person_id__in=ids).order_by("held_on"):
        row = rows[conversation.person_id]
        if conversation.held_on <= today:
            row.last_conversation = conversation
        elif row.next_conversation is None:
            row.next_conversation = conversation
    placements = Placement.objects.filter(person_id__in=ids, year=year)
    for placement in placements.select_related("level", "direction"):
        rows[placement.person_id].placement = placement
    for plan in DevelopmentPlan.objects.filter(person_id__in=ids, year=year):
        rows[plan.person_id].plan = plan
    for row in rows.values():
        row.overdue = tuple(_overdue(row, manager, today))
        row.record_url = reverse("career-record", args=[row.person.pk])
        row.shared_url = reverse("shared-journal", args=[row.person.pk])
    return sorted(rows.values(), key=lambda r: (not r.is_overdue, r.person.family_name))


def _overdue(row, manager, today):
    last = row.last_conversation
    if row.next_conversation is None and (
        last is None or today - last.held_on > CONVERSATION_DUE_AFTER
    ):
        yield "Career conversation due"
    placement = row.placement
    if (
        placement
        and placement.status == Placement.Status.PROPOSED
        and (placement.proposed_by_id != manager.pk)
    ):
        yield "Placement awaiting your agreement"
    plan = row.plan
    if plan and plan.review_date and plan.review_date < today:
        yield f"Plan review was due {plan.review_date:%-d %B %Y}"
