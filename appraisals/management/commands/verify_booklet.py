"""manage.py verify_booklet FILE: whether an appraisal booklet is as it was sealed,
and for one whose seal holds, who sealed it and when; in the same words as HR's
check page (appraisals/booklet/checking.py). Exits 0 only when the file carries this
organisation's seal and not a byte has changed since; 1 otherwise (the reason is
printed); 2 when the file cannot be read from disk."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from appraisals.booklet import seal


class Command(BaseCommand):
    help = "Check a sealed appraisal booklet: whether it is intact, who sealed it and when."

    def add_arguments(self, parser):
        parser.add_argument("file", help="the booklet PDF to check")

    def handle(self, *args, file, **options):
        path = Path(file)
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}", returncode=2) from None
        verdict = seal.check(data)
        if verdict.sealed_by:
            self.stdout.write(f"{verdict.sealed_by_label}: {verdict.sealed_by}")
        if verdict.sealed_at:
            self.stdout.write(f"Sealed on: {verdict.sealed_at:%d %B %Y at %H:%M %Z}")
        if not verdict.ok:
            raise CommandError(f"{verdict.heading}. {verdict.explanation}", returncode=1)
        self.stdout.write(self.style.SUCCESS(f"{verdict.heading}. {verdict.explanation}"))
