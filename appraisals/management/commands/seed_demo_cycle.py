"""Open the demo organisation's appraisal cycle for this appraisal year (idempotent)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from appraisals.cycles import services
from appraisals.models import AppraisalCycle
from people.demo import DOMAIN
from people.models import OrganisationUnit, Person


class Command(BaseCommand):
    help = (
        "Open an appraisal cycle for the whole demo organisation, as the demo HR person, "
        "so every demo login has an appraisal. Run after seed_demo; does nothing twice."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("seed_demo_cycle builds a demonstration install: set DEBUG=1.")
        if AppraisalCycle.objects.exists():
            self.stdout.write("An appraisal cycle exists already: nothing to do.")
            return
        organisation = OrganisationUnit.objects.get(name=settings.ORGANISATION_NAME)
        hr = Person.objects.get(email=f"hr@{DOMAIN}")
        year = services.default_year()
        first, last = services.year_bounds(year)
        cycle = services.save_cycle(
            by=hr,
            name=f"Appraisals {services.year_label(year)}",
            year=year,
            opens_on=first,
            closes_on=last,
            units=[organisation],
        )
        run = services.open_cycle(cycle=cycle, by=hr)
        self.stdout.write(self.style.SUCCESS(f"Opened “{cycle.name}”: {run.created} appraisals."))
