"""Access-matrix rows for the frontend app's URLs (see tests/matrix.py): a PDF built
in the background is its owner's alone; everyone else is told it does not exist."""

from tests.matrix import ANON, SIGNED_IN, Row, everyone

OWNER_ONLY = {ANON: 302, **dict.fromkeys(SIGNED_IN, 404), "owner": 200}


def _token(world):
    return {"token": world["pdf_download"].token}


ROWS = {
    # No SECURITY_CONTACT in the tests' settings: nothing to publish.
    ".well-known/security.txt": Row(everyone(404)),
    "downloads/<uuid:token>/": Row(OWNER_ONLY, _token),
    "downloads/<uuid:token>/pdf": Row(OWNER_ONLY, _token),
}


def world_extras(world):
    """A finished PDF download owned by world["owner"] (its file in the matrix's
    temporary media directory, see matrix_learning)."""
    from django.core.files.base import ContentFile

    from frontend.models import PdfDownload

    download = PdfDownload(
        owner=world["owner"],
        kind="cpd-log",
        params={"year": 2026, "whole_log": True},
        items=1,
        status=PdfDownload.Status.READY,
        filename="cpd-log.pdf",
    )
    download.file.save("matrix.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    return {"pdf_download": download}
