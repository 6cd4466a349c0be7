"""Access-matrix rows for erasure (privacy/erasure): administrators only. Everyone else
gets a 404 for every person, as if there were no such page; tests/test_erasure.py and
tests/test_erasure_refusals.py check the POST and the refusals."""

from tests.matrix import ANON, Row, signed_in

ADMINISTRATORS_ONLY = {**signed_in(404), ANON: 302, "administrator": 200}

ROWS = {
    "people/<num:pk>/erase/": Row(ADMINISTRATORS_ONLY, lambda w: {"pk": w["owner"].pk}),
}
