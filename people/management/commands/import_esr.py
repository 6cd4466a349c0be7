"""`manage.py import_esr FILE [--apply]`: an ESR staff extract from the command line, for
a nightly feed (docs/esr-import.md). Without --apply, prints what would change and
writes nothing to people or units; with it, makes the changes in this process."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from people.esr_import import presenters, services
from people.esr_import.reading import FileRefused


class Command(BaseCommand):
    help = "Check an ESR staff extract (CSV or XLSX) and, with --apply, make its changes."

    def add_arguments(self, parser):
        parser.add_argument("file", help="The extract: a .csv (UTF-8) or .xlsx file.")
        parser.add_argument("--apply", action="store_true", help="Make the changes.")
        parser.add_argument(
            "--leavers-checked",
            action="store_true",
            help="The file is the full extract: the many people it leaves out have left.",
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            raw = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {path}: {error.strerror}") from None
        try:
            run = services.dry_run(raw=raw, file_name=path.name)
        except FileRefused as error:
            raise CommandError(str(error)) from None
        for line in presenters.summary_lines(run):
            self.stdout.write(line)
        if not options["apply"]:
            self.stdout.write("Nothing was changed (a dry run). Add --apply to make the changes.")
            return
        try:
            services.apply_now(run, leavers_checked=options["leavers_checked"])
        except services.LeaversUnchecked as error:
            raise CommandError(
                f"{error}. Nothing was changed. If the file is the full extract, add "
                "--leavers-checked."
            ) from None
        except services.Stale as error:
            raise CommandError(str(error)) from None
        run.refresh_from_db()
        self.stdout.write(f"{run.status_words}: {run.done:,} changes made.")
