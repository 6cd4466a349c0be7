"""What the cycle pages show: appraisals counted by status, and a run's progress in words."""

from dataclasses import dataclass

from django.db.models import Count

from ..appraisal.models import Appraisal
from ..appraisal.pages import STATUS_TAG

STATUSES = Appraisal.Status


@dataclass(frozen=True)
class StatusCount:
    status: str
    label: str
    count: int


def counts_by_cycle(cycles):
    """{cycle id: [StatusCount for every status, in the workflow's order]} for
    `cycles`, from one grouped query however many cycles and appraisals there are."""
    ids = [cycle.pk for cycle in cycles]
    rows = (
        Appraisal.objects.filter(cycle_id__in=ids)
        .values_list("cycle_id", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    found = {(cycle_id, status): n for cycle_id, status, n in rows}
    return {
        pk: [StatusCount(v, label, found.get((pk, v), 0)) for v, label in STATUSES.choices]
        for pk in ids
    }


def total(counts):
    return sum(count.count for count in counts)


def people(n):
    return f"{n:,} {'person' if n == 1 else 'people'}"


def progress_words(run):
    """ "120 of 400 people done (30%)": how far a run has gone, for the progress page."""
    percent = round(100 * run.done / run.total) if run.total else 100
    return f"{run.done:,} of {people(run.total)} done ({percent}%)"


def percent_done(run):
    return round(100 * run.done / run.total) if run.total else 100


def outcome_words(run):
    """What a finished run did, in a sentence."""
    if not run.created and not run.closed_as_left:
        return "Nobody new needed an appraisal, and nobody had left: nothing changed."
    made = f"{people(run.created)} given an appraisal"
    if run.closed_as_left:
        return f"{made}; {run.closed_as_left:,} closed as left the organisation."
    return f"{made}."


def status_tag(appraisal):
    """The NHS.UK tag colour of an appraisal's status, as the appraisal pages show it."""
    return STATUS_TAG[appraisal.status]
