"""Access-matrix rows for the ESR staff import (see tests/matrix.py).

The upload is for administrators and HR with a scope (the world's HR person looks
after the whole organisation); staff, managers and LED get a 404, as if there were no
such page. A run is its requester's alone: the world's HR person sees their own; the
administrator, and everyone else, gets a 404. The apply row swaps in the token of a run
another HR person asked for: a 404 for every role, the world's HR person too.
tests/test_esr_import_views.py checks HR scoped elsewhere."""

from tests.matrix import ANON, SIGNED_IN, Row

HR_AND_ADMIN = {ANON: 302, **dict.fromkeys(SIGNED_IN, 404), "hr": 200, "administrator": 200}
REQUESTER_ONLY = {ANON: 302, **dict.fromkeys(SIGNED_IN, 404), "hr": 200}
NOBODY = {ANON: 302, **dict.fromkeys(SIGNED_IN, 404)}

ROWS = {
    "people/esr-import/": Row(HR_AND_ADMIN),
    "people/esr-import/<uuid:token>/": Row(
        REQUESTER_ONLY, lambda w: {"token": _runs(w)["mine"].token}
    ),
    # POST only; another HR person's run, whose token the world's HR person was given.
    "people/esr-import/<uuid:token>/apply/": Row(
        NOBODY, lambda w: {"token": _runs(w)["others"].token}, method="post"
    ),
}


def _runs(world):
    """A run of the world's HR person and one of another HR person (made once)."""
    if "esr_runs" not in world:
        from tests.factories import EsrImportRunFactory, PersonFactory

        other = PersonFactory(unit=world["team"], hr=True)
        other.hr_scopes.create(unit=world["team"])
        world["esr_runs"] = {
            "mine": EsrImportRunFactory(requested_by=world["hr"]),
            "others": EsrImportRunFactory(requested_by=other),
        }
    return world["esr_runs"]
