"""The read audit of the generated years: who opened whose records, and when.

Every read of another person's record is written to people.RecordView (people/audit.py),
so a trust that keeps its audit for years holds far more of these rows than of anything
else: a line manager opens each report's career record, shared journal or plan at
their one-to-ones, and HR opens a person's record now and then. The admin's list of
reads and a person's own "who has looked at my records" page must stay quick at that
size, so the generated organisation has it too.
"""

from datetime import datetime, timedelta
from itertools import batched

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from careers.models import Journal
from people.models import Person, RecordView
from people.navigation import url_for

BATCH = 5000
# Reads of a person's records a year: by their line manager (about monthly), by HR.
MANAGER_READS_A_YEAR = 10
HR_READS_A_YEAR = 1


def insert_record_views(rng, person_years, managers, hr, journals, today):
    """Reads for each of `person_years` ((person pk, year) pairs): MANAGER_READS_A_YEAR by
    the person's line manager (in `managers`, person pk to manager pk), alternately of
    their journal that year (from `journals`, Journal rows) and of their career record,
    and HR_READS_A_YEAR by one of `hr` (Person rows), each at a moment of that appraisal
    year up to `today`. Written a batch at a time, not built whole in memory first (a
    million rows at 20,000 people over 5 years). Returns how many were written."""
    journal_type = ContentType.objects.get_for_model(Journal).pk
    person_type = ContentType.objects.get_for_model(Person).pk
    journal_of = {(j.person_id, j.year): j.pk for j in journals}
    hr_keys = [p.pk for p in hr]
    kinds = journal_type, person_type
    rows = _reads(rng, person_years, managers, hr_keys, journal_of, today, kinds)
    written = 0
    for batch in batched(rows, BATCH):
        RecordView.objects.bulk_create(batch)
        written += len(batch)
    return written


def _reads(rng, person_years, managers, hr_keys, journal_of, today, kinds):
    journal_type, person_type = kinds
    shared_url = url_for("shared-journal")
    for person, year in person_years:
        manager = managers.get(person)
        reads = [manager] * MANAGER_READS_A_YEAR if manager else []
        # A person's own reads are not recorded (people/audit.py): HR reads someone else.
        others = [pk for pk in hr_keys if pk != person]
        reads += [rng.choice(others) for _ in range(HR_READS_A_YEAR)] if others else []
        for n, viewer in enumerate(reads):
            journal = journal_of.get((person, year))
            if viewer == manager and journal and n % 2:
                kind, key, path = journal_type, journal, shared_url(person)
            else:
                kind, key, path = person_type, person, f"/career/{person}/"
            yield RecordView(
                viewer_id=viewer,
                subject_id=person,
                content_type_id=kind,
                object_id=str(key),
                viewed_at=_moment(rng, year, today),
                path=path,
            )


def _moment(rng, year, today):
    """A moment in working hours (8:00 to 18:00) of a day of the appraisal year starting
    1 April `year`, not after `today`."""
    start = datetime(year, 4, 1)
    last = min(datetime.combine(today, datetime.min.time()), start + timedelta(days=364))
    day = start + timedelta(days=rng.randint(0, max(0, (last - start).days)))
    return timezone.make_aware(day + timedelta(minutes=rng.randint(8 * 60, 18 * 60)))
