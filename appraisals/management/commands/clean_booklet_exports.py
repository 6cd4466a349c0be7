"""`manage.py clean_booklet_exports`: remove HR's booklet exports kept longer than
BOOKLET_EXPORT_KEEP_DAYS, and any export file nothing refers to (a ZIP from a worker
stopped part-way). `manage.py run_worker` does the same every few minutes; this is
for a deployment that wants it on its own schedule (cron)."""

from django.core.management.base import BaseCommand

from appraisals.exports.assembly import clean_up


class Command(BaseCommand):
    help = "Remove expired booklet exports and export files nothing refers to."

    def handle(self, *args, **options):
        exports, files = clean_up()
        self.stdout.write(f"Removed {exports} expired export(s) and {files} unreferenced file(s).")
