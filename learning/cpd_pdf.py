"""The CPD log as a PDF, one year or the whole log: registered with the shared
PDF mechanism (frontend/documents.py), which builds it in the background when long."""

from django.utils import timezone

from frontend.documents import PdfDocument

from . import access, cpd


def _entries(owner, year, whole_log):
    entries = access.cpd_entries_of(owner)
    return entries if whole_log else cpd.in_year(entries, year)


def context(*, owner, year, whole_log):
    entries = _entries(owner, year, whole_log)
    return {
        "person": owner,
        "entries": entries.select_related("category", "initiative").prefetch_related("evidence"),
        "summary": cpd.summary(access.cpd_entries_of(owner), access.categories(), year),
        "whole_log": whole_log,
        "today": timezone.localdate(),
    }


def size(*, owner, year, whole_log):
    return _entries(owner, year, whole_log).count()


def shows(*, owner, year, whole_log):
    """The CPD log a download holds is the owner's own (their person record)."""
    return owner, owner


def filename(*, year, whole_log):
    part = "" if whole_log else f"-{year}"
    return f"cpd-log{part}-{timezone.localdate().isoformat()}.pdf"


DOCUMENT = PdfDocument(
    kind="cpd-log",
    title="your CPD log",
    item_name="entries",
    template="learning/cpd/log_pdf.html",
    context=context,
    size=size,
    filename=filename,
    shows=shows,
)
