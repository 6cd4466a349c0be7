"""Every way a PDF of a person's record leaves Trellis, walked: each registered PDF
(frontend/documents.py) built on the request and built in the background then fetched
at /downloads/<uuid>/pdf, and the sealed booklet's files. A download by the person
records nothing; every download by someone else is recorded once, when the file is
sent, and shown to the person on their "who read my records" page in words.

A registered PDF, or a view that sends a file, with no case here fails
`test_every_pdf_download_is_walked`."""

import inspect

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.html import escape

from appraisals.booklet import services as booklet
from frontend import documents, downloads
from frontend.models import PdfDownload
from people.models import RecordView
from tests.factories_booklet import appraisal_for, complete, fill
from tests.factories_careers import AnswerFactory, JournalFactory
from tests.factories_learning import CPDEntryFactory
from tests.test_booklet_check_outcomes import use_certificate


def journal_case(cast):
    journal = JournalFactory(person=cast["owner"])
    AnswerFactory(journal=journal)
    return reverse("journal-pdf", args=[journal.year]), []  # the person's own, only


def cpd_log_case(cast):
    CPDEntryFactory(person=cast["owner"], title="Sepsis study day")
    return reverse("learning:cpd-export-pdf"), []


def booklet_case(cast):
    appraisal = fill(appraisal_for(cast["owner"]), objectives=1)
    url = reverse("appraisals:appraisal-booklet-pdf", args=[appraisal.pk])
    return url, [("line_manager", "Your appraisal booklet (downloaded as a PDF)"),
                 ("hr", "Your appraisal booklet (downloaded as a PDF)")]  # fmt: skip


# kind -> (the URL asking for it, [(another reader, what the person is told)])
DOCUMENTS = {"journal": journal_case, "cpd-log": cpd_log_case, "booklet": booklet_case}
# The views that send a file, by URL name: those above, the fetch of a PDF built in
# the background, the sealed booklet's files, and a CPD entry's evidence file
# (tests/test_learning_cpd.py records its reads).
SENDS_FILES = {"journal-pdf", "learning:cpd-export-pdf", "appraisals:appraisal-booklet-pdf",
               "download-file", "appraisals:appraisal-booklet-sealed",
               "learning:cpd-evidence",
               # One read per person in the ZIP: tests/test_booklet_exports.py
               # test_downloading_records_one_read_of_each_persons_booklet.
               "appraisals:booklet-export-download",
               # HR's subject access copy: tests/test_your_data_access.py
               # test_hr_prepares_a_copy_the_person_is_told_and_the_download_is_a_read.
               "privacy:your-data-download"}  # fmt: skip
SENDING = ("pdf_response(", "FileResponse(", "return _file(")


def url_names(patterns=None, namespace=""):
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            if entry.namespace != "admin":
                yield from url_names(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry.callback


def test_every_pdf_download_is_walked():
    assert {d.kind for d in documents.all_documents()} == set(DOCUMENTS)
    sending = {
        name
        for name, view in url_names()
        if any(word in inspect.getsource(view) for word in SENDING)
    }
    assert sending == SENDS_FILES


def told(client, cast):
    """The person's "who read my records" page."""
    client.force_login(cast["owner"])
    return client.get(reverse("my-reads")).text


def fetch_built(client, response):
    """Build the queued PDF the progress page is for (as the worker would), fetch it."""
    assert response.status_code == 302 and "/downloads/" in response["Location"]
    download = PdfDownload.objects.get(status=PdfDownload.Status.QUEUED)
    downloads.build(download_id=download.pk)
    return client.get(reverse("download-file", args=[download.token]))


@pytest.mark.django_db
@pytest.mark.parametrize("kind", DOCUMENTS)
@pytest.mark.parametrize("background", [False, True], ids=["built-now", "built-in-background"])
def test_each_pdf_download_by_someone_else_is_recorded_and_told(
    client, cast, settings, tmp_path, kind, background
):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PDF_INLINE_MAX_ITEMS = 0 if background else 10_000
    url, readers = DOCUMENTS[kind](cast)

    for role, words in [("owner", None), *readers]:
        client.force_login(cast[role])
        response = client.get(url)
        if background:
            assert not RecordView.objects.filter(viewer=cast[role]).exists()  # not sent yet
            response = fetch_built(client, response)
        assert response["Content-Type"] == "application/pdf"
        reads = RecordView.objects.filter(viewer=cast[role], subject=cast["owner"])
        assert reads.count() == (0 if role == "owner" else 1)
        if words:
            page = told(client, cast)
            assert escape(cast[role].full_name) in page and escape(words) in page
            client.force_login(cast[role])
        PdfDownload.objects.all().delete()  # the next reader's download starts afresh


@pytest.mark.django_db
def test_each_sealed_booklet_download_by_someone_else_is_recorded_and_told(
    client, cast, settings, tmp_path
):
    use_certificate(settings, tmp_path / "seal", "Test Trust")
    settings.MEDIA_ROOT = tmp_path / "media"
    appraisal = complete(fill(appraisal_for(cast["owner"]), objectives=1))
    sealed = booklet.seal_now(appraisal_id=appraisal.pk)
    urls = {
        "Your appraisal booklet (downloaded as a PDF)": reverse(
            "appraisals:appraisal-booklet-pdf", args=[appraisal.pk]
        ),
        "Your sealed appraisal booklet (downloaded as a PDF)": reverse(
            "appraisals:appraisal-booklet-sealed", args=[appraisal.pk, sealed.pk]
        ),
    }
    for words, url in urls.items():
        for role in ("owner", "line_manager", "hr"):
            client.force_login(cast[role])
            assert client.get(url)["Content-Type"] == "application/pdf"
        assert not RecordView.objects.filter(viewer=cast["owner"]).exists()
        assert RecordView.objects.filter(path=url).count() == 2
        assert escape(words) in told(client, cast)
