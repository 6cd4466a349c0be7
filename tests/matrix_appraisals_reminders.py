"""Access-matrix rows for the appraisals app's reminder URLs (see tests/matrix.py).

Everyone signed in chooses how they get their own reminder emails; the page names
nobody else, so there is no one else's record to refuse."""

from tests.matrix import Row, signed_in

ROWS = {
    "appraisals/reminders/preferences/": Row(signed_in(200)),
}
