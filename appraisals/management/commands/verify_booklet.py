"""manage.py verify_booklet FILE: who sealed an appraisal booklet, when, and whether
it is intact. Exits 0 only when the file carries this organisation's seal and not a
byte has changed since; 1 otherwise (the reason is printed); 2 when it cannot be read."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from appraisals.booklet import seal


class Command(BaseCommand):
    help = "Check a sealed appraisal booklet: who sealed it, when, and whether it is intact."

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
            self.stdout.write(f"Sealed by: {verdict.sealed_by}")
        if verdict.sealed_at:
            self.stdout.write(f"Sealed on: {verdict.sealed_at:%d %B %Y at %H:%M %Z}")
        self.stdout.write(f"Intact: {'yes' if verdict.intact else 'no'}")
        self.stdout.write(f"This organisation's certificate: {'yes' if verdict.trusted else 'no'}")
        if not verdict.ok:
            raise CommandError(verdict.problem or "The booklet cannot be trusted.", returncode=1)
        self.stdout.write(self.style.SUCCESS("The booklet is intact."))
