"""LED's downloads and management information on a generated organisation, beside the
floor page: `manage.py generate_org --people N --years 5 --no-sign-in` into an empty
database, then `DATABASE_URL=... python -m bench.learning_downloads`. The database is
used as it is (not emptied), so one generated organisation serves many runs.
"""

import os
import sys
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()

from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.test import Client  # noqa: E402

from bench.data import analyze  # noqa: E402
from bench.timing import FLOOR_URL, report  # noqa: E402


def run():
    from learning.models import Initiative
    from people.models import OrganisationUnit, Person
    from people.roles import LED_GROUP

    analyze()
    led = Person.objects.filter(groups__name=LED_GROUP).order_by("pk").first()
    busiest = Initiative.objects.annotate(n=Count("evaluations")).order_by("-n", "pk").first()
    branch = OrganisationUnit.objects.filter(depth=2).order_by("path").first()
    staff, anonymous, signed_in = Client(), Client(), Client()
    staff.force_login(led)
    signed_in.force_login(led)
    results = f"/learning/curate/{busiest.pk}/results"
    pages = [
        ("bare page, signed in", signed_in, FLOOR_URL, False),
        ("catalogue export CSV", staff, "/learning/curate/export.csv", False),
        ("catalogue export XLSX", staff, "/learning/curate/export.xlsx", False),
        # `cold`: the cache emptied first, so the file is made afresh each time.
        ("catalogue CSV, cold cache", staff, "/learning/curate/export.csv", True),
        ("catalogue XLSX, cold cache", staff, "/learning/curate/export.xlsx", True),
        ("results CSV", staff, f"{results}.csv", False),
        ("results XLSX", staff, f"{results}.xlsx", False),
        ("management information", staff, "/learning/curate/insights/", False),
        ("MI, a directorate", staff, f"/learning/curate/insights/?unit={branch.pk}", False),
        ("MI CSV", staff, "/learning/curate/insights.csv", False),
    ]
    people = Person.objects.count()
    title = f"{people:,} people, {busiest.n} evaluations of one initiative, {connection.vendor}"
    report(title, pages, anonymous, signed_in)


if __name__ == "__main__":
    run()
