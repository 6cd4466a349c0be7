"""What the cycle pages show: appraisals counted by status, and a run's progress in words."""

from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count

from ..appraisal.models import Appraisal
from ..appraisal.pages import STATUS_TAG
from ..reports import stamp

STATUSES = Appraisal.Status


@dataclass(frozen=True)
class StatusCount:
    status: str
    label: str
    count: int


COUNTS_PREFIX = "appraisals:cycle-counts"
COUNTS_SECONDS = 60 * 60


def counts_by_cycle(cycles):
    """{cycle id: [StatusCount for every status, in the workflow's order]} for
    `cycles`. Each cycle's counts are kept in Django's cache under its figures stamp
    (reports/stamp.py: renewed by every change of an appraisal's status, and by the
    bulk writes that make or close appraisals), so a count is never stale; the cycles
    not cached are counted in one grouped query, a pass over their appraisals that grows
    with people (docs/adr/0057). Read the cycles with `stamp.with_token` and the
    stamps cost no query."""
    keys = {cycle.pk: f"{COUNTS_PREFIX}:{cycle.pk}:{stamp.token(cycle)}" for cycle in cycles}
    kept = cache.get_many(keys.values())
    found = {pk: kept[key] for pk, key in keys.items() if key in kept}
    missing = [pk for pk in keys if pk not in found]
    if missing:
        rows = (
            Appraisal.objects.filter(cycle_id__in=missing)
            .values_list("cycle_id", "status")
            .annotate(n=Count("pk"))
            .order_by()
        )
        counted = {pk: {} for pk in missing}
        for cycle_id, status, n in rows:
            counted[cycle_id][status] = n
        cache.set_many({keys[pk]: counted[pk] for pk in missing}, COUNTS_SECONDS)
        found.update(counted)
    return {
        pk: [StatusCount(v, label, found[pk].get(v, 0)) for v, label in STATUSES.choices]
        for pk in keys
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
