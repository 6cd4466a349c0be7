"""ESR staff import: the dry run, the confirmation and the apply (docs/esr-import.md).

A dry run reads the file, works out the plan (planning.py) and stores it on an
EsrImportRun with the digest of the people and units it was made against; nothing else
is written. Confirming queues the apply (tasks.py) only while that digest, and the
importer's scope, are unchanged: otherwise the run is stale and the file must be checked
again. The apply does the stored plan (applying.py)."""

import hashlib

from django.db import transaction
from django.utils import timezone

from . import applying, planning, reading, world
from .access import scope_of
from .models import EsrImportRun, active_mapping

Status = EsrImportRun.Status
STALE = (
    "Trellis's people or units changed after this file was checked, so these changes "
    "may no longer be right. Upload the file again to check it against today's records"
)

# A file that leaves out more than this share of the people it should list (and at
# least ABSENT_CHECK_FLOOR of them) is more likely part of an extract (one directorate,
# an export cut short) than the month's leavers, so its leavers are confirmed apart.
ABSENT_CHECK_SHARE = 0.05
ABSENT_CHECK_FLOOR = 10


class Stale(Exception):
    """The plan was made against people and units that have changed since."""


class LeaversUnchecked(Exception):
    """Many people are leavers only because the file leaves them out, and the importer
    has not said that they have left."""


def absent_leavers(plan):
    """How many of `plan`'s leavers (a stored plan, dict) are leavers only because the
    file does not list them; int."""
    return sum(1 for leaver in plan.get("leavers", []) if leaver["line"] is None)


def leavers_to_check(plan):
    """The number of absent leavers in `plan` the importer must confirm apart (int): all
    of them when they pass ABSENT_CHECK_FLOOR and ABSENT_CHECK_SHARE of the people the
    file should list (plan["expected"]), else 0."""
    absent = absent_leavers(plan)
    if absent >= ABSENT_CHECK_FLOOR and absent > ABSENT_CHECK_SHARE * plan.get("expected", 0):
        return absent
    return 0


def unchecked_words(count):
    return (
        f"Confirm that the {count:,} people missing from the file have left, or upload "
        "the full extract"
    )


def _check_leavers(run, leavers_checked):
    count = leavers_to_check(run.plan)
    if count and not leavers_checked:
        raise LeaversUnchecked(unchecked_words(count))


def dry_run(*, raw, file_name="", by=None, scope=None):
    """Check the extract `raw` (bytes) and store what it would change. `by`: the
    importer (None: the command line, for everyone); their scope is read here.
    Returns the EsrImportRun (status planned). Raises reading.FileRefused."""
    if by is not None:
        scope = scope_of(by)
    rows = reading.read(raw, active_mapping())
    plan, digest = planning.plan(rows, active_mapping(), scope=scope,
                                 requester_pk=by.pk if by else None)  # fmt: skip
    plan["scope"] = scope
    return EsrImportRun.objects.create(
        requested_by=by, file_name=file_name[:255], rows=len(rows), plan=plan,
        file_digest=hashlib.sha256(raw).hexdigest(), state_digest=digest,
        total=applying.steps(plan),
    )  # fmt: skip


def has_changes(run):
    plan = run.plan
    return applying.steps(plan) > 0


def _check_fresh(run):
    scope = scope_of(run.requested_by) if run.requested_by else run.plan.get("scope")
    if scope != run.plan.get("scope") or world.load().digest != run.state_digest:
        EsrImportRun.objects.filter(pk=run.pk).update(
            status=Status.STALE, finished_at=timezone.now(), error=STALE
        )
        raise Stale(STALE)


def confirm(run, *, leavers_checked=False):
    """Queue the apply of `run` (planned). Raises Stale (and marks the run stale) when
    the people, units or the importer's scope changed since its dry run; raises
    LeaversUnchecked when leavers_to_check(run.plan) and not `leavers_checked`."""
    from .tasks import apply_run

    _check_leavers(run, leavers_checked)
    _check_fresh(run)
    with transaction.atomic():
        queued = EsrImportRun.objects.filter(pk=run.pk, status=Status.PLANNED).update(
            status=Status.QUEUED
        )
        if queued:
            apply_run.enqueue(run.pk)
    return bool(queued)


def apply_stopped(reason, run_id):
    """The `apply_run` task failed or was given up (frontend/worker.py): a run still
    queued or applying is marked failed with `reason`, so its progress page stops
    waiting. Batches already applied stay; a new dry run shows what is left."""
    EsrImportRun.objects.filter(pk=run_id, status__in=[Status.QUEUED, Status.APPLYING]).update(
        status=Status.FAILED, finished_at=timezone.now(), error=reason[:500]
    )


def apply(*, run_id):
    """Do the plan of a queued run (or finish one whose worker stopped). Returns the
    run's status. A run that turned stale before it began is not applied."""
    run = EsrImportRun.objects.select_related("requested_by").get(pk=run_id)
    if run.status == Status.QUEUED:
        try:
            _check_fresh(run)
        except Stale:
            return Status.STALE
        began = EsrImportRun.objects.filter(pk=run_id, status=Status.QUEUED).update(
            status=Status.APPLYING, started_at=timezone.now()
        )
        if not began:
            return EsrImportRun.objects.get(pk=run_id).status
    elif run.status != Status.APPLYING:
        return run.status
    try:
        applying.Applier(run).apply()
    except Exception as error:
        EsrImportRun.objects.filter(pk=run_id).update(
            status=Status.FAILED, finished_at=timezone.now(),
            error=(str(error).strip() or type(error).__name__)[:500],
        )  # fmt: skip
        raise
    EsrImportRun.objects.filter(pk=run_id).update(
        status=Status.APPLIED, finished_at=timezone.now(), done=run.total
    )
    return Status.APPLIED


def apply_now(run, *, leavers_checked=False):
    """Confirm and apply `run` in this process (the command line). Raises Stale and
    LeaversUnchecked as confirm does."""
    _check_leavers(run, leavers_checked)
    _check_fresh(run)
    EsrImportRun.objects.filter(pk=run.pk, status=Status.PLANNED).update(status=Status.QUEUED)
    return apply(run_id=run.pk)
