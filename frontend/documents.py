"""PDFs whose length grows with a person's data: each app registers its own here
(in its AppConfig.ready()), and `frontend.downloads.pdf_response` builds them on
the request path when small and in a background task when large."""

from collections.abc import Callable
from dataclasses import dataclass

_DOCUMENTS = {}


@dataclass(frozen=True)
class PdfDocument:
    """One kind of growing PDF.

    `context(owner=, **params)` returns the template context, reading only what
    `owner` may see (it raises Http404 for anything else); `size(owner=, **params)`
    counts the items (`item_name`: "entries", "answers") the PDF will hold;
    `filename(**params)` is the name it downloads under; `shows(owner=, **params)`
    returns `(record, person)`: the record the PDF is made from and whose it is, read
    as `owner` may (Http404 otherwise), so that every download of it by someone other
    than the person is recorded (people/audit.py); `title` names it to the
    person ("your CPD log"); `pdf_options` go to WeasyPrint (frontend/pdf.py), such
    as the appraisal booklet's `{"pdf_variant": "pdf/ua-1"}`.
    `params` must be JSON: the background task receives them from the database."""

    kind: str
    title: str
    item_name: str
    template: str
    context: Callable[..., dict]
    size: Callable[..., int]
    filename: Callable[..., str]
    shows: Callable[..., tuple]
    pdf_options: dict | None = None


def register(document):
    _DOCUMENTS[document.kind] = document


def get(kind):
    return _DOCUMENTS[kind]


def all_documents():
    return list(_DOCUMENTS.values())
