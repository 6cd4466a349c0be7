"""The journal PDF and the CPD log PDF beside the bare page, first and again.

A person with a written journal (every question of four sections answered) and
twelve CPD entries downloads each PDF: "first" empties Django's cache before
each download, so the PDF is laid out every time (the process keeps its URL
fetcher, fonts and stylesheet, as a running server does); "again" downloads the
same unchanged PDF repeatedly. Timed in turns with the bare page (bench/timing.py).
Run with `make bench`, or alone: `python -m bench.pdf_downloads`.
"""

import os
import sys
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.timing import FLOOR_URL, report  # noqa: E402

PARAGRAPH = "Ran the ward huddle for a month and wrote up what changed for handovers. "


@transaction.atomic
def build_person():
    """A person with a journal for this appraisal year (four sections answered in
    full) and twelve CPD entries this year. Returns (person, year)."""
    from careers.journal import services as journal
    from careers.models import Answer, Question
    from learning.models import CPDEntry, LearningCategory
    from people.models import OrganisationUnit, Person

    unit = OrganisationUnit.objects.add_root({"name": "Bench Trust", "kind": "organisation"})
    person = Person.objects.create(
        email="writer@trellis.example", given_name="Bench", family_name="Writer", unit=unit
    )
    year = journal.appraisal_year()
    notes = journal.start_journal(person=person, year=year)
    for state in notes.section_states.select_related("section")[:4]:
        Answer.objects.bulk_create(
            Answer(journal=notes, question=q, text=PARAGRAPH * 3)
            for q in Question.objects.filter(section=state.section)
        )
    category = LearningCategory.objects.first()
    CPDEntry.objects.bulk_create(
        CPDEntry(person=person, title=f"Course {n}", category=category, hours=2,
                 started_on=timezone.localdate(), learned=PARAGRAPH, apply=PARAGRAPH)
        for n in range(12)
    )  # fmt: skip
    return person, year


def run():
    from django.test.utils import setup_databases, teardown_databases

    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        call_command("migrate", verbosity=0)
        person, year = build_person()
        anonymous, signed_in, owner = Client(), Client(), Client()
        signed_in.force_login(person)
        owner.force_login(person)
        journal, cpd = f"/journal/{year}/pdf/", "/learning/cpd/export.pdf"
        pages = [
            ("bare page, signed in", signed_in, FLOOR_URL, False),
            ("journal PDF, first", owner, journal, True),
            ("journal PDF, again", owner, journal, False),
            ("CPD log PDF, first", owner, cpd, True),
            ("CPD log PDF, again", owner, cpd, False),
        ]
        report("PDF downloads", pages, anonymous, signed_in)
    finally:
        teardown_databases(old_config, verbosity=0)


if __name__ == "__main__":
    run()
