"""Open the demo organisation's appraisal cycle for this appraisal year, and give the
demo people career records for it (idempotent)."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from appraisals.cycles import services
from appraisals.models import AppraisalCycle
from careers.demo import seed_careers
from people.demo import DOMAIN
from people.models import OrganisationUnit, Person


class Command(BaseCommand):
    help = (
        "Open an appraisal cycle for the whole demo organisation, as the demo HR person, "
        "so every demo login has an appraisal, and give most demo people an agreed Scope "
        "for Growth placement and development plan. Run after seed_demo; does nothing twice."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("seed_demo_cycle builds a demonstration install: set DEBUG=1.")
        cycle = AppraisalCycle.objects.order_by("-year", "pk").first()
        existed = cycle is not None
        cycle = cycle or self._open()
        placed = seed_careers(cycle.year)
        if placed:
            self.stdout.write(
                self.style.SUCCESS(f"Agreed placements and development plans for {placed} people.")
            )
        elif existed:
            self.stdout.write("An appraisal cycle exists already: nothing to do.")

    def _open(self):
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
        return cycle
