from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from people.demo import seed_demo_organisation


class Command(BaseCommand):
    help = "Create the demo organisation (idempotent) and, in debug, print its logins."

    def add_arguments(self, parser):
        parser.add_argument(
            "--password",
            default=settings.DEMO_PASSWORD,
            help="Password for every demo login (default: DEMO_PASSWORD from the environment).",
        )

    def handle(self, *args, password, **options):
        if not settings.DEBUG:
            raise CommandError("seed_demo builds a demonstration install: set DEBUG=1 to run it.")
        if not password:
            raise CommandError("Give a demo password with --password or DEMO_PASSWORD.")
        logins = seed_demo_organisation(settings.ORGANISATION_NAME, password)
        self.stdout.write(self.style.SUCCESS("Demo organisation ready. Demo logins:"))
        for login in logins:
            self.stdout.write(f"  {login.role:<14} {login.email:<34} ({login.name})")
        self.stdout.write(f"  Password for all of them: {password}")
