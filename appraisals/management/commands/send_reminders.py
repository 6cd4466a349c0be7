"""`manage.py send_reminders`: email everyone the reminders due today (appraisals,
placements, plan reviews, learning follow-ups; appraisals/reminders). Run it daily from
cron or a systemd timer (docs/operations.md); `run_worker` also runs it every few
hours. Running it more often, twice, or on two machines at once sends nothing twice:
each person gets at most one reminder of each kind a week."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from appraisals.reminders import services


class Command(BaseCommand):
    help = "Email the reminders due today: at most one of each kind a person a week."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Treat this date (YYYY-MM-DD) as today.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Say who would get what; send nothing."
        )

    def handle(self, *args, today=None, dry_run=False, **options):
        if today:
            try:
                today = date.fromisoformat(today)
            except ValueError:
                raise CommandError("--today must be a date like 2026-05-31") from None
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
