"""`manage.py generate_org`: a generated organisation for a trial or a benchmark."""

import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils.crypto import get_random_string

from trial.generate import NotEmpty, generate


class Command(BaseCommand):
    help = (
        "Fill an empty database with a generated organisation: units, people, roles and "
        "years of journals, plans, CPD and appraisals. Prints the rows and time per model."
    )

    def add_arguments(self, parser):
        parser.add_argument("--people", type=int, default=2000)
        parser.add_argument("--years", type=int, default=3)
        parser.add_argument("--seed", type=int, default=1, help="The same seed, the same data.")
        parser.add_argument("--depth", type=int, default=5, help="Levels of units (2 to 7).")
        parser.add_argument(
            "--password",
            help="Password of the named sign-in accounts (or set TRIAL_PASSWORD). Without "
            "one, DEBUG on makes a random one; DEBUG off refuses unless --no-sign-in.",
        )
        parser.add_argument(
            "--no-sign-in", action="store_true", help="Nobody can sign in (benchmarks)."
        )

    def handle(self, *args, **options):
        password = None
        if not options["no_sign_in"]:
            password = options["password"] or os.environ.get("TRIAL_PASSWORD")
            if not password and not settings.DEBUG:
                raise CommandError(
                    "Give a password for the sign-in accounts with --password or "
                    "TRIAL_PASSWORD, or use --no-sign-in."
                )
            password = password or get_random_string(20)
        try:
            result = generate(
                people=options["people"],
                years=options["years"],
                seed=options["seed"],
                depth=options["depth"],
                password=password,
            )
        except (NotEmpty, ValueError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Generated on {connection.vendor} ({options['people']:,} people, "
            f"{options['years']} years, seed {options['seed']}):"
        )
        self.stdout.write(result.table())
        if result.accounts:
            shown = (
                password if not (options["password"] or os.environ.get("TRIAL_PASSWORD")) else None
            )
            self.stdout.write("\nSign in as:")
            for role, email, name in result.accounts:
                self.stdout.write(f"  {role:<14} {email:<40} {name}")
            if shown:
                self.stdout.write(f"  Password: {shown}")
            else:
                self.stdout.write("  Password: the one you gave.")
