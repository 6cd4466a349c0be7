"""Access-matrix rows for the appraisals app's booklet URLs (see tests/matrix.py).

An appraisal's booklet is read by its person, their appraiser (the line manager), HR
for the person's units and administrators. Other staff, other managers and LED get
a 404, as does HR outside the unit (tests/test_booklet_access.py). Checking a file
is for HR and administrators."""

from django.core.files.base import ContentFile

from tests.matrix import ANON, SIGNED_IN, Row

READERS = {ANON: 302, **dict.fromkeys(SIGNED_IN, 404), "owner": 200, "line_manager": 200,
           "hr": 200, "administrator": 200}  # fmt: skip
CHECKERS = {ANON: 302, **dict.fromkeys(SIGNED_IN, 404), "hr": 200, "administrator": 200}


def appraisal(world):
    return {"pk": world["booklet_appraisal"].pk}


def sealed(world):
    return {"pk": world["booklet_appraisal"].pk, "sealed_pk": world["sealed_booklet"].pk}


ROWS = {
    "appraisals/<num:pk>/booklet/": Row(READERS, appraisal),
    "appraisals/<num:pk>/booklet/download/": Row(READERS, appraisal),
    "appraisals/<num:pk>/booklet/sealed/<num:sealed_pk>/": Row(READERS, sealed),
    "appraisals/booklets/check/": Row(CHECKERS),
}


def world_extras(world):
    """The owner's complete appraisal (their line manager its appraiser) with a sealed
    booklet kept for it (a stand-in file: the matrix checks who is answered)."""
    from appraisals.models import SealedBooklet
    from tests.factories_booklet import appraisal_for, complete, cycle_for, fill
    from tests.matrix_learning import _test_media_root

    _test_media_root()
    cycle = cycle_for(world["team"], name="Booklet matrix cycle")
    done = complete(fill(appraisal_for(world["owner"], cycle=cycle), objectives=1))
    booklet = SealedBooklet(appraisal=done, appraisal_version=done.version, sha256="0" * 64)
    booklet.file.save("matrix.pdf", ContentFile(b"%PDF-1.7\n%%EOF\n"), save=True)
    return {"booklet_appraisal": done, "sealed_booklet": booklet}
