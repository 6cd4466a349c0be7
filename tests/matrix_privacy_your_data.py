"""Access-matrix rows for a person's data out (see tests/matrix.py).

"Your data" is every signed-in person's own page. A copy is its requester's alone: the
owner follows their own copy, everyone else (HR and administrators included) gets a
404. HR prepares a copy for a person of their scope (the owner; a leaver of their units
too, tests/test_your_data_access.py): nobody else reaches that page, administrators
included. The download row is HR's subject access copy of
the owner: the world's HR person downloads it; the owner, whose data it is, gets a 404
(their own copies are theirs to make), as does everyone else."""

from django.core.files.base import ContentFile

from tests.matrix import ANON, SIGNED_IN, Row, signed_in

ONLY = {ANON: 302, **dict.fromkeys(SIGNED_IN, 404)}

ROWS = {
    "your-data/": Row(signed_in(200)),
    "your-data/<uuid:token>/": Row(
        {**ONLY, "owner": 200}, lambda w: {"token": w["own_copy"].token}
    ),
    "your-data/<uuid:token>/download/": Row(
        {**ONLY, "hr": 200}, lambda w: {"token": w["hr_copy"].token}
    ),
    "people/<num:pk>/subject-access/": Row({**ONLY, "hr": 200}, lambda w: {"pk": w["owner"].pk}),
}


def world_extras(world):
    """A copy the owner asked for (being built), and a ready copy of the owner's data
    the world's HR person prepared for a subject access request (a stand-in ZIP: the
    matrix checks who is answered)."""
    from privacy.models import DataExport, SubjectAccessRequest
    from tests.matrix_learning import _test_media_root

    _test_media_root()
    owner, hr = world["owner"], world["hr"]
    own = DataExport.objects.create(person=owner, requested_by=owner)
    request = SubjectAccessRequest.objects.create(person=owner, prepared_by=hr, reference="SAR 1")
    copy = DataExport(person=owner, requested_by=hr, subject_access=request,
                      status=DataExport.Status.READY)  # fmt: skip
    copy.file.save("matrix.zip", ContentFile(b"PK\x05\x06" + b"\0" * 18), save=True)
    return {"own_copy": own, "hr_copy": copy}
