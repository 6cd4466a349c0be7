"""Tasks left running by a worker that stopped (killed, out of memory, the machine
lost) are queued again: django-tasks-db leaves them RUNNING for ever otherwise.

One rule for every task: a task RUNNING for longer than TASK_STUCK_AFTER_SECONDS is
put back on the queue (the same task result, so its id and arguments stay), up to
MAX_ATTEMPTS runs in all; then it is marked failed with the reason. Each task must
therefore be safe to run again: it claims its work before doing it and, where doing it
twice would be wrong (an email), does not repeat a step that may have happened
(docs/adr/0022-tasks-claims-timeouts-recovery.md). `manage.py run_worker` runs this at
start and every few minutes."""

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
    for result in stuck.only("id", "started_at", "worker_ids", "task_path"):
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
    return requeued, failed
