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
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path

from django.conf import settings

from . import checking
from .checking import Outcome, Verdict

__all__ = ["Outcome", "SealNotConfigured", "Verdict", "check", "configured", "seal"]

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


def check(data):
    """The Verdict (checking.py) on the bytes of a file said to be a sealed booklet,
    checked against this organisation's certificates within bounded time and memory.
    Never raises: a file that is not a PDF, is damaged, or cannot be checked within
    the bounds is a Verdict saying so."""
    return checking.check(data, [cert.dump() for cert in _trust_roots()])
