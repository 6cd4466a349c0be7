"""Access-matrix rows for single sign-on's URLs (people/sso/urls.py), with the default
settings the matrix runs under: single sign-on off and passwords for everyone, so each
answers 404. With single sign-on on, tests/test_sso.py checks every role
(test_each_role_with_single_sign_on_on)."""

from tests.matrix import Row, everyone

ROWS = {
    "sign-in/organisation/": Row(everyone(404)),
    "sign-in/organisation/callback/": Row(everyone(404)),
    "sign-in/password/": Row(everyone(404)),
}
