"""Queue the follow-up emails that are due. Run it daily (cron or a scheduler);
running it more often, or twice, sends nothing twice."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from learning import services


class Command(BaseCommand):
    help = "Queue an email for every learning follow-up (Kirkpatrick level 3) that is due."

    def add_arguments(self, parser):
        parser.add_argument("--today", help="Treat this date (YYYY-MM-DD) as today.")

    def handle(self, *args, today=None, **options):
        if today:
            try:
                today = date.fromisoformat(today)
            except ValueError:
                raise CommandError("--today must be a date like 2026-05-31") from None
        queued = services.enqueue_due_follow_ups(today=today)
        self.stdout.write(
            f"Queued {len(queued)} follow-up email{'s' if len(queued) != 1 else ''}."
        )
