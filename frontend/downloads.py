"""One way to make a PDF that grows with a person's data (frontend/documents.py).

Up to settings.PDF_INLINE_MAX_ITEMS items it is built on the request path; above
that, a PdfDownload progress record is queued and the `build_pdf` task (run by
`manage.py run_worker`) builds it, so no request waits for a long render."""

import hashlib
import json

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from . import documents
from .models import PdfDownload
from .pdf import cached_html_to_pdf, html_to_pdf, render_html

UNFINISHED = [PdfDownload.Status.QUEUED, PdfDownload.Status.BUILDING]


def render(*, owner, kind, params, cached=False):
    """The PDF bytes of one registered document, built now; with `cached`, taken from
    Django's cache when `owner` asked for the same, unchanged PDF before (frontend/pdf.py
    `cached_html_to_pdf`). Raises what the document's context() raises (Http404 for a
    record `owner` may not read), always before the cache is looked at."""
    document = documents.get(kind)
    html = render_html(document.template, document.context(owner=owner, **params))
    options = dict(document.pdf_options or {})
    if not cached:
        return html_to_pdf(html, **options)
    key = cache_key(owner=owner, kind=kind, params=params)
    return cached_html_to_pdf(html, key=key, **options)


def cache_key(*, owner, kind, params):
    """Whose PDF (the person downloading it) and which: kind and parameters."""
    which = hashlib.sha256(json.dumps(params, sort_keys=True).encode()).hexdigest()[:32]
    return f"{kind}:{owner.pk}:{which}"


def start(*, owner, kind, params):
    """Ask for a PDF. Returns (bytes, None) when it is small enough to build now (or
    from the cache, when `owner` asked for the same unchanged PDF lately), else
    (None, download): a queued PdfDownload (the one already queued for the same PDF,
    if any, so a second click does not build it twice). A person keeps one
    finished copy of each PDF (kind and parameters, such as the CPD year): asking for
    the same one again removes the earlier copy and its file."""
    document = documents.get(kind)
    items = document.size(owner=owner, **params)
    if items <= settings.PDF_INLINE_MAX_ITEMS:
        return render(owner=owner, kind=kind, params=params, cached=True), None
    with transaction.atomic():
        unfinished = PdfDownload.objects.select_for_update().filter(
            owner=owner, kind=kind, status__in=UNFINISHED
        )
        for download in unfinished:
            if download.params == params:
                return None, download
        _forget_finished(owner=owner, kind=kind, params=params)
        download = PdfDownload.objects.create(
            owner=owner,
            kind=kind,
            params=params,
            items=items,
            filename=document.filename(**params),
        )
        transaction.on_commit(lambda: _enqueue(download.pk))
    return None, download


def _forget_finished(*, owner, kind, params):
    finished = PdfDownload.objects.filter(owner=owner, kind=kind).exclude(status__in=UNFINISHED)
    for download in finished:
        if download.params != params:
            continue  # another year's copy is still on offer
        if download.file:
            download.file.delete(save=False)
        download.delete()


def _enqueue(download_id):
    from .tasks import build_pdf

    build_pdf.enqueue(download_id)


def stopped(reason, download_id):
    """The `build_pdf` task failed or was given up (frontend/worker.py): a download
    still waiting or being made is marked failed, so its page stops waiting."""
    PdfDownload.objects.filter(pk=download_id, status__in=UNFINISHED).update(
        status=PdfDownload.Status.FAILED, error=reason, finished_at=timezone.now()
    )


def build(*, download_id, resume=False):
    """Build a queued download and store its file. Runs once: the first worker to
    claim it builds it; a failure is recorded on the download (and raised, so the
    task result records it too) and never retried. `resume` is for the same task run
    again after its worker stopped mid-build (frontend/worker.py): it may take over a
    download left "being made"."""
    now = timezone.now()
    claimable = UNFINISHED if resume else [PdfDownload.Status.QUEUED]
    claimed = PdfDownload.objects.filter(pk=download_id, status__in=claimable)
    if not claimed.update(status=PdfDownload.Status.BUILDING, started_at=now):
        return None
    download = PdfDownload.objects.select_related("owner").get(pk=download_id)
    try:
        pdf = render(owner=download.owner, kind=download.kind, params=download.params)
    except Exception as error:
        download.status = PdfDownload.Status.FAILED
        download.error = repr(error)[:2000]
        download.finished_at = timezone.now()
        download.save(update_fields=["status", "error", "finished_at"])
        raise
    download.file.save(f"{download.token}.pdf", ContentFile(pdf), save=False)
    download.status = PdfDownload.Status.READY
    download.finished_at = timezone.now()
    download.save(update_fields=["file", "status", "finished_at"])
    return download.pk
