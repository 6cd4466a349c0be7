"""Building a person's ZIP in the background, checking it, publishing it, and the
clean-up of expired ZIPs (docs/adr/0037-your-data.md; the pattern of HR's booklet
exports, docs/adr/0031, whose helpers it reuses).

The ZIP is written to a local temporary file, checked, then stored under a name no
record refers to; only then does one conditional update set the export's `file` and
make it ready. A worker killed before that leaves a file nobody is offered (the
clean-up removes it), and the task, queued again by the worker's recovery
(docs/adr/0022), builds the whole ZIP again: one person's data is small enough not to
need the booklet exports' chunks."""

import json
import shutil
import tempfile
import uuid
import zipfile
from datetime import timedelta

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.utils import timezone

from appraisals.exports import rendering
from appraisals.exports.assembly import COPY_BUFFER, ZipCheckFailed
from frontend.exports import csv_text
from frontend.pdf import render_html
from frontend.storage import remove_unreferenced
from people.equality.models import VIEW_PERMISSION as VIEW_EQUALITY

from . import gather, presenters
from .models import FOLDER, DataExport

Status = DataExport.Status
SUMMARY = "Your data – summary.pdf"
README = "README.txt"
STEPS = len(gather.AREAS) + 1  # each area, then the summary PDF


def keep_for():
    return timedelta(days=settings.YOUR_DATA_KEEP_DAYS)


def build(*, export_id):
    """Gather the person's data, write and check the ZIP, and publish it. Safe to run
    again (a rerun writes its own ZIP; only one publishing update can succeed). Returns
    the export's id once ready, or None. Raises, after marking the export failed, when
    the ZIP cannot be made."""
    now = timezone.now()
    claimed = DataExport.objects.filter(
        pk=export_id, status__in=[Status.QUEUED, Status.BUILDING]
    ).update(status=Status.BUILDING, started_at=now, done=0, total=STEPS)
    export = (
        DataExport.objects.select_related("person", "requested_by").filter(pk=export_id).first()
    )
    if not claimed or export is None:
        return None
    try:
        areas = []
        for step, gather_area in enumerate(gather.AREAS, start=1):
            areas.append(withheld_from(export, gather_area(export.person)))
            DataExport.objects.filter(pk=export_id).update(done=step)
        summary = summary_pdf(export.person, areas)
        DataExport.objects.filter(pk=export_id).update(done=STEPS)
        with tempfile.TemporaryFile(suffix=".zip") as temporary:
            names = write_zip(temporary, areas, summary)
            check(temporary, names)
            temporary.seek(0)
            name = default_storage.save(
                f"{FOLDER}/{export.token}/{uuid.uuid4().hex}.zip", File(temporary)
            )
    except Exception as error:
        fail(export_id, f"{error}".strip() or type(error).__name__)
        raise
    if not publish(export_id=export_id, name=name):
        default_storage.delete(name)
        return None
    return export_id


def withheld_from(export, area):
    """`area` without what the person who asked may not read: a copy HR prepares holds
    the person's equality monitoring answers only if the preparer has the permission to
    read them (docs/adr/0033); the person's own copy always does."""
    asker = export.requested_by
    if export.person_id != asker.pk and not asker.has_perm(VIEW_EQUALITY):
        area.tables.pop("equality_monitoring", None)
    return area


def summary_pdf(person, areas):
    """The readable PDF of everything gathered (NHS.UK print styling, tagged PDF/UA-1)."""
    html = render_html("privacy/your_data/summary_pdf.html", presenters.summary(person, areas))
    return rendering.pdf(html, {})


def publish(*, export_id, name):
    """Offer the checked ZIP stored as `name` (one conditional update). False if
    another run published first."""
    now = timezone.now()
    return bool(
        DataExport.objects.filter(pk=export_id, status=Status.BUILDING).update(
            status=Status.READY, file=name, finished_at=now, expires_at=now + keep_for()
        )
    )


def stopped(reason, export_id):
    """The `build` task failed or was given up (frontend/worker.py): the copy is
    marked failed with `reason`, so its progress page stops waiting."""
    fail(export_id, reason)


def fail(export_id, reason):
    now = timezone.now()
    DataExport.objects.filter(pk=export_id, status__in=[Status.QUEUED, Status.BUILDING]).update(
        status=Status.FAILED, error=reason[:2000], finished_at=now, expires_at=now + keep_for()
    )


def _cell(raw):
    return json.dumps(raw, ensure_ascii=False) if isinstance(raw, (list, dict)) else raw


def csv_rows(rows):
    """A table's rows as CSV rows, its header first (empty table: no header known)."""
    if not rows:
        return []
    header = list(rows[0])
    return [header, *([_cell(row[key]) for key in header] for row in rows)]


def write_zip(target, areas, summary):
    """Write the ZIP to the open binary file `target`: README, the summary PDF, one JSON
    file per area, one CSV file per table, and the stored files under files/.
    Returns the member names."""
    names = []
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:

        def put(name, data):
            archive.writestr(name, data)
            names.append(name)

        put(README, presenters.readme(areas))
        put(SUMMARY, summary)
        for area in areas:
            put(f"json/{area.key}.json",
                json.dumps(area.tables, ensure_ascii=False, indent=2))  # fmt: skip
            for table, rows in area.tables.items():
                put(f"csv/{table}.csv", csv_text(csv_rows(rows)))
            for name, stored in area.files.items():
                member = f"files/{name}"
                with stored.open("rb") as src, archive.open(member, "w", force_zip64=True) as dst:
                    shutil.copyfileobj(src, dst, COPY_BUFFER)
                names.append(member)
    return names


def check(target, names):
    """Read the ZIP back: every checksum, exactly `names`, the summary a PDF. Raises
    ZipCheckFailed."""
    target.seek(0)
    with zipfile.ZipFile(target) as archive:
        broken = archive.testzip()
        if broken is not None:
            raise ZipCheckFailed(f"{broken} is damaged")
        if sorted(archive.namelist()) != sorted(names):
            raise ZipCheckFailed("it does not hold the files written")
        with archive.open(SUMMARY) as opened:
            if opened.read(5) != b"%PDF-":
                raise ZipCheckFailed("the summary is not a PDF")


# The clean-up ------------------------------------------------------------------------


def clean_up(*, now=None):
    """Remove expired exports (their ZIP and their row; the subject access request they
    answered is kept) and every file under the folder that no export refers to and is
    older than TASK_STUCK_AFTER_SECONDS (younger, it may be a build still running).
    Runs in the worker's periodic loop (frontend run_worker's every_few_minutes), as
    the booklet exports' clean-up does. Returns (exports removed, files removed)."""
    now = now or timezone.now()
    removed = 0
    for export in DataExport.objects.filter(expires_at__lt=now).only("pk", "file"):
        if export.file:
            export.file.delete(save=False)
        deleted, _ = DataExport.objects.filter(pk=export.pk).delete()
        removed += bool(deleted)
    older_than = now - timedelta(seconds=settings.TASK_STUCK_AFTER_SECONDS)
    referenced = set(DataExport.objects.exclude(file="").values_list("file", flat=True))
    return removed, remove_unreferenced(FOLDER, referenced, older_than)
