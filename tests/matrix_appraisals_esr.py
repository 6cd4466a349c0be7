"""Access-matrix rows for the appraisals app's ESR export URLs (see tests/matrix.py).

The export is HR's (for the cycle's units inside their scope) and administrators':
staff, managers and LED get a 404, as if there were no such page. The world's HR scope
is the whole organisation; tests/test_esr_export.py checks that HR scoped elsewhere,
and a cycle's or a unit's id swapped for one outside the scope, find nothing."""

from tests.matrix import ANON, Row, signed_in

HR_ONLY = {**signed_in(404), ANON: 302, "hr": 200, "administrator": 200}


def _open(world):
    return {"pk": world["open_cycle"].pk}


ROWS = {
    "appraisals/cycles/<num:pk>/esr/": Row(HR_ONLY, _open),
    "appraisals/cycles/<num:pk>/esr/download/": Row(HR_ONLY, _open),
}
