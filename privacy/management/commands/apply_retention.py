"""`manage.py apply_retention [--dry-run]`: delete or erase what is past its time under
the retention rules (privacy/retention/rules.py), and say how many of each kind."""

from django.core.management.base import BaseCommand

from privacy.retention import services


class Command(BaseCommand):
    help = (
        "Apply the retention rules: delete journals, reads of records and downloads past "
        "their time, and erase leavers past theirs. --dry-run only counts."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would go; change nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        counts = services.apply(dry_run=dry_run)
        verb = "Would remove" if dry_run else "Removed"
        kept = counts.pop("leavers kept", 0)
        for kind, count in counts.items():
            self.stdout.write(f"{verb}: {kind}: {count}")
        self.stdout.write(f"Leavers kept (they cannot be erased yet): {kept}")
        if dry_run:
            self.stdout.write("Dry run: nothing was changed.")
