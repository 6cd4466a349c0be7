"""The reflection journal as a PDF: registered with the shared PDF mechanism
(frontend/documents.py), like every PDF that grows with a person's data."""

from django.http import Http404

from frontend.documents import PdfDocument

from .. import access
from .presenters import journal_sections


def _journal(owner, year):
    """`owner`'s journal of `year`, with `owner` as its person (the PDF names them)."""
    journal = access.own_journal(owner, year)
    if journal is None:
        raise Http404("No journal for that year.")
    return journal


def context(*, owner, year):
    journal = _journal(owner, year)
    return {"journal": journal, "sections": journal_sections(journal)}


def size(*, owner, year):
    return _journal(owner, year).answers.count()


def shows(*, owner, year):
    """The journal a download holds, and whose: only ever the owner's own."""
    return _journal(owner, year), owner


def filename(*, year):
    return f"reflection-journal-{year}-{year + 1}.pdf"


DOCUMENT = PdfDocument(
    kind="journal",
    title="your reflection journal",
    item_name="answers",
    template="careers/journal_pdf.html",
    context=context,
    size=size,
    filename=filename,
    shows=shows,
)
