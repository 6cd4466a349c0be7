"""PDF downloads: built now when small, else a progress page and the file when ready."""

from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django_htmx.http import HttpResponseStopPolling

from people.audit import shown

from . import access, documents, downloads
from .models import PdfDownload


def _shown(request, kind, params):
    """Note that the answer holds the record the PDF is made from: the one way a PDF
    download of a person's record, built now or fetched once built, is recorded as a
    read when the one downloading is not the person (people/audit.py). Raises Http404
    when `request.user` may no longer read it (the document's shows() is scoped)."""
    record, person = documents.get(kind).shows(owner=request.user, **params)
    shown(request, record, person)


def pdf_response(request, kind, **params):
    """What a view returns for a registered PDF (frontend/documents.py): the file
    itself, or a redirect to the progress page of the download building it."""
    pdf, download = downloads.start(owner=request.user, kind=kind, params=params)
    if download is not None:
        return redirect("download-progress", token=download.token)  # nothing read yet
    _shown(request, kind, params)
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = documents.get(kind).filename(**params)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def download_progress(request, token):
    """The page says how the PDF is getting on and updates itself (htmx polls it,
    asking only for a change: 204 while none, 286 to stop once it is finished)."""
    download = get_object_or_404(access.downloads_of(request.user), token=token)
    context = {"download": download, "document": documents.get(download.kind)}
    if not request.htmx:
        return render(request, "frontend/download_progress.html", context)
    if request.GET.get("seen") == download.status:
        return HttpResponse(status=204)
    response = render(request, "frontend/_download_status.html", context)
    if download.finished:
        response.status_code = HttpResponseStopPolling.status_code
    return response


def download_file(request, token):
    download = get_object_or_404(
        access.downloads_of(request.user), token=token, status=PdfDownload.Status.READY
    )
    # Asked again at every fetch: a file built while its owner could read the record
    # is not theirs to keep once they cannot (the document's shows() is scoped to the
    # owner and raises Http404, as its context() did when it was built). The fetch is
    # the read of the record, recorded as any download is.
    _shown(request, download.kind, download.params)
    return FileResponse(
        download.file.open("rb"),
        as_attachment=True,
        filename=download.filename,
        content_type="application/pdf",
    )
