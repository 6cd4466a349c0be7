"""What is due: every reminder item for every person, in a handful of queries whatever
the number of people (one a kind). The rules and their thresholds are in
docs/adr/0032-reminders.md; the thresholds are settings (config/settings.py).

- Cycle closing: an appraisal not finished in an open cycle that closes within
  REMINDER_CYCLE_CLOSING_DAYS (14). To the person while it is their step (starting,
  preparing, signing) and to their appraiser whatever the step.
- Appraisal overdue: the same, once the open cycle's closing date has passed.
- Placement waiting: this year's Scope for Growth placement proposed (or revised) more
  than REMINDER_PLACEMENT_DAYS (14) ago and neither agreed nor answered: to the one who
  should answer (the line manager when the person proposed it, else the person).
- Plan review overdue: this year's development plan's review date has passed (a review
  is recorded by agreeing the plan again with a new review date): to the person and
  their line manager.
- Learning follow-up unanswered: an evaluation's level-3 follow-up fell due more than
  REMINDER_FOLLOW_UP_DAYS (14) ago and is not answered: to the person alone (their
  learning is theirs; no manager is told).

Nobody who has left (inactive) gets a reminder, and nobody is reminded about them.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.conf import settings
from django.db.models import OuterRef, Subquery
from django.urls import reverse
from django.utils import timezone

from careers.journal.services import appraisal_year
from careers.models import DevelopmentPlan, Placement, PlacementEvent
from learning.models import Evaluation

from ..appraisal.models import Appraisal
from ..cycles.models import AppraisalCycle
from .models import ReminderKind

Kind = ReminderKind
Status = Appraisal.Status
NOT_FINISHED = (Status.NOT_STARTED, Status.PREPARING, Status.MANAGER_WRITING,
                Status.AWAITING_PERSON, Status.AWAITING_MANAGER)  # fmt: skip
PERSONS_STEP = (Status.NOT_STARTED, Status.PREPARING, Status.AWAITING_PERSON)


def cycle_closing_days():
    return settings.REMINDER_CYCLE_CLOSING_DAYS


def placement_days():
    return settings.REMINDER_PLACEMENT_DAYS


def follow_up_days():
    return settings.REMINDER_FOLLOW_UP_DAYS


@dataclass(frozen=True)
class Item:
    """One thing to remind `to` about. `about` is the person whose record it is: `to`
    themselves, or one of their team (then the item goes in the team digest)."""

    kind: str
    to: object
    about: object
    text: str
    path: str

    @property
    def team(self):
        return self.about.pk != self.to.pk


def _day(value):
    return f"{value:%-d %B %Y}"


def _appraisal_items(today):
    rows = (
        Appraisal.objects.filter(
            cycle__status=AppraisalCycle.Status.OPEN,
            cycle__closes_on__lte=today + timedelta(days=cycle_closing_days()),
            status__in=NOT_FINISHED,
            person__is_active=True,
        )
        .select_related("cycle", "person", "appraiser")
        .order_by("person__family_name", "person__given_name", "pk")
    )
    for a in rows:
        closes = a.cycle.closes_on
        kind = Kind.CYCLE_CLOSING if closes >= today else Kind.APPRAISAL_OVERDUE
        path = reverse("appraisals:appraisal", args=[a.pk])
        if a.status in PERSONS_STEP:
            text = (f"Your appraisal in {a.cycle.name} is not finished: the cycle closes on "
                    f"{_day(closes)}" if kind == Kind.CYCLE_CLOSING else
                    f"Your appraisal in {a.cycle.name} is overdue: the cycle closed on "
                    f"{_day(closes)}")  # fmt: skip
            yield Item(kind, a.person, a.person, text, path)
        if a.appraiser_id and a.appraiser_id != a.person_id and a.appraiser.is_active:
            verb = "closes" if kind == Kind.CYCLE_CLOSING else "closed"
            text = (f"{a.person.full_name}: {a.get_status_display().lower()} "
                    f"({a.cycle.name} {verb} on {_day(closes)})")  # fmt: skip
            yield Item(kind, a.appraiser, a.person, text, path)


def _placement_items(today):
    start_of_today = timezone.make_aware(datetime.combine(today, time.min))
    proposed_at = (
        PlacementEvent.objects.filter(
            placement=OuterRef("pk"),
            action__in=[PlacementEvent.Action.PROPOSED, PlacementEvent.Action.REVISED],
        )
        .order_by("-at", "-pk")
        .values("at")[:1]
    )
    rows = (
        Placement.objects.filter(
            status=Placement.Status.PROPOSED, year=appraisal_year(today), person__is_active=True
        )
        .annotate(proposed_at=Subquery(proposed_at))
        .filter(proposed_at__lt=start_of_today - timedelta(days=placement_days() - 1))
        .select_related("person", "person__line_manager")
        .order_by("person__family_name", "person__given_name", "pk")
    )
    for p in rows:
        person, manager = p.person, p.person.line_manager
        path = reverse("career-record", args=[person.pk])
        on = _day(timezone.localtime(p.proposed_at))
        if p.proposed_by_id == person.pk:
            if manager is not None and manager.is_active:
                text = f"{person.full_name}: proposed on {on}"
                yield Item(Kind.PLACEMENT_OVERDUE, manager, person, text, path)
        else:
            text = f"Agree your Scope for Growth placement, or say why not: proposed on {on}"
            yield Item(Kind.PLACEMENT_OVERDUE, person, person, text, path)


def _plan_items(today):
    rows = (
        DevelopmentPlan.objects.filter(
            year=appraisal_year(today), review_date__lt=today, person__is_active=True
        )
        .select_related("person", "person__line_manager")
        .order_by("person__family_name", "person__given_name", "pk")
    )
    for plan in rows:
        person, manager = plan.person, plan.person.line_manager
        path = reverse("plan", args=[person.pk])
        due = _day(plan.review_date)
        yield Item(Kind.PLAN_REVIEW_OVERDUE, person, person,
                   f"Review your development plan: the review was due on {due}", path)  # fmt: skip
        if manager is not None and manager.is_active:
            text = f"{person.full_name}: review was due on {due}"
            yield Item(Kind.PLAN_REVIEW_OVERDUE, manager, person, text, path)


def _follow_up_items(today):
    rows = (
        Evaluation.objects.follow_ups_due(today - timedelta(days=follow_up_days()))
        .filter(entry__person__is_active=True)
        .select_related("entry__person", "initiative")
        .order_by("follow_up_due", "pk")
    )
    for evaluation in rows:
        person = evaluation.entry.person
        text = f"Tell us how you have used what you learned from “{evaluation.initiative.title}”"
        path = reverse("learning:cpd-follow-up", args=[evaluation.entry_id])
        yield Item(Kind.FOLLOW_UP_OVERDUE, person, person, text, path)


def due_items(today):
    """Every reminder item due on `today`, by recipient: {person: [Item, ...]} (each
    person one key; five queries). Inactive people neither get nor appear in items."""
    by_person, people = defaultdict(list), {}
    for source in (_appraisal_items, _placement_items, _plan_items, _follow_up_items):
        for item in source(today):
            if not item.to.is_active:
                continue
            person = people.setdefault(item.to.pk, item.to)
            by_person[person].append(item)
    return dict(by_person)
