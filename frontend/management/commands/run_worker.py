"""`manage.py run_worker`: django-tasks-db's `db_worker` (same options), which also
queues again the tasks a stopped worker left running (frontend/worker.py): once at
start, then every few minutes while it runs. Run this one, not `db_worker`.

Apps add their own periodic housekeeping with `every_few_minutes(function)` (in their
AppConfig.ready(); HR's booklet exports clean up expired ZIP files so): it runs with the
recovery, and an error in one never stops the others."""

import logging
import os
import threading
import time

from django.db import close_old_connections, connections
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from frontend import worker

logger = logging.getLogger("django_tasks_db")

_periodic = []


def every_few_minutes(function):
    """Run `function()` (no arguments) at the worker's start and every few minutes."""
    if function not in _periodic:
        _periodic.append(function)
    return function


def recover():
    try:
        worker.recover_stuck_tasks()
    except Exception:  # a locked SQLite file, a lost connection: try again next time
        logger.exception("Could not check for tasks left running by a stopped worker")
    finally:
        close_old_connections()
    for function in _periodic:
        try:
            function()
        except Exception:
            logger.exception("Periodic work %s failed; it runs again next time", function)
        finally:
            close_old_connections()


def recover_every(seconds):
    while True:
        time.sleep(seconds)
        recover()
        connections.close_all()  # this thread's own connections


class Command(DbWorkerCommand):
    help = (
        "Run a database background worker that also queues again the tasks a stopped "
        "worker left running (after TASK_STUCK_AFTER_SECONDS)."
    )

    def handle(self, *args, **options):
        # With --reload the command runs twice: in the watcher and in the worker proper.
        if not options["reload"] or os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
            self.configure_logging(options["verbosity"])
            recover()
            interval = min(300, max(1, worker.stuck_after().total_seconds() / 2))
            threading.Thread(
                target=recover_every, args=[interval], name="recover-tasks", daemon=True
            ).start()
        super().handle(*args, **options)
