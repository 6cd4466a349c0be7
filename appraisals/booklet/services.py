"""Booklet rules: what a booklet holds, the draft a reader asks for, and sealing a
complete appraisal's booklet (docs/adr/0028-sealed-booklet.md).

- The booklet of an appraisal that is not complete is a draft, marked "Draft – not
  signed" on every page, rendered when someone asks for it.
- On completion the booklet is rendered once in a background task, sealed with the
  organisation's certificate (seal.py) and kept as a SealedBooklet: the file
  everyone downloads from then on. A reopened appraisal's earlier sealed booklets
  stay, marked superseded, and still verify.
- With no certificate configured nothing is sealed or kept: a complete appraisal's
  booklet is rendered on request, marked "Not sealed", and the page says why.
"""

import hashlib
import logging

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from frontend import downloads
from frontend.documents import PdfDocument
from people.sql import Compiled

from .. import access
from ..appraisal import presenters
from ..models import Appraisal, SealedBooklet
from . import registry, seal

log = logging.getLogger(__name__)

KIND = "booklet"
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1"}  # tagged, with title and language (PDF/UA-1)
LANGUAGE = "en-GB"


def is_draft(appraisal):
    return appraisal.status != Appraisal.Status.COMPLETE


def booklet_context(appraisal):
    """Everything the booklet template (PDF and preview) needs: the cover, each
    section's part and the PDF's metadata (title, author, subject, language)."""
    cover = presenters.cover(appraisal)
    authors = [cover.person, *([cover.appraiser] if cover.appraiser else [])]
    return {
        "appraisal": appraisal,
        "cover": cover,
        "parts": registry.parts(appraisal),
        "draft": is_draft(appraisal),
        "sealing": seal.configured(),
        "title": f"Appraisal booklet: {cover.person}, {cover.cycle}",
        "author": " and ".join(authors),
        "subject": f"Values-based appraisal, {cover.year}",
        "language": LANGUAGE,
    }


def filename(*, appraisal):
    return f"appraisal-booklet-{appraisal}.pdf"


# The booklet as a registered PDF (frontend/documents.py): the bound, the queue and
# the progress page for a long one come with it.


def _pdf_context(*, owner, appraisal):
    found = access.visible_appraisal(owner, appraisal)
    return booklet_context(found)


def _size(*, owner, appraisal):
    found = access.visible_appraisal(owner, appraisal)
    return found.objectives.count() + found.objective_reviews.count() + found.values.count()


def _shows(*, owner, appraisal):
    found = access.visible_appraisal(owner, appraisal)
    return found, found.person


DOCUMENT = PdfDocument(
    kind=KIND,
    title="the appraisal booklet",
    item_name="objectives and values",
    template="appraisals/booklet/booklet_pdf.html",
    context=_pdf_context,
    size=_size,
    filename=filename,
    shows=_shows,
    pdf_options=PDF_OPTIONS,
)


def render(appraisal):
    """The booklet of `appraisal` as PDF bytes, as its person would be given it."""
    return downloads.render(owner=appraisal.person, kind=KIND, params={"appraisal": appraisal.pk})


# Sealing --------------------------------------------------------------------------------


SEALING = Appraisal.objects.select_related("cycle", "person", "person__unit", "appraiser")


_sealed = Compiled(lambda appraisal: SealedBooklet.objects.filter(appraisal=appraisal))


def sealed_booklets(appraisal):
    """Every sealed booklet of `appraisal`, newest first (SealedBooklet's order): one
    query compiled once (people.sql.Compiled)."""
    return _sealed.objects(appraisal=appraisal.pk)


def current_seal(appraisal, among=None):
    """The sealed booklet of a complete appraisal as it stands, or None (not complete,
    not sealed yet, or no certificate). `among`: every sealed booklet of the appraisal,
    newest first, when the caller has read them already (no query then)."""
    if is_draft(appraisal):
        return None
    if among is not None:
        return next((s for s in among if s.appraisal_version == appraisal.version
                     and s.superseded_at is None), None)  # fmt: skip
    return appraisal.sealed_booklets.filter(
        appraisal_version=appraisal.version, superseded_at__isnull=True
    ).first()


def seal_on_completion(appraisal):
    """Seal the booklet of `appraisal`, which has just become complete: queue the
    `seal_booklet` task (rendering takes seconds). Called by the appraisal's
    services in `transaction.on_commit`. Nothing is queued without a certificate."""
    if not seal.configured():
        log.warning("Appraisal %s is complete but no booklet seal is configured", appraisal.pk)
        return None
    from .tasks import seal_booklet

    return seal_booklet.enqueue(appraisal.pk)


def sealing_stopped(reason, appraisal_id):
    """The `seal_booklet` task failed or was given up (frontend/worker.py): recorded on
    the appraisal, so its booklet page says the booklet could not be sealed and offers
    it unsealed, instead of "being made" for ever."""
    Appraisal.objects.filter(pk=appraisal_id).update(seal_error=reason[:500])


def seal_now(*, appraisal_id):
    """Render, seal and keep the booklet of appraisal `appraisal_id` as it stands.

    Safe to run again (a worker that stopped, a second click): nothing is done when
    the appraisal is no longer complete (reopened), or its version is already sealed,
    or it changed while the booklet was being rendered. Earlier sealed booklets of
    the appraisal are marked superseded, never deleted. Returns the SealedBooklet,
    or None when there was nothing to do."""
    appraisal = SEALING.filter(pk=appraisal_id).first()
    if appraisal is None or is_draft(appraisal):
        return None
    version = appraisal.version
    if appraisal.sealed_booklets.filter(appraisal_version=version).exists():
        return None
    sealed_pdf = seal.seal(render(appraisal), reason=f"Appraisal complete: {appraisal}")
    digest = hashlib.sha256(sealed_pdf).hexdigest()
    with transaction.atomic():
        locked = Appraisal.objects.select_for_update().get(pk=appraisal_id)
        if locked.version != version or is_draft(locked):
            return None
        if locked.sealed_booklets.filter(appraisal_version=version).exists():
            return None
        now = timezone.now()
        locked.sealed_booklets.filter(superseded_at__isnull=True).update(superseded_at=now)
        booklet = SealedBooklet(appraisal=locked, appraisal_version=version, sha256=digest)
        booklet.file.save(f"appraisal-{appraisal_id}-v{version}.pdf", ContentFile(sealed_pdf),
                          save=False)  # fmt: skip
        booklet.sealed_at = now
        booklet.save()
        Appraisal.objects.filter(pk=appraisal_id).exclude(seal_error="").update(seal_error="")
    return booklet


def find_sealed(data, user):
    """The sealed booklet whose file is exactly `data`, among those `user` may see."""
    digest = hashlib.sha256(data).hexdigest()
    visible = access.appraisals_visible_to(user)
    return (
        SealedBooklet.objects.filter(sha256=digest, appraisal__in=visible)
        .select_related("appraisal__person", "appraisal__cycle")
        .first()
    )
