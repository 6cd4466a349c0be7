"""Checking a file said to be a sealed booklet, within bounds: pyHanko validates the
seal (PAdES) in a child Python process with a memory limit (RLIMIT_AS) and a time
limit, so
a file built to exhaust the server (a compressed stream of hundreds of megabytes of
zeros, under the 5 MB upload cap) is refused in seconds, never a hung worker or a 500.

Nothing here reads settings or the database: the child is given the file's bytes and
the trusted certificates (DER), and gives back a Verdict. seal.check is the caller.
See docs/adr/0028-sealed-booklet.md.
"""

import base64
import io
import json
import logging
import resource
import subprocess
import sys
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from pathlib import Path

log = logging.getLogger(__name__)

# A sealed PDF of over 400 KB (about 100 pages) checks in about a second within a
# 256 MB limit (measured); these leave room for a longer one and stop a hostile one.
SECONDS = 10
MEMORY_BYTES = 512 * 1024 * 1024
# The folder `python -m appraisals.booklet.checking` imports from.
PROJECT = Path(__file__).resolve().parents[2]


class Outcome(StrEnum):
    INTACT = "intact"
    ALTERED = "altered"
    NOT_SEALED = "not-sealed"
    NOT_PDF = "not-pdf"
    SEAL_DAMAGED = "seal-damaged"
    OTHER_CERTIFICATE = "other-certificate"
    NOT_CHECKED = "not-checked"


# What each outcome means, in the words the check page and verify_booklet use: a
# heading, and what it means for the person holding the file. Nothing is claimed
# about a certificate the check could not rely on.
WORDS = {
    Outcome.INTACT: (
        "The booklet is intact",
        "Not one byte of this file has changed since it was sealed with this "
        "organisation's certificate.",
    ),
    Outcome.ALTERED: (
        "The file was changed after it was sealed",
        "This file is not the booklet as it was sealed: something in it was changed, "
        "added or removed afterwards, so what it says cannot be relied on. Who sealed "
        "it and when cannot be checked. Download the booklet again from Trellis.",
    ),
    Outcome.NOT_SEALED: (
        "The file is not sealed",
        "This PDF carries no seal, so there is no way to tell whether it is a booklet "
        "from Trellis or whether it has been changed. Only a complete appraisal's "
        "booklet is sealed.",
    ),
    Outcome.NOT_PDF: (
        "The file could not be read as a PDF",
        "It may be damaged, or it may not be a PDF at all. Check you chose the right file.",
    ),
    Outcome.SEAL_DAMAGED: (
        "The file's seal is damaged",
        "The file carries a seal, but the seal itself cannot be read, so the file "
        "cannot be relied on. Download the booklet again from Trellis.",
    ),
    Outcome.OTHER_CERTIFICATE: (
        "The file was sealed by someone else",
        "The file has not changed since it was sealed, but it was not sealed with this "
        "organisation's certificate, so nothing vouches for who sealed it or what it "
        "says. A booklet from Trellis is sealed with this organisation's certificate.",
    ),
    Outcome.NOT_CHECKED: (
        "This file could not be checked",
        "Checking it would take more time or memory than Trellis allows for one file, "
        "so nothing is known about it. A booklet from Trellis checks in seconds: "
        "download the booklet again from Trellis and check that copy.",
    ),
}


@dataclass(frozen=True)
class Verdict:
    """What a check of a file found: its `outcome`, and for a file whose seal held,
    who sealed it (`sealed_by`: the certificate's organisation) and when."""

    outcome: Outcome
    sealed_by: str = ""
    sealed_at: datetime | None = None

    @property
    def ok(self):
        """Sealed with this organisation's certificate and not a byte changed since."""
        return self.outcome == Outcome.INTACT

    @property
    def sealed(self):
        return self.outcome in {Outcome.INTACT, Outcome.OTHER_CERTIFICATE}

    @property
    def sealed_by_label(self):
        """Only this organisation's certificate is vouched for: any other names
        whoever made it, which anyone can."""
        if self.outcome == Outcome.INTACT:
            return "Sealed by"
        return "Sealed by (as its own certificate says)"

    @property
    def heading(self):
        return WORDS[self.outcome][0]

    @property
    def problem(self):
        """What is wrong with the file, in a sentence or two; empty when nothing is."""
        return "" if self.ok else WORDS[self.outcome][1]

    @property
    def explanation(self):
        return WORDS[self.outcome][1]


def organisation(subject):
    """The organisation a certificate's subject (an asn1crypto Name) names: its
    organisation, else its common name, else the whole name as text."""
    names = subject.native
    return names.get("organization_name") or names.get("common_name") or subject.human_friendly


def check(data, trusted):
    """The Verdict on `data` (a file's bytes) against the certificates `trusted`
    (DER bytes), worked out in a child Python process (this module run as a script)
    within SECONDS and MEMORY_BYTES. Never raises: a file that cannot be checked
    within them, or a child that fails, is NOT_CHECKED."""
    request = json.dumps({"data": _b64(data), "trusted": [_b64(der) for der in trusted]})
    try:
        done = subprocess.run(
            [sys.executable, "-m", __name__, str(MEMORY_BYTES)],
            input=request.encode(),
            capture_output=True,
            timeout=SECONDS,
            cwd=PROJECT,
            check=True,
        )
        answer = json.loads(done.stdout)
        return Verdict(
            Outcome(answer["outcome"]),
            sealed_by=answer["sealed_by"],
            sealed_at=datetime.fromisoformat(answer["sealed_at"]) if answer["sealed_at"] else None,
        )
    except subprocess.TimeoutExpired:
        log.warning("Booklet check: gave up after %s seconds", SECONDS)
    except subprocess.CalledProcessError as failed:  # the memory limit, as a rule
        log.warning("Booklet check: the check stopped: %s", failed.stderr[-2000:])
    except (ValueError, KeyError) as error:
        log.warning("Booklet check: no answer from the check: %r", error)
    return Verdict(Outcome.NOT_CHECKED)


def _b64(data):
    return base64.b64encode(data).decode()


def _child(memory):
    """The child's work: the request on stdin, the answer (JSON) on stdout. The memory
    limit is set before pyHanko is imported or the file read."""
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    request = json.load(sys.stdin)
    data = base64.b64decode(request["data"])
    trusted = [base64.b64decode(der) for der in request["trusted"]]
    try:
        verdict = _validate(data, trusted)
    except MemoryError:
        verdict = Verdict(Outcome.NOT_CHECKED)
    sealed_at = verdict.sealed_at.isoformat() if verdict.sealed_at else None
    answer = {"outcome": verdict.outcome, "sealed_by": verdict.sealed_by, "sealed_at": sealed_at}
    json.dump(answer, sys.stdout)


def _validate(data, trusted):
    from asn1crypto import x509
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    # A seal by another certificate is an answer, not a fault: pyHanko would log it
    # as a warning with a traceback.
    logging.getLogger("pyhanko.sign.validation").setLevel(logging.ERROR)
    try:
        signatures = PdfFileReader(io.BytesIO(data), strict=False).embedded_signatures
    except MemoryError:
        raise
    except Exception as error:  # any damage to the file is a failed check, not a crash
        log.info("Booklet check: unreadable file: %r", error)
        return Verdict(Outcome.NOT_PDF)
    if not signatures:
        return Verdict(Outcome.NOT_SEALED)
    try:
        roots = [x509.Certificate.load(der) for der in trusted]
        context = ValidationContext(trust_roots=roots, allow_fetching=False)
        status = validate_pdf_signature(signatures[-1], context)
    except MemoryError:
        raise
    except Exception as error:
        log.info("Booklet check: damaged seal: %r", error)
        return Verdict(Outcome.SEAL_DAMAGED)
    whole = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    unchanged = status.modification_level in (None, ModificationLevel.NONE)
    if not (status.intact and status.valid and whole and unchanged):
        return Verdict(Outcome.ALTERED)  # nothing the changed file says is repeated
    outcome = Outcome.INTACT if status.trusted else Outcome.OTHER_CERTIFICATE
    return Verdict(
        outcome,
        sealed_by=organisation(status.signing_cert.subject),
        sealed_at=status.signer_reported_dt,
    )


if __name__ == "__main__":
    _child(int(sys.argv[1]))
