"""Putting an export's ZIP together, checking it and publishing it; and the clean-up
that removes expired exports and any file nothing refers to
(docs/adr/0031-bulk-booklet-exports.md).

The ZIP is written to a local temporary file, checked, then stored under a name no
record refers to; only then does one conditional update set the export's `file` and
make it ready. A worker killed at any point before that update leaves a file nobody is
offered, which the clean-up removes."""

import contextlib
import os
import re
import shutil
import tempfile
import unicodedata
import uuid
import zipfile
from datetime import timedelta

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.utils import timezone

from frontend.storage import remove_unreferenced
from frontend.text import single_line

from .models import FOLDER, BookletExport, BookletExportItem

Status = BookletExport.Status
Item = BookletExportItem.Status
COPY_BUFFER = 1024 * 1024


class ZipCheckFailed(Exception):
    """The ZIP just written is not what it should be: it is not published."""


def assemble(*, export_id):
    """Write, check and publish the ZIP of an export that is assembling. Safe to run
    again: a second run writes its own ZIP, and only one run's publishing update can
    succeed (the other's file is deleted). Returns the export's id once ready, or None.
    Raises (after marking the export failed) when the ZIP cannot be made or fails its
    check."""
    export = BookletExport.objects.filter(pk=export_id, status=Status.ASSEMBLING).first()
    if export is None:
        return None
    items = list(
        BookletExportItem.objects.filter(export=export, status=Item.DONE)
        .select_related("appraisal__person__unit", "sealed")
        .order_by("appraisal__person__unit__path", "appraisal__person__family_name",
                  "appraisal__person__given_name", "pk")
    )  # fmt: skip
    if not items:
        _fail(export_id, "None of the booklets could be made.")
        return None
    try:
        with tempfile.TemporaryFile(suffix=".zip") as temporary:
            names = write_zip(temporary, items)
            check(temporary, names, expected=len(items))
            temporary.seek(0)
            name = default_storage.save(
                f"{FOLDER}/{export.token}/{uuid.uuid4().hex}.zip", File(temporary)
            )
    except Exception as error:
        _fail(export_id, f"The ZIP could not be made: {error}")
        raise
    if not publish(export_id=export_id, name=name):
        default_storage.delete(name)
        return None
    _delete_parts(items)
    return export_id


def publish(*, export_id, name):
    """Offer the checked ZIP stored as `name`: one conditional update sets the export's
    file and makes it ready, so it is offered whole or not at all. False if another run
    published first (or the export is no longer assembling)."""
    now = timezone.now()
    return bool(
        BookletExport.objects.filter(pk=export_id, status=Status.ASSEMBLING).update(
            status=Status.READY, file=name, finished_at=now, expires_at=now + keep_for()
        )
    )


def keep_for():
    return timedelta(days=settings.BOOKLET_EXPORT_KEEP_DAYS)


def stopped(reason, export_id):
    """The `assemble` task failed or was given up (frontend/worker.py): the export is
    marked failed with `reason`, so the progress page stops waiting."""
    _fail(export_id, f"The ZIP could not be put together. {reason}")


def _fail(export_id, reason):
    BookletExport.objects.filter(pk=export_id, status=Status.ASSEMBLING).update(
        status=Status.FAILED, error=reason[:2000], finished_at=timezone.now(),
        expires_at=timezone.now() + keep_for(),
    )  # fmt: skip


def _delete_parts(items):
    for item in items:
        if item.file:
            item.file.delete(save=False)


# The ZIP -------------------------------------------------------------------------------

_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')


def safe_name(text, fallback):
    """`text` as a file or folder name any system opens: no path separators, no
    characters Windows refuses, no leading dots, at most 100 characters."""
    # single_line also drops the controls that reorder text ("\u202egnp.exe").
    cleaned = _UNSAFE.sub(" ", unicodedata.normalize("NFC", single_line(text or "")))
    cleaned = " ".join(cleaned.split()).strip(". ")[:100].strip(". ")
    return cleaned or fallback


def booklet_name(person):
    """ "Family Given – 12345678.pdf" (without the number when the person has none)."""
    name = f"{person.family_name} {person.given_name}"
    if person.assignment_number:
        name += f" – {person.assignment_number}"
    return safe_name(name, f"Person {person.pk}")


def _unique(name, taken):
    candidate, n = name, 1
    while candidate.casefold() in taken:
        n += 1
        candidate = f"{name} ({n})"
    taken.add(candidate.casefold())
    return candidate


def write_zip(target, items):
    """Write the ZIP of `items` (done, in order) to the open binary file `target`: one
    folder per unit, one PDF per person, names made unique. PDFs are stored, not
    compressed (they are compressed already). Returns the member names."""
    folders, taken, names = {}, set(), []
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_STORED) as archive:
        for item in items:
            person = item.appraisal.person
            unit = person.unit
            if unit.pk not in folders:
                folders[unit.pk] = _unique(safe_name(unit.name, f"Unit {unit.pk}"), taken)
            name = _unique(f"{folders[unit.pk]}/{booklet_name(person)}", taken) + ".pdf"
            source = item.sealed.file if item.sealed_id else item.file
            with source.open("rb") as src, archive.open(name, "w", force_zip64=True) as dst:
                shutil.copyfileobj(src, dst, COPY_BUFFER)
            names.append(name)
    return names


def check(target, names, *, expected):
    """Read the ZIP in `target` back: every member's checksum, exactly `names` and
    `expected` of them, each a PDF. Raises ZipCheckFailed."""
    target.seek(0)
    with zipfile.ZipFile(target) as archive:
        broken = archive.testzip()
        if broken is not None:
            raise ZipCheckFailed(f"{broken} is damaged")
        members = archive.namelist()
        if len(members) != expected or sorted(members) != sorted(names):
            raise ZipCheckFailed(f"it holds {len(members)} files, not {expected}")
        for member in members:
            with archive.open(member) as opened:
                if opened.read(5) != b"%PDF-":
                    raise ZipCheckFailed(f"{member} is not a PDF")


# The clean-up --------------------------------------------------------------------------


def clean_up(*, now=None):
    """Remove expired exports (their ZIP and their rows), and every file under the
    exports folder that no export refers to and that is older than
    TASK_STUCK_AFTER_SECONDS (a file younger than that may belong to a task still
    running). Safe beside workers and other clean-ups. Returns (exports removed,
    files removed)."""
    now = now or timezone.now()
    expired = BookletExport.objects.filter(expires_at__lt=now)
    removed = 0
    for export in expired.only("pk", "file"):
        if export.file:
            export.file.delete(save=False)
        deleted, _ = BookletExport.objects.filter(pk=export.pk).delete()
        removed += bool(deleted)
    grace = timedelta(seconds=settings.TASK_STUCK_AFTER_SECONDS)
    return removed, _remove_unreferenced(now - grace)


def _referenced():
    published = BookletExport.objects.exclude(file="").values_list("file", flat=True)
    working = (
        BookletExportItem.objects.filter(export__status__in=[Status.QUEUED, Status.BUILDING,
                                                             Status.ASSEMBLING])
        .exclude(file="")
        .values_list("file", flat=True)
    )  # fmt: skip
    return set(published) | set(working)


def _remove_unreferenced(older_than):
    return remove_unreferenced(FOLDER, _referenced(), older_than)


def _remove_if_empty(folder):
    with contextlib.suppress(NotImplementedError, OSError):
        os.rmdir(default_storage.path(folder))  # local storage only; others have no folders
