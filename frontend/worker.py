"""Tasks left running by a worker that stopped (killed, out of memory, the machine
lost) are queued again: django-tasks-db leaves them RUNNING for ever otherwise.

One rule for every task: a task RUNNING for longer than TASK_STUCK_AFTER_SECONDS is
put back on the queue (the same task result, so its id and arguments stay), up to
MAX_ATTEMPTS runs in all; then it is marked failed with the reason. Each task must
therefore be safe to run again: it claims its work before doing it and, where doing it
twice would be wrong (an email), does not repeat a step that may have happened
(docs/adr/0022-tasks-claims-timeouts-recovery.md). `manage.py run_worker` runs this at
start and every few minutes.

A task that fails (an error it raised, or given up here) may leave the record it was
working on unfinished: a download "being made", an export "making the booklets". Every
task names what settles that record with `when_failed(task, settle)`, and `settle` is
called with a plain reason and the task's own arguments whichever way it failed, so no
page waits for ever (tests/test_task_recovery.py walks every task for one)."""

import logging
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

# Runs in all (each worker that claims a task adds its id to worker_ids).
MAX_ATTEMPTS = 3


class WorkerStopped(Exception):
    """The worker running a task stopped before the task finished."""


# task path -> settle(reason: str, *task_args, **task_kwargs), or None where nothing is
# left unfinished (the task's docstring says why).
_SETTLE = {}


def when_failed(task, settle):
    """Register `settle(reason, *args, **kwargs)` for `task` (a django.tasks Task):
    called with a reason in plain words and the task's arguments when a run of `task`
    fails with an error or is given up. It must be safe to call more than once and
    after the record finished (a conditional update). `settle=None` says that the task
    leaves nothing unfinished."""
    _SETTLE[task.module_path] = settle
    return task


def settles(task_path):
    """True if `task_path` has said what settles it (None counts)."""
    return task_path in _SETTLE


def settle_failed(task_path, args_kwargs, reason):
    """Call the settle function of `task_path` with the task's stored arguments
    (DBTaskResult.args_kwargs: {"args": [...], "kwargs": {...}}). An error in it is
    logged, never raised: the worker goes on."""
    settle = _SETTLE.get(task_path)
    if settle is None:
        return
    try:
        settle(reason, *args_kwargs.get("args", ()), **args_kwargs.get("kwargs", {}))
    except Exception:
        logger.exception("Could not settle the record of failed task %s", task_path)


def on_task_finished(sender, task_result, **kwargs):
    """django.tasks' task_finished signal: settle the record of a task that failed."""
    if task_result.status != TaskResultStatus.FAILED:
        return
    errors = getattr(task_result, "errors", None) or []
    kind = errors[-1].exception_class_path.rsplit(".", 1)[-1] if errors else "an error"
    settle_failed(
        task_result.task.module_path,
        {"args": list(task_result.args), "kwargs": dict(task_result.kwargs)},
        f"An error stopped it ({kind}).",
    )


def stuck_after():
    return timedelta(seconds=settings.TASK_STUCK_AFTER_SECONDS)


def recover_stuck_tasks(*, now=None):
    """Queue again each task RUNNING since before now - TASK_STUCK_AFTER_SECONDS, or
    fail it once it has been started MAX_ATTEMPTS times. Safe beside other workers
    doing the same: each row changes only if it is still the run that was seen.
    Returns (ids queued again, ids failed)."""
    now = now or timezone.now()
    stuck = DBTaskResult.objects.running().filter(started_at__lt=now - stuck_after())
    requeued, failed = [], []
    for result in stuck.only("id", "started_at", "worker_ids", "task_path", "args_kwargs"):
        same_run = DBTaskResult.objects.filter(
            pk=result.pk, status=TaskResultStatus.RUNNING, started_at=result.started_at
        )
        runs = len(result.worker_ids)
        with transaction.atomic():
            if runs < MAX_ATTEMPTS:
                if same_run.update(status=TaskResultStatus.READY):
                    requeued.append(result.pk)
                    logger.warning(
                        "Task %s (%s) was left running by a stopped worker: queued again "
                        "(run %d of %d).",
                        result.pk,
                        result.task_path,
                        runs + 1,
                        MAX_ATTEMPTS,
                    )
                continue
            reason = (
                f"The worker running this task stopped before it finished, {runs} times "
                f"(workers {', '.join(result.worker_ids)}); it is not tried again."
            )
            if same_run.update(
                status=TaskResultStatus.FAILED,
                finished_at=now,
                exception_class_path=f"{__name__}.{WorkerStopped.__qualname__}",
                traceback=f"{__name__}.{WorkerStopped.__qualname__}: {reason}\n",
            ):
                failed.append(result.pk)
                logger.error("Task %s (%s) failed: %s", result.pk, result.task_path, reason)
                gone = f"The worker doing it stopped before it finished, {runs} times."
                transaction.on_commit(
                    lambda result=result, gone=gone: settle_failed(
                        result.task_path, result.args_kwargs, gone
                    )
                )
    return requeued, failed
