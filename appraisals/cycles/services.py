"""The rules of appraisal cycles: saving one, opening it, adding joiners, closing
leavers' appraisals, and moving an appraisal to a person's new line manager.

Every function here is keyword-only, checks what it is given, writes in one
transaction and raises django's ValidationError in plain words. The reasons for the
rules are in docs/adr/0026-appraisal-cycles.md."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from careers.journal.services import appraisal_year
from people.models import OrganisationUnit, Person

from .. import access
from ..appraisal.dates import words, year_bounds, year_label  # noqa: F401 (used by views)
from ..appraisal.models import Appraisal, AppraisalEvent, Signature
from ..reports import stamp as figures_stamp
from .models import AppraisalCycle, CycleRun

# People a request may give appraisals to while HR waits; more go to a background task.
DEFAULT_INLINE_MAX = 300
# People a run handles in one round trip of reads and one bulk insert.
CHUNK = 500
STALE = (
    "This cycle was changed in another tab or by someone else after you opened it, so "
    "your changes have not been saved."
)
UNFINISHED = [CycleRun.Status.QUEUED, CycleRun.Status.RUNNING]
# An appraisal the person has handed to their manager: from here the manager reads it.
SUBMITTED = [
    Appraisal.Status.MANAGER_WRITING,
    Appraisal.Status.AWAITING_PERSON,
    Appraisal.Status.AWAITING_MANAGER,
]
MOVED_FIELDS = ["appraiser", "status", "self_submitted_at", "manager_submitted_at",
                "manager_assessment", "version", "updated_at"]  # fmt: skip
STILL_OPEN = [Appraisal.Status.NOT_STARTED, Appraisal.Status.PREPARING, *SUBMITTED]


def inline_max():
    """settings.APPRAISAL_CYCLE_INLINE_MAX (default 300): the most people a request
    opens a cycle for itself; above it a background task does."""
    return getattr(settings, "APPRAISAL_CYCLE_INLINE_MAX", DEFAULT_INLINE_MAX)


# Saving a cycle --------------------------------------------------------------


def _related(paths_a, paths_b):
    """Whether any unit of one list is the same as, above or below one of the other
    (a unit includes everything below it: materialised paths, people.models)."""
    return any(a.startswith(b) or b.startswith(a) for a in paths_a for b in paths_b)


def overlapping_cycle(*, opens_on, closes_on, units, exclude=None):
    """The first other cycle whose dates overlap these and whose units reach some of the
    same people (a unit the same as, above or below one of `units`), or None."""
    # Paths from the database: inserting a unit can move its siblings' paths
    # (treebeard keeps them in name order), so an instance's own may be out of date.
    paths = list(
        OrganisationUnit.objects.filter(pk__in=[unit.pk for unit in units]).values_list(
            "path", flat=True
        )
    )
    others = (
        AppraisalCycle.objects.filter(opens_on__lte=closes_on, closes_on__gte=opens_on)
        .exclude(pk=getattr(exclude, "pk", None))
        .prefetch_related("units")
        .order_by("opens_on", "pk")
    )
    for other in others:
        if _related(paths, [unit.path for unit in other.units.all()]):
            return other
    return None


def _check_cycle(*, by, name, year, opens_on, closes_on, units, cycle):
    errors = {}
    if not (name or "").strip():
        errors["name"] = "Enter a name for the cycle"
    if closes_on < opens_on:
        errors["closes_on"] = "The closing date must be on or after the opening date"
    first, last = year_bounds(year)
    if not first <= opens_on <= last:
        errors["opens_on"] = f"The opening date must be in the appraisal year {year_label(year)}"
    if not units:
        errors["units"] = "Select at least one unit"
    allowed = set(access.cycle_units_for(by).values_list("pk", flat=True))
    if any(unit.pk not in allowed for unit in units):
        errors["units"] = "Select only units you look after"
    if errors:
        raise ValidationError(errors)
    other = overlapping_cycle(opens_on=opens_on, closes_on=closes_on, units=units, exclude=cycle)
    if other is not None and not access.cycles_visible_to(by).filter(pk=other.pk).exists():
        # Another HR team's cycle: say there is one, not what it is.
        raise ValidationError(
            "These dates overlap another appraisal cycle for some of the same people, run "
            "by another HR team. Change the dates or the units.",
            code="overlap",
        )
    if other is not None:
        raise ValidationError(
            f"These dates overlap the cycle “{other.name}” ({other.opens_on:%-d %B %Y} to "
            f"{other.closes_on:%-d %B %Y}) for some of the same people. Change the dates "
            "or the units.",
            code="overlap",
        )


@transaction.atomic
def save_cycle(*, by, name, year, opens_on, closes_on, units, cycle=None, version=None):
    """Create a cycle (`cycle` None) or change one, as `by` (HR or an administrator).

    Takes the cycle's name, appraisal `year` (by its first year, April to March, as
    careers.journal.services.appraisal_year counts it), the opening and closing dates and
    the units in scope. Returns the saved AppraisalCycle. Refuses (ValidationError): a
    closing date before the opening date, an opening date outside the year, a unit
    outside `by`'s scope (people.access.units_visible_to), a cycle whose dates overlap
    another's for some of the same people (naming it: issue 13, "a cycle that overlaps
    another cycle for the same people is refused"), a change made over an older
    `version` (code "stale") and a change of units or appraisal year once the cycle is
    open."""
    if not access.can_run_cycles(by):
        raise ValidationError("Only HR and administrators run appraisal cycles.")
    units = list(units)
    if cycle is not None:
        cycle = AppraisalCycle.objects.select_for_update().get(pk=cycle.pk)
        if version != cycle.version:
            raise ValidationError(STALE, code="stale")
        if cycle.status != AppraisalCycle.Status.DRAFT and {u.pk for u in units} != set(
            cycle.units.values_list("pk", flat=True)
        ):
            raise ValidationError(
                {"units": "The units cannot change once the cycle is open"}, code="open"
            )
        if cycle.status != AppraisalCycle.Status.DRAFT and year != cycle.year:
            # Its appraisals belong to that year: last year's objectives are read from it.
            raise ValidationError(
                {"year": "The appraisal year cannot change once the cycle is open"},
                code="open",
            )
    _check_cycle(by=by, name=name, year=year, opens_on=opens_on, closes_on=closes_on,
                 units=units, cycle=cycle)  # fmt: skip
    if cycle is None:
        cycle = AppraisalCycle(created_by=by)
    else:
        cycle.version += 1
    cycle.name, cycle.year = name.strip(), year
    cycle.opens_on, cycle.closes_on = opens_on, closes_on
    cycle.save()
    cycle.units.set(units)
    return cycle


def default_year(today=None):
    """The appraisal year a new cycle is offered in: this one."""
    return appraisal_year(today)


# Who a cycle is for ----------------------------------------------------------


def people_in_scope(cycle):
    """The active people in the cycle's units and every unit below them (one prefix
    query, as people.access.people_in_unit)."""
    scope = Q(pk__in=[])
    for path in cycle.units.values_list("path", flat=True):
        scope |= Q(unit__path__startswith=path)
    return Person.objects.filter(scope, is_active=True)


# Runs: opening the cycle, adding joiners -------------------------------------


def opens_later(cycle, today=None):
    """Words saying when a draft cycle can be opened, if its opening date is after
    today; None when it can be opened now (or is not a draft)."""
    today = today or timezone.localdate()
    if cycle.status != AppraisalCycle.Status.DRAFT or cycle.opens_on <= today:
        return None
    return f"This cycle opens on {words(cycle.opens_on)}. You can open it from that date."


def open_cycle(*, cycle, by):
    """Open a draft cycle: one appraisal for every active person in scope, appraised by
    their line manager. Returns the CycleRun. At or under inline_max() people the run
    is done before this returns; above it a background task does it (tasks.run_cycle)
    and the run's progress page shows how far it has gone. Refused before its opening
    date (`opens_later`: nobody is given an appraisal before the round starts), and
    when the cycle is not a draft (opening twice, or two people at once: the
    conditional update below lets only one through, and the unique (cycle, person)
    constraint is the last word)."""
    return _start(cycle=cycle, by=by, kind=CycleRun.Kind.OPEN)


def add_joiners(*, cycle, by):
    """Give an appraisal to everyone now in an open cycle's scope who has none (people
    who joined or moved in since it opened), and close as "left" those of people who
    have left. Returns the CycleRun, inline or queued as open_cycle."""
    return _start(cycle=cycle, by=by, kind=CycleRun.Kind.JOINERS)


def _start(*, cycle, by, kind):
    if not access.can_run_cycles(by):
        raise ValidationError("Only HR and administrators run appraisal cycles.")
    with transaction.atomic():
        cycle = AppraisalCycle.objects.select_for_update().get(pk=cycle.pk)
        if kind == CycleRun.Kind.OPEN and (not_yet := opens_later(cycle)):
            raise ValidationError(not_yet, code="not_yet")
        if kind == CycleRun.Kind.OPEN:
            opened = AppraisalCycle.objects.filter(
                pk=cycle.pk, status=AppraisalCycle.Status.DRAFT
            ).update(status=AppraisalCycle.Status.OPEN, opened_at=timezone.now(),
                     version=F("version") + 1)  # fmt: skip
            if not opened:
                raise ValidationError("This cycle is already open.", code="already_open")
        elif cycle.status != AppraisalCycle.Status.OPEN:
            raise ValidationError("Open the cycle before adding people who joined.")
        elif cycle.runs.filter(status__in=UNFINISHED).exists():
            raise ValidationError("Appraisals are already being added for this cycle. "
                                  "Wait for that to finish.", code="running")  # fmt: skip
        total = people_in_scope(cycle).count()
        run = CycleRun.objects.create(cycle=cycle, kind=kind, requested_by=by, total=total)
        if total <= inline_max():
            execute_run(run_id=run.pk)
            run.refresh_from_db()
        else:
            transaction.on_commit(lambda: _enqueue(run.pk))
    return run


def _enqueue(run_id):
    from .tasks import run_cycle

    run_cycle.enqueue(run_id)


def run_stopped(reason, run_id):
    """The `run_cycle` task failed or was given up (frontend/worker.py): a run still
    queued or running is marked failed with `reason`, so its progress page says so."""
    CycleRun.objects.filter(pk=run_id, status__in=UNFINISHED).update(
        status=CycleRun.Status.FAILED, error=reason, finished_at=timezone.now()
    )


def execute_run(*, run_id, resume=False):
    """Do one CycleRun: create the missing appraisals chunk by chunk (bulk inserts that
    ignore a person who already has one), then close leavers' appraisals, keeping the
    run's counts up to date. Runs once: the caller who claims the queued run does it;
    `resume` (the same task run again after its worker stopped, docs/adr/0022) takes
    over a run left running, and is safe because nothing is created twice. A failure
    is recorded on the run and raised. Returns the run's id, or None if not claimed."""
    claimable = UNFINISHED if resume else [CycleRun.Status.QUEUED]
    claimed = CycleRun.objects.filter(pk=run_id, status__in=claimable)
    if not claimed.update(status=CycleRun.Status.RUNNING, done=0):
        return None
    run = CycleRun.objects.select_related("cycle").get(pk=run_id)
    try:
        _create_missing(run)
        run.closed_as_left += close_leavers(cycle=run.cycle)
    except Exception as error:
        CycleRun.objects.filter(pk=run_id).update(
            status=CycleRun.Status.FAILED, error=repr(error)[:2000], finished_at=timezone.now()
        )
        raise
    run.status, run.finished_at, run.done = CycleRun.Status.DONE, timezone.now(), run.total
    run.save(update_fields=["status", "finished_at", "done", "closed_as_left", "created"])
    return run.pk


def _create_missing(run):
    people = people_in_scope(run.cycle).order_by("pk").values_list("pk", "line_manager_id")
    last = 0
    while True:
        chunk = list(people.filter(pk__gt=last)[:CHUNK])
        if not chunk:
            return
        last = chunk[-1][0]
        have = set(
            Appraisal.objects.filter(
                cycle=run.cycle, person_id__in=[pk for pk, _ in chunk]
            ).values_list("person_id", flat=True)
        )
        new = [
            Appraisal(cycle=run.cycle, person_id=pk, appraiser_id=manager)
            for pk, manager in chunk
            if pk not in have
        ]
        # The unique (cycle, person) constraint is the last word: a run beside this
        # one that got there first leaves the row it made.
        Appraisal.objects.bulk_create(new, ignore_conflicts=True)
        figures_stamp.cycle_changed(run.cycle)  # bulk_create sends no signals
        run.created += len(new)
        run.done = min(run.done + len(chunk), run.total)
        CycleRun.objects.filter(pk=run.pk).update(done=run.done, created=run.created)


def close_leavers(*, cycle):
    """Close as "left" every unfinished appraisal in `cycle` whose person is no longer
    active, with an event saying so; never deleted (docs/adr/0026). Returns how many."""
    leaving = list(
        Appraisal.objects.filter(
            cycle=cycle, person__is_active=False, status__in=STILL_OPEN
        ).values_list("pk", "status")
    )
    if not leaving:
        return 0
    now = timezone.now()
    Appraisal.objects.filter(pk__in=[pk for pk, _ in leaving]).update(
        status=Appraisal.Status.LEFT, updated_at=now, version=F("version") + 1
    )
    figures_stamp.cycle_changed(cycle)  # update() sends no signals
    AppraisalEvent.objects.bulk_create(
        AppraisalEvent(
            appraisal_id=pk,
            action="left",
            from_status=status,
            to_status=Appraisal.Status.LEFT,
            at=now,
            detail="Closed: the person has left the organisation.",
        )  # fmt: skip
        for pk, status in leaving
    )
    return len(leaving)


# A new line manager ------------------------------------------------------------


def _name(person):
    return person.full_name if person is not None else "nobody (no line manager)"


@transaction.atomic
def move_to_new_appraiser(*, person, old_manager, new_manager, actor=None):
    """Give `person`'s unfinished appraisals in open cycles to `new_manager` (their line
    manager now; None if they have none), recording both names in an event.

    The consent rule (docs/adr/0009): what the person gave one manager is not given to
    the next. So if they had already submitted their self-assessment (the manager was
    writing, or a signature was awaited), the submission lapses: the appraisal goes back
    to "preparing" with every word kept, live signatures are cleared, and the event says
    why; the new manager reads it once the person submits it again. The former
    manager's assessment (a draft or submitted) is removed: it was written to the
    person as their appraiser, and the new appraiser writes their own. Returns the
    number of appraisals moved."""
    appraisals = list(
        Appraisal.objects.select_for_update().filter(
            person=person, status__in=STILL_OPEN, cycle__status=AppraisalCycle.Status.OPEN
        )
    )
    now = timezone.now()
    for appraisal in appraisals:
        detail = f"Appraiser changed from {_name(old_manager)} to {_name(new_manager)}."
        from_status = appraisal.status
        appraisal.appraiser = new_manager
        if appraisal.status in SUBMITTED:
            appraisal.status = Appraisal.Status.PREPARING
            appraisal.self_submitted_at = None
            appraisal.manager_submitted_at = None
            cleared = Signature.objects.filter(appraisal=appraisal, cleared_at__isnull=True)
            signed = cleared.update(cleared_at=now)
            detail += (
                f" {person.full_name} had submitted their self-assessment to "
                f"{_name(old_manager)}, so the submission lapsed: it goes back to preparing, "
                "with every word kept, and the new appraiser reads it only when "
                f"{person.given_name} submits it again."
            )
            if signed:
                detail += " The signatures given so far were cleared."
        if appraisal.manager_assessment:
            # The former appraiser's words are theirs: the new one writes their own.
            appraisal.manager_assessment = ""
            detail += (
                f" {_name(old_manager)}'s assessment was removed: the new appraiser "
                "writes their own."
            )
        appraisal.version += 1
        appraisal.updated_at = now
        appraisal.save(update_fields=MOVED_FIELDS)
        AppraisalEvent.objects.create(
            appraisal=appraisal, actor=actor, action="appraiser_changed",
            from_status=from_status, to_status=appraisal.status, detail=detail, at=now,
        )  # fmt: skip
    return len(appraisals)
