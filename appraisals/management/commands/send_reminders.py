"""`manage.py send_reminders`: email everyone the reminders due today (appraisals,
placements, plan reviews, learning follow-ups; appraisals/reminders). Run it daily from
cron or a systemd timer (docs/operations.md); `run_worker` also runs it every few
hours. Running it more often, twice, or on two machines at once sends nothing twice:
each person gets at most one reminder of each kind a week."""

import time
from datetime import date

from django.core.management.base import BaseCommand, CommandError
from django.db import close_old_connections

from appraisals.reminders import services


class Command(BaseCommand):
    help = "Email the reminders due today: at most one of each kind a person a week."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Treat this date (YYYY-MM-DD) as today.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Say who would get what; send nothing."
        )
        parser.add_argument(
            "--every",
            type=int,
            metavar="SECONDS",
            help="Keep running: send, then again every SECONDS (as `make run` does).",
        )

    def handle(self, *args, today=None, dry_run=False, every=None, **options):
        if today:
            try:
                today = date.fromisoformat(today)
            except ValueError:
                raise CommandError("--today must be a date like 2026-05-31") from None
        if every is not None and every < 60:
            raise CommandError("--every must be at least 60 seconds")
        if every is None:
            self.run_once(today, dry_run)
            return
        while True:
            try:
                self.run_once(today, dry_run)
            except Exception as error:  # a locked SQLite file, a lost connection: next time
                self.stderr.write(f"Reminders not sent this time: {type(error).__name__}: {error}")
            close_old_connections()
            time.sleep(every)

    def run_once(self, today, dry_run):
        outcome = services.send_reminders(today=today, dry_run=dry_run)
        if dry_run:
            for email in outcome.planned:
                kinds = ", ".join(email.kinds)
                self.stdout.write(f"Would email {email.person.email}: {kinds} "
                                  f"({_count(len(email.items), 'item')})")  # fmt: skip
            self.stdout.write(f"Would send {_count(len(outcome.planned), 'email')}.")
            return
        self.stdout.write(f"Sent {_count(len(outcome.sent), 'reminder email')}.")
        for email, error in outcome.failed:
            self.stderr.write(f"Not sent to {email.person.email}: {error}")


def _count(n, word):
    return f"{n} {word}{'' if n == 1 else 's'}"
