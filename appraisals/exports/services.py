"""Bulk booklet exports: asking for one, making its booklets chunk by chunk, and its
progress (docs/adr/0031-bulk-booklet-exports.md). The ZIP is put together, checked and
published by assembly.py.

How the work is shared and survives a killed worker (docs/adr/0022):
- Asking creates one item per appraisal, numbered into chunks of
  settings.BOOKLET_EXPORT_CHUNK, and queues one `build_chunk` task per chunk, in the
  same transaction: every running worker takes chunks, so two workers share the work.
- A chunk makes the booklets of its items still pending, one at a time; each is marked
  done (or failed, with the reason) by a conditional update, so a chunk run again after
  its worker stopped makes only what was not made, and never records a booklet twice.
- The chunk that finds nothing pending left claims the export (building → assembling)
  and queues the one `assemble` task in the same transaction: exactly one runs.
"""

import math

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Count, Q, Subquery
from django.utils import timezone

from frontend.pdf import render_html
from people.models import OrganisationUnit

from .. import access
from ..booklet import services as booklet
from . import rendering
from .models import FOLDER, BookletExport, BookletExportItem

Item = BookletExportItem.Status
UNFINISHED = [BookletExport.Status.QUEUED, BookletExport.Status.BUILDING]


def appraisals_for(*, by, cycle, unit):
    """The appraisals of `cycle` whose person is in `unit` or a unit below it, among
    those `by` may read (appraisals/access.py), in the ZIP's order."""
    # The unit's path as stored: a node read before the tree changed may be out of date.
    path = OrganisationUnit.objects.filter(pk=unit.pk).values("path")
    return (
        access.appraisals_visible_to(by)
        .filter(cycle=cycle, person__unit__path__startswith=Subquery(path))
        .order_by("person__unit__path", "person__family_name", "person__given_name", "pk")
    )


def start(*, by, cycle, unit):
    """Ask for the booklets of `unit` (and below) in `cycle`, for `by` (HR).

    The caller has checked `by` may export `unit` of `cycle` (access.units_in_cycle_for).
    Creates the export and its items in bulk (a fixed number of queries, however many
    people) and queues its chunks. Returns the BookletExport: the one `by` already asked
    for, while it is still being made, rather than a second that would queue the same
    work again (asking twenty times held the workers for minutes). Raises
    ValidationError when nobody there has an appraisal in the cycle."""
    making = (BookletExport.Status.QUEUED, BookletExport.Status.BUILDING,
              BookletExport.Status.ASSEMBLING)  # fmt: skip
    waiting = BookletExport.objects.filter(requested_by=by, cycle=cycle, unit=unit,
                                           status__in=making).first()  # fmt: skip
    if waiting is not None:
        return waiting
    ids = list(appraisals_for(by=by, cycle=cycle, unit=unit).values_list("pk", flat=True))
    if not ids:
        raise ValidationError(f"Nobody in {unit.name} has an appraisal in {cycle.name}.")
    size = max(1, settings.BOOKLET_EXPORT_CHUNK)
    chunks = math.ceil(len(ids) / size)
    from .tasks import build_chunk

    with transaction.atomic():
        export = BookletExport.objects.create(
            requested_by=by, cycle=cycle, unit=unit, total=len(ids), chunks=chunks
        )
        BookletExportItem.objects.bulk_create(
            BookletExportItem(export=export, appraisal_id=pk, chunk=n // size)
            for n, pk in enumerate(ids)
        )
        # The database queue is in the same database: the tasks exist if the export does.
        for chunk in range(chunks):
            build_chunk.enqueue(export.pk, chunk)
    return export


def render_booklet(appraisal):
    """PDF bytes of `appraisal`'s booklet as it stands (a draft is marked draft, as
    the booklet page's download is): HTML built here, PDF made by the rendering child."""
    html = render_html(booklet.DOCUMENT.template, booklet.booklet_context(appraisal))
    return rendering.pdf(html, booklet.PDF_OPTIONS)


def build_chunk(*, export_id, chunk):
    """Make the booklets of one chunk still pending; then, if nothing is pending in the
    whole export, hand it to assembly. Safe to run again. A booklet that cannot be made
    is marked failed with the reason, and the others are still made. Returns how many
    booklets this run made."""
    now = timezone.now()
    BookletExport.objects.filter(pk=export_id, status=BookletExport.Status.QUEUED).update(
        status=BookletExport.Status.BUILDING, started_at=now
    )
    export = BookletExport.objects.filter(pk=export_id).first()
    if export is None or export.status != BookletExport.Status.BUILDING:
        return 0
    pending = BookletExportItem.objects.filter(export_id=export_id, chunk=chunk,
                                               status=Item.PENDING)  # fmt: skip
    made = 0
    for item_id, appraisal_id in pending.values_list("pk", "appraisal_id"):
        made += _make(export, item_id, appraisal_id)
    finish_building(export_id=export_id)
    return made


def _make(export, item_id, appraisal_id):
    still = BookletExportItem.objects.filter(pk=item_id, status=Item.PENDING)
    appraisal = booklet.SEALING.filter(pk=appraisal_id).first()
    try:
        if appraisal is None:
            raise LookupError("The appraisal no longer exists.")
        sealed = booklet.current_seal(appraisal)
        if sealed is not None:  # the signed file itself, never a re-render
            return still.update(status=Item.DONE, sealed=sealed)
        pdf = render_booklet(appraisal)
    except Exception as error:
        still.update(status=Item.FAILED, error=_reason(error))
        return 0
    name = default_storage.save(f"{FOLDER}/{export.token}/parts/{item_id}.pdf", ContentFile(pdf))
    if still.update(status=Item.DONE, file=name):
        return 1
    default_storage.delete(name)  # another run of this chunk recorded it first
    return 0


def chunk_stopped(reason, export_id, chunk):
    """The `build_chunk` task failed or was given up (frontend/worker.py): the chunk's
    booklets not made yet are marked failed with `reason` (HR sees them listed by
    person), and the export goes on to its ZIP with the rest."""
    BookletExportItem.objects.filter(
        export_id=export_id, chunk=chunk, status=Item.PENDING
    ).update(  # fmt: skip
        status=Item.FAILED, error=f"Not made: {reason}"[:500]
    )
    finish_building(export_id=export_id)


def _reason(error):
    """The reason a booklet could not be made, as HR is shown it."""
    return (str(error).strip() or type(error).__name__)[:500]


def finish_building(*, export_id):
    """When no item of the export is pending, move it to assembling and queue the one
    `assemble` task (both or neither). Returns True if this call did."""
    from .tasks import assemble

    if BookletExportItem.objects.filter(export_id=export_id, status=Item.PENDING).exists():
        return False
    with transaction.atomic():
        claimed = BookletExport.objects.filter(pk=export_id, status__in=UNFINISHED).update(
            status=BookletExport.Status.ASSEMBLING
        )
        if claimed:
            assemble.enqueue(export_id)
    return bool(claimed)


# Progress ---------------------------------------------------------------------------


def counts(export):
    """(done, failed) booklets of `export`, from one query."""
    found = BookletExportItem.objects.filter(export=export).aggregate(
        done=Count("pk", filter=Q(status=Item.DONE)),
        failed=Count("pk", filter=Q(status=Item.FAILED)),
    )
    return found["done"], found["failed"]


def failures(export):
    """The items that could not be made, with their person, by name."""
    return (
        BookletExportItem.objects.filter(export=export, status=Item.FAILED)
        .select_related("appraisal__person", "appraisal__person__unit")
        .order_by("appraisal__person__family_name", "appraisal__person__given_name", "pk")
    )


def seconds_left(export, finished, *, now=None):
    """Seconds the rest should take at the pace so far, or None before the first
    booklet (no pace yet)."""
    if not export.started_at or not finished or finished >= export.total:
        return None
    spent = ((now or timezone.now()) - export.started_at).total_seconds()
    return spent / finished * (export.total - finished)
