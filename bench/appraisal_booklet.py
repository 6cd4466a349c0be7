"""One full appraisal booklet (about 12 pages) beside WeasyPrint alone.

Times, in one process: the first booklet (fonts and templates loaded), then the
median of BENCH_BOOKLET_REPEAT booklets built the way Trellis builds them (queries,
presenters, templates, WeasyPrint with PDF/UA tagging), each in turns with
WeasyPrint rendering the same HTML string with the same options, URL fetcher and
fonts (frontend/pdf.py keeps them for the process), so drift hits both alike. Then
the peak memory of one booklet (tracemalloc, Python allocations) and the process's
peak resident size, and the time to seal one (pyHanko, with a
throwaway self-signed certificate). Run with `make bench`, or alone:
`python -m bench.appraisal_booklet` (BENCH_BOOKLET_PDF=FILE keeps the booklet).
"""

import os
import resource
import statistics
import sys
import tempfile
import time
import tracemalloc
from datetime import date, timedelta
from pathlib import Path

if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    import django

    django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

REPEAT = int(os.environ.get("BENCH_BOOKLET_REPEAT", "9"))
PARAGRAPH = (
    "Led the move of the outpatient clinic to the new building, kept every list running "
    "and wrote the handover guide the team now uses for new starters. "
)


@transaction.atomic
def build_appraisal():
    """A complete appraisal written in full, with an agreed placement, a plan, shared
    journal sections and CPD entries: the booklet runs to about twelve pages."""
    from appraisals.appraisal.presenters import snapshot_career
    from appraisals.models import (
        Appraisal,
        AppraisalCycle,
        AppraisalObjective,
        ObjectiveReview,
        OrganisationValue,
        RatingLevel,
        Signature,
        ValueDiscussion,
    )  # fmt: skip
    from careers.journal import services as journal
    from careers.models import Answer, DevelopmentPlan, Objective, Placement, PlanAction, Question
    from learning.models import CPDEntry, GrowthDirection, ImpactLevel, LearningCategory
    from people.models import OrganisationUnit, Person

    unit = OrganisationUnit.objects.add_root({"name": "Bench Trust", "kind": "organisation"})
    manager = Person.objects.create(
        email="boss@trellis.example",
        given_name="Bench",
        family_name="Manager",
        job_title="Clinic Manager",
        unit=unit,
    )
    person = Person.objects.create(
        email="appraisee@trellis.example", given_name="Bench", family_name="Appraisee",
        job_title="Outpatient Coordinator", pay_band="5", assignment_number="BENCH-001",
        unit=unit, line_manager=manager,
    )  # fmt: skip
    year = journal.appraisal_year()
    cycle = AppraisalCycle.objects.create(
        name=f"Appraisals {year} to {year + 1}", year=year, opens_on=date(year, 4, 1),
        closes_on=date(year + 1, 3, 31), status="open",
    )  # fmt: skip
    cycle.units.add(unit)
    appraisal = Appraisal.objects.create(
        cycle=cycle, person=person, appraiser=manager, status=Appraisal.Status.COMPLETE,
        self_assessment="\n".join([PARAGRAPH * 2] * 3),
        self_submitted_at=timezone.now(), manager_assessment="\n".join([PARAGRAPH * 2] * 2),
        manager_submitted_at=timezone.now(), meeting_date=timezone.localdate(),
        next_review_date=timezone.localdate() + timedelta(days=180), wellbeing_held=True,
        pay_progression="meets", training_confirmed_by_person=True,
        training_confirmed_by_manager=True, completed_at=timezone.now(),
    )  # fmt: skip
    rating = RatingLevel.objects.order_by("-order").first()
    ValueDiscussion.objects.bulk_create(
        ValueDiscussion(appraisal=appraisal, value=v, examples=PARAGRAPH * 2, rating=rating)
        for v in OrganisationValue.objects.all()
    )
    ObjectiveReview.objects.bulk_create(
        ObjectiveReview(appraisal=appraisal, what=f"Last year {n}: {PARAGRAPH}", outcome="met",
                        comment=PARAGRAPH, order=n)
        for n in range(5)
    )  # fmt: skip
    AppraisalObjective.objects.bulk_create(
        AppraisalObjective(appraisal=appraisal, what=f"Objective {n}: {PARAGRAPH}",
                           measure=PARAGRAPH, due_by=date(year + 1, 3, 1),
                           supports="Outpatients recovery plan", order=n)
        for n in range(8)
    )  # fmt: skip
    Placement.objects.create(
        person=person, year=year, level=ImpactLevel.objects.get(slug="developing"),
        direction=GrowthDirection.objects.get(slug="depth"), evidence=PARAGRAPH * 2,
        target_level=ImpactLevel.objects.get(slug="proven"),
        target_direction=GrowthDirection.objects.get(slug="stretch"),
        target_reason=PARAGRAPH, status="agreed", proposed_by=manager,
    )  # fmt: skip
    plan = DevelopmentPlan.objects.create(person=person, year=year)
    category = LearningCategory.objects.first()
    for n in range(5):
        objective = Objective.objects.create(
            plan=plan, term="short", what=f"Plan objective {n}", why=PARAGRAPH,
            direction=GrowthDirection.objects.first(), category=category,
            target_date=date(year + 1, 1, 1), success_measure=PARAGRAPH,
        )  # fmt: skip
        PlanAction.objects.create(objective=objective, text="Shadow the service manager")
    notes = journal.start_journal(person=person, year=year)
    states = notes.section_states.select_related("section").filter(section__sensitive=False)
    for state in states[:3]:
        Answer.objects.bulk_create(
            Answer(journal=notes, question=q, text=PARAGRAPH)
            for q in Question.objects.filter(section=state.section)
        )
        journal.share_section(state=state, by=person)
    CPDEntry.objects.bulk_create(
        CPDEntry(person=person, title=f"Course {n}", category=category, hours=3,
                 started_on=timezone.localdate(), learned="Handovers",
                 shared_with_manager=True, shared_with=manager)
        for n in range(10)
    )  # fmt: skip
    for signer, role in ((person, "person"), (manager, "appraiser")):
        Signature.objects.create(appraisal=appraisal, signer=signer, role=role,
                                 name=signer.full_name, appraisal_version=1,
                                 content_hash="0" * 64)  # fmt: skip
    appraisal.career_snapshot = snapshot_career(appraisal)
    appraisal.save(update_fields=["career_snapshot"])
    return appraisal


def _ms(since):
    return (time.perf_counter() - since) * 1000


def run():
    from django.test.utils import setup_databases, teardown_databases

    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        call_command("migrate", verbosity=0)
        measure(build_appraisal().pk)
    finally:
        teardown_databases(old_config, verbosity=0)


def measure(appraisal_id):
    from weasyprint import HTML

    from appraisals.booklet import services
    from appraisals.models import Appraisal
    from frontend.pdf import fetcher, font_config, render_html

    def booklet():
        return services.render(Appraisal.objects.get(pk=appraisal_id))

    started = time.perf_counter()
    pdf = booklet()
    first = _ms(started)
    started = time.perf_counter()
    booklet()
    second = _ms(started)

    appraisal = Appraisal.objects.select_related("cycle", "person", "person__unit",
                                                 "appraiser").get(pk=appraisal_id)  # fmt: skip
    html = render_html(services.DOCUMENT.template, services.booklet_context(appraisal))

    def weasyprint_alone():
        return HTML(string=html, url_fetcher=fetcher()).write_pdf(
            font_config=font_config(), **services.PDF_OPTIONS
        )

    trellis, alone = [], []
    for _ in range(REPEAT):
        started = time.perf_counter()
        weasyprint_alone()
        alone.append(_ms(started))
        started = time.perf_counter()
        booklet()
        trellis.append(_ms(started))
    with CaptureQueriesContext(connection) as queries:
        booklet()

    tracemalloc.start()
    booklet()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    if os.environ.get("BENCH_BOOKLET_PDF"):  # to look at it: pdftoppm -png FILE page
        Path(os.environ["BENCH_BOOKLET_PDF"]).write_bytes(pdf)
    seal_ms = _seal_time(pdf)
    pages = _pages(pdf)
    ratio = statistics.median(trellis) / statistics.median(alone)
    print(f"\nAppraisal booklet ({pages} pages, {len(pdf) // 1024} KB) on {connection.vendor}, "
          f"median of {REPEAT}:")  # fmt: skip
    print(f"  {'first booklet in the process':<42} {first:8.0f} ms")
    print(f"  {'second booklet (fonts reused)':<42} {second:8.0f} ms")
    print(f"  {'booklet, as Trellis builds it':<42} {statistics.median(trellis):8.0f} ms"
          f"  ({len(queries)} queries)")  # fmt: skip
    print(f"  {'WeasyPrint alone, same HTML and options':<42} {statistics.median(alone):8.0f} ms")
    print(f"  {'ratio (target at most 1.2x)':<42} {ratio:8.2f}x")
    print(f"  {'peak Python memory of one booklet':<42} {peak:8.1f} MB")
    print(f"  {'peak resident size of the process':<42} {max_rss:8.1f} MB")
    if seal_ms is not None:
        print(f"  {'sealing it (pyHanko, self-signed)':<42} {seal_ms:8.0f} ms")


def _pages(pdf):
    try:
        import io

        from pypdf import PdfReader
    except ImportError:  # pypdf is a dev dependency
        return "?"
    return len(PdfReader(io.BytesIO(pdf)).pages)


def _seal_time(pdf):
    from django.test import override_settings

    from appraisals.booklet import seal
    from appraisals.management.commands.booklet_demo_certificate import make_pair

    with tempfile.TemporaryDirectory() as folder:
        key, cert, passphrase = make_pair(Path(folder))
        with override_settings(BOOKLET_SEAL_KEY=str(key), BOOKLET_SEAL_CERT=str(cert),
                               BOOKLET_SEAL_PASSPHRASE=passphrase):  # fmt: skip
            seal.seal(pdf, reason="bench")  # load the key once
            started = time.perf_counter()
            sealed = seal.seal(pdf, reason="bench")
            took = _ms(started)
            assert seal.check(sealed).ok
    return took


if __name__ == "__main__":
    run()
