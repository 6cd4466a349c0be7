"""The organisation's seal on a booklet, and checking one: pyHanko signs and
validates (PAdES); nothing here writes PDF signature structures by hand.

The certificate and key come from settings (BOOKLET_SEAL_CERT, BOOKLET_SEAL_KEY,
BOOKLET_SEAL_PASSPHRASE: paths and a passphrase from the environment). The
certificate is also the trust root a booklet is checked against, with any further
certificates in BOOKLET_SEAL_CERT (an issuing CA's chain) and BOOKLET_SEAL_TRUST.
`make run` makes a self-signed demo pair (manage.py booklet_demo_certificate).
See docs/adr/0028-sealed-booklet.md.
"""

import asyncio
import io
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from pathlib import Path

from django.conf import settings

log = logging.getLogger(__name__)
# A seal by another certificate is an answer `check` gives, not a fault: pyHanko would
# log it as a warning with a traceback.
logging.getLogger("pyhanko.sign.validation").setLevel(logging.ERROR)

FIELD_NAME = "TrellisSeal"


def _outside_any_event_loop(work):
    """Run `work()`, in a thread of its own when this one runs an event loop: pyHanko's
    synchronous calls start their own loop (asyncio.run), which a running loop refuses."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return work()
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(work).result()


class SealNotConfigured(Exception):
    """No organisation certificate is configured: booklets are not sealed."""


def configured():
    """True when a certificate and key are named and both files exist."""
    cert, key = settings.BOOKLET_SEAL_CERT, settings.BOOKLET_SEAL_KEY
    return bool(cert and key and Path(cert).is_file() and Path(key).is_file())


@lru_cache(maxsize=4)
def _signer(key, cert, passphrase):
    from pyhanko.sign import signers

    return signers.SimpleSigner.load(
        key, cert, key_passphrase=passphrase.encode() if passphrase else None
    )


def _trust_roots():
    from pyhanko.keys import load_certs_from_pemder

    files = [settings.BOOKLET_SEAL_CERT, *settings.BOOKLET_SEAL_TRUST]
    return [c for f in files if f and Path(f).is_file() for c in load_certs_from_pemder([f])]


def seal(pdf, *, reason, location=""):
    """`pdf` (bytes) signed with the organisation's certificate: an incremental
    update holding a PAdES signature over the whole file. Raises SealNotConfigured
    when there is no certificate."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers
    from pyhanko.sign.fields import SigSeedSubFilter

    if not configured():
        raise SealNotConfigured
    signer = _signer(
        str(settings.BOOKLET_SEAL_KEY),
        str(settings.BOOKLET_SEAL_CERT),
        settings.BOOKLET_SEAL_PASSPHRASE,
    )
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        reason=reason,
        location=location or None,
        subfilter=SigSeedSubFilter.PADES,
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    return _outside_any_event_loop(
        lambda: signers.sign_pdf(writer, meta, signer=signer)
    ).getvalue()


@dataclass(frozen=True)
class Verdict:
    """What a check of a file found.

    `sealed`: it carries a seal; `intact`: not one byte changed since sealing (and
    nothing appended after it); `trusted`: sealed with this organisation's
    certificate. `ok` only when all three hold."""

    sealed: bool
    intact: bool
    trusted: bool
    sealed_by: str = ""
    sealed_at: datetime | None = None
    problem: str = ""

    @property
    def ok(self):
        return self.sealed and self.intact and self.trusted


def check(data):
    """Check the bytes of a file said to be a sealed booklet. Never raises: a file
    that is not a PDF, or is damaged, is a Verdict with `problem` saying why."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    try:
        signatures = PdfFileReader(io.BytesIO(data), strict=False).embedded_signatures
    except Exception as error:  # any damage to the file is a failed check, not a crash
        log.info("Booklet check: unreadable file: %r", error)
        return Verdict(False, False, False, problem="The file is not a readable PDF.")
    if not signatures:
        return Verdict(False, False, False, problem="The file carries no seal.")
    try:
        context = ValidationContext(trust_roots=_trust_roots(), allow_fetching=False)
        status = _outside_any_event_loop(lambda: validate_pdf_signature(signatures[-1], context))
    except Exception as error:
        log.info("Booklet check: damaged seal: %r", error)
        return Verdict(True, False, False, problem="The file's seal is damaged.")
    whole = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    unchanged = status.modification_level in (None, ModificationLevel.NONE)
    intact = bool(status.intact and status.valid and whole and unchanged)
    problem = ""
    if not intact:
        problem = "The file has been changed since it was sealed."
    elif not status.trusted:
        problem = "The seal is not this organisation's certificate."
    return Verdict(
        sealed=True,
        intact=intact,
        trusted=bool(status.trusted),
        sealed_by=status.signing_cert.subject.human_friendly,
        sealed_at=status.signer_reported_dt,
        problem=problem,
    )
