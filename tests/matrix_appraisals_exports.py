"""Access-matrix rows for HR's bulk booklet exports (see tests/matrix.py).

Choosing a unit is for HR and administrators (the cycle's own rule). An export is its
requester's alone: the world's HR person follows and downloads their own; everyone
else, administrators included, gets a 404. The download row swaps in the token of an
export another HR person asked for: a 404 for every role, the world's HR person too."""

from django.core.files.base import ContentFile

from tests.matrix import ANON, SIGNED_IN, Row

HR_ONLY = {ANON: 302, **dict.fromkeys(SIGNED_IN, 404), "hr": 200, "administrator": 200}
REQUESTER_ONLY = {ANON: 302, **dict.fromkeys(SIGNED_IN, 404), "hr": 200}
NOBODY = {ANON: 302, **dict.fromkeys(SIGNED_IN, 404)}

ROWS = {
    "appraisals/cycles/<num:pk>/booklets/": Row(HR_ONLY, lambda w: {"pk": w["export_cycle"].pk}),
    "appraisals/exports/<uuid:token>/": Row(
        REQUESTER_ONLY, lambda w: {"token": w["booklet_export"].token}
    ),
    # Swapped: another HR person's export, whose token the world's HR person was given.
    "appraisals/exports/<uuid:token>/download/": Row(
        NOBODY, lambda w: {"token": w["others_export"].token}
    ),
}


def world_extras(world):
    """A cycle of the owner's team with the owner's appraisal; a ready export of it for
    the world's HR person, and another for a second HR person (stand-in ZIP files: the
    matrix checks who is answered)."""
    from appraisals.models import BookletExport
    from tests.factories import PersonFactory
    from tests.factories_booklet import appraisal_for, cycle_for
    from tests.matrix_learning import _test_media_root

    _test_media_root()
    cycle = cycle_for(world["team"], name="Export matrix cycle")
    appraisal_for(world["owner"], cycle=cycle)
    other_hr = PersonFactory(unit=world["team"], hr=True)
    other_hr.hr_scopes.create(unit=world["team"])

    def ready(by):
        export = BookletExport(requested_by=by, cycle=cycle, unit=world["team"], total=1,
                               status=BookletExport.Status.READY)  # fmt: skip
        export.file.save("matrix.zip", ContentFile(b"PK\x05\x06" + b"\0" * 18), save=True)
        return export

    return {"export_cycle": cycle, "booklet_export": ready(world["hr"]),
            "others_export": ready(other_hr)}  # fmt: skip
